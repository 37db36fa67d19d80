using System.Diagnostics;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Benchmarks;

/// <summary>What one benchmark measured.</summary>
/// <param name="Problem">The problem as run: the fixed-step loop, or the early-exit loop with tolerance 0 (every start takes the full step budget unless it diverges).</param>
/// <param name="Device">The engine's description.</param>
/// <param name="RunSeconds">Wall time of each timed run, in order.</param>
/// <param name="RunCpuSeconds">CPU time the process used during each timed run (all threads).</param>
/// <param name="DescentStepsPerRun">Descent steps one run took, summed over starts.</param>
/// <param name="FlopsPerStep">Counted FLOPs of one step (<see cref="StepFlops"/>).</param>
/// <param name="MultipliesPerStep">Counted products and fused multiply-adds of one step: what occupies the multiply-add units.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set after the runs.</param>
public sealed record DescentBenchmarkResult(
    DescentProblem Problem, string Device, IReadOnlyList<double> RunSeconds, IReadOnlyList<double> RunCpuSeconds, long DescentStepsPerRun, int FlopsPerStep, int MultipliesPerStep, long PeakWorkingSetBytes)
{
    /// <summary>The median of <see cref="RunSeconds"/>.</summary>
    public double MedianSeconds => Median(RunSeconds);

    /// <summary>The median of <see cref="RunCpuSeconds"/>.</summary>
    public double MedianCpuSeconds => Median(RunCpuSeconds);

    /// <summary>
    /// Descent steps per CPU-second times the processor count: what the median run would reach with every core to
    /// itself. On a machine shared with other work this is the number to compare; on a quiet one it matches
    /// <see cref="StepsPerSecond"/>.
    /// </summary>
    public double StepsPerCpuSecondAllCores => DescentStepsPerRun / MedianCpuSeconds * Environment.ProcessorCount;

    /// <summary>Descent steps per second in the median run.</summary>
    public double StepsPerSecond => DescentStepsPerRun / MedianSeconds;

    /// <summary>FLOP/s in the median run.</summary>
    public double FlopsPerSecond => StepsPerSecond * FlopsPerStep;

    private static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }
}

/// <summary>
/// Times an engine on a fixed amount of work: every start runs the whole step budget (the fixed-step loop, or the
/// early-exit loop with tolerance 0, so no start converges early), in bands of at most <see cref="MapRunner.BandStarts"/> starts through one reused
/// <see cref="TileResult"/>, so memory stays bounded by the band whatever the grid. One untimed warm-up run
/// compiles everything first; the median of the timed runs is reported.
/// </summary>
public static class DescentBenchmark
{
    /// <summary>Runs <paramref name="problem"/> <paramref name="warmups"/> + <paramref name="runs"/> times on <paramref name="engine"/>.</summary>
    public static DescentBenchmarkResult Run(DescentProblem problem, IDescentEngine engine, int runs = 5, int warmups = 1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmups);
        // The fixed-step loop does the same work whatever the tolerance; the early-exit loop does it with tolerance 0.
        DescentProblem fixedWork = problem.FixedSteps ? problem : problem with { Tolerance = 0 };
        GridSpec grid = fixedWork.Grid;
        int bandRows = Math.Max(1, MapRunner.BandStarts / grid.Width);
        var band = new TileResult((int)Math.Min(grid.Count, (long)bandRows * grid.Width));

        if (engine is SimdDescentEngine simd && warmups > 0)
        {
            // A long run settles on the fastest plan after its first fraction of a second: time them before the runs.
            simd.PlanNow(fixedWork, new TileSpec(0, 0, grid.Width, Math.Min(bandRows, grid.Height)), out _);
        }

        (IReadOnlyList<double> seconds, IReadOnlyList<double> cpuSeconds, long steps) = RunTimer.Time(runs, warmups, () => RunOnce(fixedWork, engine, band, bandRows));
        using var process = Process.GetCurrentProcess();
        (int flops, int multiplies) = StepFlops.Measure(fixedWork);
        return new DescentBenchmarkResult(fixedWork, engine.Description, seconds, cpuSeconds, steps, flops, multiplies, process.PeakWorkingSet64);
    }

    private static long RunOnce(DescentProblem problem, IDescentEngine engine, TileResult band, int bandRows)
    {
        GridSpec grid = problem.Grid;
        long steps = 0;
        for (int row = 0; row < grid.Height; row += bandRows)
        {
            var tile = new TileSpec(0, row, grid.Width, Math.Min(bandRows, grid.Height - row));
            engine.Run(problem, tile, band);
            if (problem.FixedSteps)
            {
                // Every start takes the whole budget (tested): summing a million counts on one thread between
                // bands, while the other cores wait, was a few percent of a 200-step run's time.
                steps += (long)tile.Count * problem.MaxSteps;
                continue;
            }

            foreach (int count in band.Steps.AsSpan(0, tile.Count))
            {
                steps += count;
            }
        }

        return steps;
    }
}
