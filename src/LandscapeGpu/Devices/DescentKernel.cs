using ILGPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>Scalars a descent kernel needs, packed into one small struct.</summary>
/// <param name="Grid">The whole grid (starts are computed from it in float64).</param>
/// <param name="Tile">The tile this launch covers; thread i is start (i mod width, i div width) of the tile.</param>
/// <param name="MaxSteps">Step budget.</param>
/// <param name="Tolerance2">Squared gradient-norm tolerance.</param>
/// <param name="Radius2">Squared divergence radius.</param>
internal readonly record struct DescentKernelArguments(GridSpec Grid, TileSpec Tile, int MaxSteps, double Tolerance2, double Radius2);

/// <summary>The ILGPU kernel: one descent per thread, the whole descent in registers.</summary>
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
        int column = index % arguments.Tile.Width;
        int row = index / arguments.Tile.Width;
        T x = T.Of(arguments.Grid.StartX(arguments.Tile.X + column));
        T y = T.Of(arguments.Grid.StartY(arguments.Tile.Y + row));
        Descent.Run(landscape, optimizer, ref x, ref y, arguments.MaxSteps,
            T.Of(arguments.Tolerance2), T.Of(arguments.Radius2), out T status, out T stepCount);
        endX[index] = T.GetLane(x, 0);
        endY[index] = T.GetLane(y, 0);
        steps[index] = (int)T.GetLane(stepCount, 0);
        outcomes[index] = (byte)T.GetLane(status, 0);
    }
}
