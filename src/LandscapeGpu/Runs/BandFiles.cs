using System.Runtime.InteropServices;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs;

/// <summary>
/// steps.npy and endpoints.npy of an untiled run written band by band while the descents go on: a background writer
/// appends each finished band to the files' temporaries (<see cref="AtomicOutputs.Open"/>), the steps straight from the
/// run's array, the endpoints converted to the run's precision a block at a time, while the next band is computed, and
/// the system writes them back to disk meanwhile, so the flush at the end (<see cref="Complete"/>) finds little left
/// to do. The bytes are those <see cref="RunFiles.Write"/> writes from the whole arrays.
/// </summary>
public sealed class BandFiles : IDisposable
{
    private readonly FileStream steps;
    private readonly FileStream endpoints;
    private readonly bool singlePrecision;
    private readonly long count;
    private long added;
    // The writes so far, one after another in row order; a failure passes down the chain to Complete.
    private Task writing = Task.CompletedTask;
    private bool disposed;

    /// <summary>Opens both files in <paramref name="outputs"/> and writes their headers for <paramref name="problem"/>'s grid.</summary>
    public BandFiles(AtomicOutputs outputs, DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(problem);
        GridSpec grid = problem.Grid;
        count = grid.Count;
        singlePrecision = problem.Precision == Precision.F32;
        steps = outputs.Open(StepsName);
        try
        {
            endpoints = outputs.Open(EndpointsName);
        }
        catch
        {
            steps.Dispose();
            throw;
        }

        NpyWriter.WriteHeader(steps, NpyWriter.DescriptorOf<int>(), grid.Height, grid.Width);
        NpyWriter.WriteHeader(endpoints, singlePrecision ? NpyWriter.DescriptorOf<float>() : NpyWriter.DescriptorOf<double>(), grid.Height, grid.Width, 2);
    }

    /// <summary>The steps file's name.</summary>
    public const string StepsName = "steps.npy";

    /// <summary>The endpoints file's name.</summary>
    public const string EndpointsName = "endpoints.npy";

    /// <summary>
    /// Queues <paramref name="band"/> for writing and returns at once: bands must come in row order, each right after
    /// the last (a <see cref="MapRunner"/> band callback).
    /// </summary>
    /// <exception cref="InvalidOperationException">The band does not follow the last one.</exception>
    public void Add(FinishedBand band)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (band.Offset != added || added + band.Length > count)
        {
            throw new InvalidOperationException($"a band of {band.Length} starts at start {band.Offset} does not follow the {added} of {count} starts written");
        }

        added += band.Length;
        writing = writing.ContinueWith(previous =>
        {
            previous.GetAwaiter().GetResult();
            Write(band);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Waits for the queued bands, then flushes both files to disk side by side; every start must have been added.</summary>
    /// <exception cref="InvalidOperationException">Starts are missing.</exception>
    /// <exception cref="IOException">A write failed.</exception>
    public void Complete()
    {
        if (added != count)
        {
            throw new InvalidOperationException($"only {added} of {count} starts were written to {StepsName} and {EndpointsName}");
        }

        writing.GetAwaiter().GetResult();
        Concurrently.Run(() => steps.Flush(flushToDisk: true), () => endpoints.Flush(flushToDisk: true));
        Dispose();
    }

    /// <summary>Waits for any write under way, then closes both files (their temporaries are the outputs' to commit or delete).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            writing.Wait();
        }
        catch (AggregateException)
        {
            // A failed write was Complete's to report; closing goes on, and the outputs delete the temporaries.
        }

        steps.Dispose();
        endpoints.Dispose();
    }

    private void Write(FinishedBand band)
    {
        steps.Write(MemoryMarshal.AsBytes(band.Steps.Span));
        if (singlePrecision)
        {
            NpyWriter.WritePairValues<float>(endpoints, band.EndX.Span, band.EndY.Span);
        }
        else
        {
            NpyWriter.WritePairValues<double>(endpoints, band.EndX.Span, band.EndY.Span);
        }
    }
}
