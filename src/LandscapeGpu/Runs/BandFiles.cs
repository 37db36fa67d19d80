using System.Runtime.InteropServices;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs;

/// <summary>
/// steps.npy and endpoints.npy of an untiled run written band by band while the descents go on: each band's steps
/// straight from the engine's buffer, its endpoints converted to the run's precision a block at a time, both appended
/// to the files' temporaries (<see cref="AtomicOutputs.Open"/>). The system writes them back to disk while the next
/// bands are computed, so the flush at the end (<see cref="Complete"/>) finds little left to do. The bytes are those
/// <see cref="RunFiles.Write"/> writes from the whole arrays.
/// </summary>
public sealed class BandFiles : IDisposable
{
    private readonly FileStream steps;
    private readonly FileStream endpoints;
    private readonly bool singlePrecision;
    private readonly long count;
    private long written;

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
    /// Appends the first <paramref name="length"/> starts of <paramref name="band"/>, whose first start is
    /// <paramref name="offset"/>: bands must come in row order, each right after the last (a <see cref="MapRunner"/> band callback).
    /// </summary>
    /// <exception cref="InvalidOperationException">The band does not follow the last one.</exception>
    public void Add(int offset, TileResult band, int length)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (offset != written || written + length > count)
        {
            throw new InvalidOperationException($"a band of {length} starts at start {offset} does not follow the {written} of {count} starts written");
        }

        steps.Write(MemoryMarshal.AsBytes(band.Steps.AsSpan(0, length)));
        if (singlePrecision)
        {
            NpyWriter.WritePairValues<float>(endpoints, band.EndX.AsSpan(0, length), band.EndY.AsSpan(0, length));
        }
        else
        {
            NpyWriter.WritePairValues<double>(endpoints, band.EndX.AsSpan(0, length), band.EndY.AsSpan(0, length));
        }

        written += length;
    }

    /// <summary>Flushes both files to disk, side by side; every start must have been added.</summary>
    /// <exception cref="InvalidOperationException">Starts are missing.</exception>
    public void Complete()
    {
        if (written != count)
        {
            throw new InvalidOperationException($"only {written} of {count} starts were written to {StepsName} and {EndpointsName}");
        }

        Concurrently.Run(() => steps.Flush(flushToDisk: true), () => endpoints.Flush(flushToDisk: true));
        Dispose();
    }

    /// <summary>Closes both files (their temporaries are the outputs' to commit or delete).</summary>
    public void Dispose()
    {
        steps.Dispose();
        endpoints.Dispose();
    }
}
