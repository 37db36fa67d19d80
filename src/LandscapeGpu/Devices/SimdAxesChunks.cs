using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>What every chunk of one SIMD launch of an axes map shares.</summary>
/// <param name="Tile">The tile; start i of the tile is column i mod width, row i div width.</param>
/// <param name="MaxSteps">Step budget.</param>
/// <param name="Tolerance2">Squared gradient-norm tolerance.</param>
/// <param name="Radius2">Squared divergence radius.</param>
/// <param name="FixedSteps">Every start takes exactly <paramref name="MaxSteps"/> steps (<see cref="Descent.RunFixed"/>).</param>
/// <param name="Setup">How a cell's axis values become its start and hyperparameters.</param>
/// <param name="AxisValues">The tile's column values, then its row values (<see cref="MapAxes.AxisValues"/>).</param>
internal readonly record struct SimdAxesArguments(TileSpec Tile, int MaxSteps, double Tolerance2, double Radius2, bool FixedSteps, StartSetup Setup, double[] AxisValues);

/// <summary>
/// The SIMD engine's loop for maps whose starts differ in their hyperparameters (<see cref="MapAxes"/>): a chunk is
/// one group of <c>T.LaneCount</c> consecutive starts, each lane with its own start point and hyperparameters, run
/// by the same <see cref="Descent.Run"/> (or <see cref="Descent.RunFixed"/>) with an optimizer built lane by lane.
/// The loop's other groups repeat the first (its groups share one optimizer, and no two cells of a hyperparameter
/// map share their hyperparameters), so each lane's result is exactly that of its start alone; the cost is that
/// work, done twice (four times with fixed steps).
/// </summary>
[SkipLocalsInit]
internal static class SimdAxesChunks
{
    private const int MaxLanes = SimdDescentChunks.MaxLanes;

    /// <summary>Descends chunks [<paramref name="firstChunk"/>, <paramref name="endChunk"/>) of <c>T.LaneCount</c> starts and writes their results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static unsafe void Run<TLandscape, TOptimizer, TFactory, T>(
        TLandscape landscape, TFactory factory, SimdAxesArguments arguments, int firstChunk, int endChunk, TileResult result)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where TFactory : struct, IOptimizerFactory<TOptimizer, T>
        where T : struct, IReal<T>
    {
        int lanes = T.LaneCount;
        // One row per lane value: x, y, lr, −lr, μ, β1, 1 − β1, β2, 1 − β2, ε, lr of y, −lr of y.
        const int Rows = 12;
        Span<double> values = stackalloc double[Rows * MaxLanes];
        Span<double> laneBuffer = stackalloc double[3 * MaxLanes];
        if (Unsafe.SizeOf<DescentMemory<T>>() > SimdDescentChunks.MaxMemoryBytes)
        {
            throw new NotSupportedException($"{typeof(T).Name} needs {Unsafe.SizeOf<DescentMemory<T>>()} bytes of descent memory, more than the {SimdDescentChunks.MaxMemoryBytes} reserved");
        }

        const int CacheLine = SimdDescentChunks.CacheLine;
        byte* memoryBlock = stackalloc byte[SimdDescentChunks.MaxMemoryBytes + CacheLine];
        ref DescentMemory<T> memory = ref Unsafe.AsRef<DescentMemory<T>>((void*)(((nint)memoryBlock + (CacheLine - 1)) & ~(nint)(CacheLine - 1)));
        T tolerance2 = T.Of(arguments.Tolerance2);
        T radius2 = T.Of(arguments.Radius2);
        TileSpec tile = arguments.Tile;
        StartSetup setup = arguments.Setup;
        ReadOnlySpan<double> axisValues = arguments.AxisValues;
        int total = tile.Count;
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            int first = chunk * lanes;
            int count = Math.Min(lanes, total - first);
            bool sameLearningRates = true;
            for (int lane = 0; lane < lanes; lane++)
            {
                // The last chunk is padded with copies of its last start, whose results are dropped.
                int start = first + Math.Min(lane, count - 1);
                setup.At(axisValues[start % tile.Width], axisValues[tile.Width + start / tile.Width], out double x, out double y, out Hyperparameters hyperparameters);
                values[lane] = x;
                values[MaxLanes + lane] = y;
                values[(2 * MaxLanes) + lane] = hyperparameters.LearningRate;
                values[(3 * MaxLanes) + lane] = -hyperparameters.LearningRate;
                values[(4 * MaxLanes) + lane] = hyperparameters.Momentum;
                values[(5 * MaxLanes) + lane] = hyperparameters.Beta1;
                values[(6 * MaxLanes) + lane] = 1 - hyperparameters.Beta1;
                values[(7 * MaxLanes) + lane] = hyperparameters.Beta2;
                values[(8 * MaxLanes) + lane] = 1 - hyperparameters.Beta2;
                values[(9 * MaxLanes) + lane] = hyperparameters.Epsilon;
                values[(10 * MaxLanes) + lane] = hyperparameters.LearningRateY;
                values[(11 * MaxLanes) + lane] = -hyperparameters.LearningRateY;
                sameLearningRates &= BitConverter.DoubleToInt64Bits(hyperparameters.LearningRate) == BitConverter.DoubleToInt64Bits(hyperparameters.LearningRateY);
            }

            var optimizerValues = new OptimizerValues<T>(
                Lanes<T>(values, 2), Lanes<T>(values, 3), Lanes<T>(values, 10), Lanes<T>(values, 11), sameLearningRates,
                Lanes<T>(values, 4), Lanes<T>(values, 5), Lanes<T>(values, 6), Lanes<T>(values, 7), Lanes<T>(values, 8), Lanes<T>(values, 9));
            TOptimizer optimizer = factory.Create(optimizerValues);
            T startX = Lanes<T>(values, 0), startY = Lanes<T>(values, 1);
            T endX = startX, endY = startY, status;
            if (arguments.FixedSteps)
            {
                T x1 = startX, y1 = startY, x2 = startX, y2 = startY, x3 = startX, y3 = startY;
                Descent.RunFixed(landscape, optimizer, ref memory, ref endX, ref endY, ref x1, ref y1, ref x2, ref y2, ref x3, ref y3,
                    arguments.MaxSteps, tolerance2, radius2, out status, out _, out _, out _);
                result.Steps.AsSpan(first, count).Fill(arguments.MaxSteps);
            }
            else
            {
                T twinX = startX, twinY = startY;
                Descent.Run(landscape, optimizer, ref memory, ref endX, ref endY, ref twinX, ref twinY, arguments.MaxSteps, tolerance2, radius2,
                    out status, out T steps, out _, out _);
                SimdDescentChunks.WriteSteps(result, first, count, steps, laneBuffer);
            }

            SimdDescentChunks.Write(result, first, count, endX, endY, status, laneBuffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Lanes<T>(ReadOnlySpan<double> values, int row) where T : struct, IReal<T> =>
        SimdLaneLoader.FromLanes<T>(values.Slice(row * MaxLanes, MaxLanes));
}
