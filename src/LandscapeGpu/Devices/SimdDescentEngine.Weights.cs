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
            int chunkSize = SimdWeightChunks.Groups * T.LaneCount;
            int chunks = (tile.Count + chunkSize - 1) / chunkSize;
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
    /// <summary>Groups of lanes one chunk descends at once (see <see cref="WeightDescent.RunPair"/> and <see cref="WeightDescent.RunFixedPair"/>).</summary>
    public const int Groups = 2;

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
        int chunkSize = Groups * lanes;
        int count = problem.Count;
        Span<double> starts = stackalloc double[SimdDescentChunks.MaxLanes * WeightDescent.MaxWeights];
        Span<double> one = stackalloc double[WeightDescent.MaxWeights];
        Span<double> buffer = stackalloc double[SimdDescentChunks.MaxLanes];
        double radius = problem.DivergenceRadius;
        T tolerance2 = T.Of(problem.Tolerance * problem.Tolerance);
        T radius2 = T.Of(radius * radius);
        T budget = T.Of(problem.MaxSteps);
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            int first = chunk * chunkSize;
            int used = Math.Min(chunkSize, tile.Count - first);
            TWeights weightsA = Load<T, TWeights>(problem, tile, first, used, starts, one);
            TWeights weightsB = Load<T, TWeights>(problem, tile, first + lanes, used - lanes, starts, one);
            T statusA, statusB, stepsA = budget, stepsB = budget;
            if (problem.FixedSteps)
            {
                WeightDescent.RunFixedPair<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weightsA, ref weightsB, problem.MaxSteps,
                    tolerance2, radius2, out statusA, out statusB);
            }
            else
            {
                WeightDescent.RunPair<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weightsA, ref weightsB, problem.MaxSteps,
                    tolerance2, radius2, out statusA, out stepsA, out statusB, out stepsB);
            }

            Store(result, count, first, Math.Min(used, lanes), weightsA, statusA, stepsA, buffer);
            if (used > lanes)
            {
                Store(result, count, first + lanes, used - lanes, weightsB, statusB, stepsB, buffer);
            }
        }
    }

    // One group's lanes from the starts first... of the tile (used of them in the tile; lanes past it repeat the last
    // start, and a group wholly past the tile repeats the tile's last start).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TWeights Load<T, TWeights>(WeightDescentProblem problem, TileSpec tile, int first, int used, Span<double> starts, Span<double> one)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        int lanes = T.LaneCount;
        int count = problem.Count;
        for (int lane = 0; lane < lanes; lane++)
        {
            int start = Math.Min(first + Math.Min(lane, Math.Max(used, 1) - 1), tile.Count - 1);
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

        return weights;
    }

    // The first used lanes of one group to result[first...].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TWeights>(WeightTileResult result, int count, int first, int used, in TWeights weights, T status, T steps, Span<double> buffer)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
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
