using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Devices;

// The K-weight maps (issue 14): one start per SIMD lane, one group of lanes per chunk, the loop of WeightDescent.
public sealed partial class SimdDescentEngine : IWeightDescentEngine
{
    /// <inheritdoc/>
    public void Run<TModel>(in TModel model, WeightDescentProblem problem, TileSpec tile, WeightTileResult result)
        where TModel : struct, IWeightModel
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Capacity < tile.Count || result.Count != problem.Count)
        {
            throw new ArgumentException($"the result holds {result.Capacity} starts of {result.Count} weights but the tile has {tile.Count} of {problem.Count}", nameof(result));
        }

        if (tile.Count == 0)
        {
            return;
        }

        var launch = new WeightLaunch(this, problem, tile, result);
        if (tuner.Default.Width == SimdWidth.Bits512)
        {
            WeightSpecialization.Dispatch<TModel, Lanes16F32, Lanes8F64>(model, problem, launch);
        }
        else
        {
            WeightSpecialization.Dispatch<TModel, Lanes8F32, Lanes4F64>(model, problem, launch);
        }
    }

    private sealed class WeightLaunch(SimdDescentEngine engine, WeightDescentProblem problem, TileSpec tile, WeightTileResult result) : IWeightSpecializedDescent
    {
        public void Run<TModel, TOptimizer, T, TWeights, THessian>(in TModel model, in TOptimizer optimizer)
            where TModel : struct, IWeightModel
            where TOptimizer : struct, IWeightOptimizer<T>
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
            where THessian : struct, ISymmetricWeights<T, THessian>
        {
            TModel modelCopy = model;
            TOptimizer optimizerCopy = optimizer;
            int chunks = (tile.Count + T.LaneCount - 1) / T.LaneCount;
            int chunksPerItem = Math.Max(1, chunks / (engine.threads * WorkItemsPerThread));
            var options = new ParallelOptions { MaxDegreeOfParallelism = engine.threads };
            Parallel.ForEach(Partitioner.Create(0, chunks, chunksPerItem), options, range =>
                SimdWeightChunks.Run<TModel, TOptimizer, T, TWeights, THessian>(modelCopy, optimizerCopy, problem, tile, range.Item1, range.Item2, result));
        }
    }
}

[SkipLocalsInit]
internal static class SimdWeightChunks
{
    // NoInlining | AggressiveOptimization: compiled once, fully optimized, never inlined into the Parallel.ForEach
    // lambda (see SimdDescentChunks.Run and shared NOTES.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Run<TModel, TOptimizer, T, TWeights, THessian>(
        TModel model, TOptimizer optimizer, WeightDescentProblem problem, TileSpec tile, int firstChunk, int endChunk, WeightTileResult result)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        int lanes = T.LaneCount;
        int count = problem.Count;
        Span<double> starts = stackalloc double[SimdDescentChunks.MaxLanes * WeightDescent.MaxWeights];
        Span<double> one = stackalloc double[WeightDescent.MaxWeights];
        Span<double> buffer = stackalloc double[SimdDescentChunks.MaxLanes];
        double radius = problem.DivergenceRadius;
        T tolerance2 = T.Of(problem.Tolerance * problem.Tolerance);
        T radius2 = T.Of(radius * radius);
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            int first = chunk * lanes;
            int used = Math.Min(lanes, tile.Count - first);

            // Lane-major starts: weight k of lane i at [k·lanes + i]; lanes past the tile repeat its last start.
            for (int lane = 0; lane < lanes; lane++)
            {
                int start = first + Math.Min(lane, used - 1);
                problem.StartAt(tile.X + start % tile.Width, tile.Y + start / tile.Width, one);
                for (int k = 0; k < count; k++)
                {
                    starts[k * lanes + lane] = one[k];
                }
            }

            var weights = default(TWeights);
            for (int k = 0; k < count; k++)
            {
                TWeights.Set(ref weights, k, SimdLaneLoader.FromLanes<T>(starts.Slice(k * lanes, lanes)));
            }

            T status;
            T steps;
            if (problem.FixedSteps)
            {
                WeightDescent.RunFixed<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, problem.MaxSteps, tolerance2, radius2, out status);
                steps = T.Of(problem.MaxSteps);
            }
            else
            {
                WeightDescent.Run<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, problem.MaxSteps, tolerance2, radius2, out status, out steps);
            }

            for (int k = 0; k < count; k++)
            {
                SimdLaneLoader.ToLanes(TWeights.Get(weights, k), buffer);
                for (int lane = 0; lane < used; lane++)
                {
                    result.Endpoints[(long)(first + lane) * count + k] = buffer[lane];
                }
            }

            SimdLaneLoader.ToLanes(status, buffer);
            for (int lane = 0; lane < used; lane++)
            {
                result.Outcomes[first + lane] = (DescentOutcome)(byte)double.ConvertToIntegerNative<int>(buffer[lane]);
            }

            SimdLaneLoader.ToLanes(steps, buffer);
            for (int lane = 0; lane < used; lane++)
            {
                result.Steps[first + lane] = double.ConvertToIntegerNative<int>(buffer[lane]);
            }
        }
    }
}
