using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>Scalars a descent kernel needs, packed into one small struct.</summary>
/// <param name="Grid">The whole grid (starts are computed from it in float64).</param>
/// <param name="Tile">The tile this launch covers; start i of the tile is (i mod width, i div width).</param>
/// <param name="MaxSteps">Step budget.</param>
/// <param name="Tolerance2">Squared gradient-norm tolerance.</param>
/// <param name="Radius2">Squared divergence radius.</param>
internal readonly record struct DescentKernelArguments(GridSpec Grid, TileSpec Tile, int MaxSteps, double Tolerance2, double Radius2);

/// <summary>What the kernel of an axes map adds to <see cref="DescentKernelArguments"/>.</summary>
/// <param name="Setup">How a cell's axis values become its start and hyperparameters.</param>
/// <param name="FixedSteps">1: every start takes exactly the budget (<see cref="Descent.RunFixed"/>); 0: early exit.</param>
internal readonly record struct PerStartKernelArguments(StartSetup Setup, int FixedSteps);

/// <summary>The ILGPU kernel: two descents per thread (see <see cref="Descent.Run"/>), the whole descent in registers.</summary>
internal static class DescentKernel
{
    public static void Run<TLandscape, TOptimizer, T>(
        Index1D index,
        TLandscape landscape,
        TOptimizer optimizer,
        DescentKernelArguments arguments,
        ArrayView<double> endX,
        ArrayView<double> endY,
        ArrayView<int> steps,
        ArrayView<byte> outcomes)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        // Thread i descends starts i and i + half together (the loop's two groups): two independent chains in
        // flight per thread. With an odd count the last thread's second start repeats its first, unwritten.
        const int Chains = 2;
        Begin(arguments, index, 0, Chains, out T firstX, out T firstY);
        Begin(arguments, index, 1, Chains, out T secondX, out T secondY);
        var memory = default(DescentMemory<T>);
        Descent.Run(landscape, optimizer, ref memory, ref firstX, ref firstY, ref secondX, ref secondY, arguments.MaxSteps,
            T.Of(arguments.Tolerance2), T.Of(arguments.Radius2), out T firstStatus, out T firstSteps, out T secondStatus, out T secondSteps);
        End(arguments, index, 0, Chains, firstX, firstY, firstStatus, (int)T.GetLane(firstSteps, 0), endX, endY, steps, outcomes);
        End(arguments, index, 1, Chains, secondX, secondY, secondStatus, (int)T.GetLane(secondSteps, 0), endX, endY, steps, outcomes);
    }

    /// <summary>
    /// The fixed-step kernel (<see cref="Descent.RunFixed"/>): thread i descends starts i, i + q, i + 2q and i + 3q,
    /// q = ⌈count / 4⌉, four independent chains per thread; starts past the end repeat the last one, unwritten.
    /// </summary>
    public static void RunFixed<TLandscape, TOptimizer, T>(
        Index1D index,
        TLandscape landscape,
        TOptimizer optimizer,
        DescentKernelArguments arguments,
        ArrayView<double> endX,
        ArrayView<double> endY,
        ArrayView<int> steps,
        ArrayView<byte> outcomes)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        const int Chains = 4;
        Begin(arguments, index, 0, Chains, out T x0, out T y0);
        Begin(arguments, index, 1, Chains, out T x1, out T y1);
        Begin(arguments, index, 2, Chains, out T x2, out T y2);
        Begin(arguments, index, 3, Chains, out T x3, out T y3);
        var memory = default(DescentMemory<T>);
        Descent.RunFixed(landscape, optimizer, ref memory, ref x0, ref y0, ref x1, ref y1, ref x2, ref y2, ref x3, ref y3, arguments.MaxSteps,
            T.Of(arguments.Tolerance2), T.Of(arguments.Radius2), out T status0, out T status1, out T status2, out T status3);
        End(arguments, index, 0, Chains, x0, y0, status0, arguments.MaxSteps, endX, endY, steps, outcomes);
        End(arguments, index, 1, Chains, x1, y1, status1, arguments.MaxSteps, endX, endY, steps, outcomes);
        End(arguments, index, 2, Chains, x2, y2, status2, arguments.MaxSteps, endX, endY, steps, outcomes);
        End(arguments, index, 3, Chains, x3, y3, status3, arguments.MaxSteps, endX, endY, steps, outcomes);
    }

    /// <summary>
    /// The kernel of an axes map (<see cref="MapAxes"/>): thread i sets up start i from its cell's axis values (its
    /// start point and hyperparameters, <see cref="StartSetup"/>), builds its own optimizer with
    /// <paramref name="factory"/> and descends it alone (the loop's other groups repeat it).
    /// </summary>
    /// <param name="index">The start.</param>
    /// <param name="landscape">The cost surface.</param>
    /// <param name="factory">Builds the start's optimizer.</param>
    /// <param name="arguments">The grid, tile and budget.</param>
    /// <param name="perStart">The setup, and whether steps are fixed.</param>
    /// <param name="axisValues">The tile's column values, then its row values.</param>
    /// <param name="endX">Endpoints x out.</param>
    /// <param name="endY">Endpoints y out.</param>
    /// <param name="steps">Steps out.</param>
    /// <param name="outcomes">Outcomes out.</param>
    public static void RunPerStart<TLandscape, TOptimizer, TFactory, T>(
        Index1D index,
        TLandscape landscape,
        TFactory factory,
        DescentKernelArguments arguments,
        PerStartKernelArguments perStart,
        ArrayView<double> axisValues,
        ArrayView<double> endX,
        ArrayView<double> endY,
        ArrayView<int> steps,
        ArrayView<byte> outcomes)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where TFactory : struct, IOptimizerFactory<TOptimizer, T>
        where T : struct, IReal<T>
    {
        int width = arguments.Tile.Width;
        int start = index;
        perStart.Setup.At(axisValues[start % width], axisValues[width + start / width], out double startX, out double startY, out Hyperparameters hyperparameters);
        TOptimizer optimizer = factory.Create(OptimizerValues<T>.Of(hyperparameters));
        T x = T.Of(startX), y = T.Of(startY);
        T tolerance2 = T.Of(arguments.Tolerance2), radius2 = T.Of(arguments.Radius2);
        var memory = default(DescentMemory<T>);
        if (perStart.FixedSteps != 0)
        {
            T x1 = x, y1 = y, x2 = x, y2 = y, x3 = x, y3 = y;
            Descent.RunFixed(landscape, optimizer, ref memory, ref x, ref y, ref x1, ref y1, ref x2, ref y2, ref x3, ref y3, arguments.MaxSteps,
                tolerance2, radius2, out T fixedStatus, out T _, out T _, out T _);
            End(arguments, index, 0, 1, x, y, fixedStatus, arguments.MaxSteps, endX, endY, steps, outcomes);
        }
        else
        {
            T twinX = x, twinY = y;
            Descent.Run(landscape, optimizer, ref memory, ref x, ref y, ref twinX, ref twinY, arguments.MaxSteps, tolerance2, radius2,
                out T status, out T stepCount, out T _, out T _);
            End(arguments, index, 0, 1, x, y, status, (int)T.GetLane(stepCount, 0), endX, endY, steps, outcomes);
        }
    }

    // With `chains` chains per thread, chain k of thread i descends start i + k·⌈count / chains⌉ of the tile (a launch
    // has ⌈count / chains⌉ threads, so chain 0 is always in the tile; a later one past the end is not).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ChainStart(DescentKernelArguments arguments, int index, int chain, int chains) =>
        index + chain * ((arguments.Tile.Count + chains - 1) / chains);

    // The prologue of a chain: its start's coordinates; a start past the end repeats the last one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Begin<T>(DescentKernelArguments arguments, int index, int chain, int chains, out T x, out T y)
        where T : struct, IReal<T>
    {
        int start = Math.Min(ChainStart(arguments, index, chain, chains), arguments.Tile.Count - 1);
        x = T.Of(arguments.Grid.StartX(arguments.Tile.X + start % arguments.Tile.Width));
        y = T.Of(arguments.Grid.StartY(arguments.Tile.Y + start / arguments.Tile.Width));
    }

    // The epilogue of a chain: its endpoint, outcome and steps, unless its start was past the end (a repeat).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void End<T>(DescentKernelArguments arguments, int index, int chain, int chains, T x, T y, T status, int stepCount,
        ArrayView<double> endX, ArrayView<double> endY, ArrayView<int> steps, ArrayView<byte> outcomes)
        where T : struct, IReal<T>
    {
        int start = ChainStart(arguments, index, chain, chains);
        if (start < arguments.Tile.Count)
        {
            endX[start] = T.GetLane(x, 0);
            endY[start] = T.GetLane(y, 0);
            steps[start] = stepCount;
            outcomes[start] = (byte)T.GetLane(status, 0);
        }
    }
}
