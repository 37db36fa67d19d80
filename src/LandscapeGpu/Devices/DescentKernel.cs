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
        int count = arguments.Tile.Count;
        int half = (count + 1) / 2;
        int first = index;
        int second = Math.Min(index + half, count - 1);
        T firstX = StartX<T>(arguments, first), firstY = StartY<T>(arguments, first);
        T secondX = StartX<T>(arguments, second), secondY = StartY<T>(arguments, second);
        var memory = default(DescentMemory<T>);
        Descent.Run(landscape, optimizer, ref memory, ref firstX, ref firstY, ref secondX, ref secondY, arguments.MaxSteps,
            T.Of(arguments.Tolerance2), T.Of(arguments.Radius2), out T firstStatus, out T firstSteps, out T secondStatus, out T secondSteps);
        Store(first, firstX, firstY, firstStatus, (int)T.GetLane(firstSteps, 0), endX, endY, steps, outcomes);
        if (index + half < count)
        {
            Store(second, secondX, secondY, secondStatus, (int)T.GetLane(secondSteps, 0), endX, endY, steps, outcomes);
        }
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
        int count = arguments.Tile.Count;
        int quarter = (count + 3) / 4;
        int start0 = index;
        int start1 = Math.Min(index + quarter, count - 1);
        int start2 = Math.Min(index + 2 * quarter, count - 1);
        int start3 = Math.Min(index + 3 * quarter, count - 1);
        T x0 = StartX<T>(arguments, start0), y0 = StartY<T>(arguments, start0);
        T x1 = StartX<T>(arguments, start1), y1 = StartY<T>(arguments, start1);
        T x2 = StartX<T>(arguments, start2), y2 = StartY<T>(arguments, start2);
        T x3 = StartX<T>(arguments, start3), y3 = StartY<T>(arguments, start3);
        var memory = default(DescentMemory<T>);
        Descent.RunFixed(landscape, optimizer, ref memory, ref x0, ref y0, ref x1, ref y1, ref x2, ref y2, ref x3, ref y3, arguments.MaxSteps,
            T.Of(arguments.Tolerance2), T.Of(arguments.Radius2), out T status0, out T status1, out T status2, out T status3);
        Store(start0, x0, y0, status0, arguments.MaxSteps, endX, endY, steps, outcomes);
        if (index + quarter < count)
        {
            Store(start1, x1, y1, status1, arguments.MaxSteps, endX, endY, steps, outcomes);
        }

        if (index + 2 * quarter < count)
        {
            Store(start2, x2, y2, status2, arguments.MaxSteps, endX, endY, steps, outcomes);
        }

        if (index + 3 * quarter < count)
        {
            Store(start3, x3, y3, status3, arguments.MaxSteps, endX, endY, steps, outcomes);
        }
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
            Store(start, x, y, fixedStatus, arguments.MaxSteps, endX, endY, steps, outcomes);
        }
        else
        {
            T twinX = x, twinY = y;
            Descent.Run(landscape, optimizer, ref memory, ref x, ref y, ref twinX, ref twinY, arguments.MaxSteps, tolerance2, radius2,
                out T status, out T stepCount, out T _, out T _);
            Store(start, x, y, status, (int)T.GetLane(stepCount, 0), endX, endY, steps, outcomes);
        }
    }

    private static T StartX<T>(DescentKernelArguments arguments, int start) where T : struct, IReal<T> =>
        T.Of(arguments.Grid.StartX(arguments.Tile.X + start % arguments.Tile.Width));

    private static T StartY<T>(DescentKernelArguments arguments, int start) where T : struct, IReal<T> =>
        T.Of(arguments.Grid.StartY(arguments.Tile.Y + start / arguments.Tile.Width));

    private static void Store<T>(int start, T x, T y, T status, int stepCount,
        ArrayView<double> endX, ArrayView<double> endY, ArrayView<int> steps, ArrayView<byte> outcomes)
        where T : struct, IReal<T>
    {
        endX[start] = T.GetLane(x, 0);
        endY[start] = T.GetLane(y, 0);
        steps[start] = stepCount;
        outcomes[start] = (byte)T.GetLane(status, 0);
    }
}
