using System.Diagnostics;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Benchmarks;

/// <summary>
/// <see cref="DescentBenchmark"/> for descents in all K trained weights of a generated model (issue 14): the same
/// timing (median of runs after warm-ups, wall and CPU seconds) and the same report, with the FLOP of one K-weight step counted.
/// </summary>
public static class WeightBenchmark
{
    /// <summary>
    /// Times <paramref name="runs"/> runs of <paramref name="problem"/> on <paramref name="entry"/> with
    /// <paramref name="engine"/>; the result reports <paramref name="reported"/> (the 2-D problem of the same command
    /// line: landscape, optimizer, grid, steps and precision) with this problem's loop.
    /// </summary>
    public static DescentBenchmarkResult Run(WeightModelEntry entry, WeightDescentProblem problem, DescentProblem reported, IDescentEngine engine, int runs = 5, int warmups = 1)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmups);
        // The fixed-step loop does the same work whatever the tolerance; the early-exit loop does it with tolerance 0.
        WeightDescentProblem fixedWork = problem.FixedSteps ? problem : problem with { Tolerance = 0 };
        (IReadOnlyList<double> seconds, IReadOnlyList<double> cpuSeconds, long steps) = WeightEngines.Dispatch(entry, engine, new TimedRuns(fixedWork, runs, warmups));
        (int flops, int multiplies) = entry.Accept(new FlopCounter(fixedWork));
        using var process = Process.GetCurrentProcess();
        return new DescentBenchmarkResult(reported with { FixedSteps = fixedWork.FixedSteps }, engine.Description, seconds, cpuSeconds, steps, flops, multiplies, process.PeakWorkingSet64);
    }

    private sealed class TimedRuns(WeightDescentProblem problem, int runs, int warmups) : IWeightEngineTask<(IReadOnlyList<double>, IReadOnlyList<double>, long)>
    {
        public (IReadOnlyList<double>, IReadOnlyList<double>, long) Run<TModel>(TModel model, IWeightDescentEngine engine) where TModel : struct, IWeightModel
        {
            GridSpec grid = problem.Grid;
            int bandRows = Math.Max(1, MapRunner.BandStarts / problem.Count / grid.Width);
            var band = new WeightTileResult((int)Math.Min(grid.Count, (long)bandRows * grid.Width), problem.Count);
            return RunTimer.Time(runs, warmups, () => RunOnce(model, engine, band, bandRows));
        }

        private long RunOnce<TModel>(TModel model, IWeightDescentEngine engine, WeightTileResult band, int bandRows) where TModel : struct, IWeightModel
        {
            GridSpec grid = problem.Grid;
            long steps = 0;
            for (int row = 0; row < grid.Height; row += bandRows)
            {
                var tile = new TileSpec(0, row, grid.Width, Math.Min(bandRows, grid.Height - row));
                engine.Run(model, problem, tile, band);
                if (problem.FixedSteps)
                {
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

    // One step (gradient, schedule, update) of the specialization the engines run, counted with FlopCountingReal at the
    // first start of the grid: what the weight vector of the dispatched capacity computes, unused entries included.
    private sealed class FlopCounter(WeightDescentProblem problem) : IWeightModelVisitor<(int, int)>
    {
        public (int, int) Visit<TModel>(TModel model) where TModel : struct, IWeightModel
        {
            var step = new CountedStep(problem);
            WeightSpecialization.Dispatch<TModel, FlopCountingReal, FlopCountingReal>(model, problem, step);
            return (step.Flops, step.Multiplies);
        }
    }

    private sealed class CountedStep(WeightDescentProblem problem) : IWeightSpecializedDescent
    {
        public int Flops { get; private set; }

        public int Multiplies { get; private set; }

        public void Run<TModel, TOptimizer, T, TWeights, THessian>(in TModel model, in TOptimizer optimizer)
            where TModel : struct, IWeightModel
            where TOptimizer : struct, IWeightOptimizer<T>
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
            where THessian : struct, ISymmetricWeights<T, THessian>
        {
            var start = new double[problem.Count];
            problem.StartAt(0, 0, start);
            var weights = default(TWeights);
            for (int k = 0; k < start.Length; k++)
            {
                TWeights.Set(ref weights, k, T.Of(start[k]));
            }

            var schedule = OptimizerSchedule<T>.Initial;
            var moments = default(WeightMoments<T, TWeights>);
            // The schedule (Adam's bias corrections) is shared by all starts in flight, so not counted, as in StepFlops.
            optimizer.Advance(ref schedule);
            FlopCountingReal.Reset();
            model.Gradient<T, TWeights>(weights, out TWeights gradient);
            optimizer.Step<TModel, TWeights, THessian>(model, schedule, ref moments, ref weights, gradient);
            Flops = checked((int)FlopCountingReal.Operations);
            Multiplies = checked((int)FlopCountingReal.Multiplies);
        }
    }
}
