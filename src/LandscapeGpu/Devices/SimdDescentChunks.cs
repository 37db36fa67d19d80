using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>What every chunk of one SIMD launch shares.</summary>
/// <param name="Grid">The whole grid (starts are computed from it in float64, as the kernel does).</param>
/// <param name="Tile">The tile; start i of the tile is column i mod width, row i div width.</param>
/// <param name="MaxSteps">Step budget.</param>
/// <param name="Tolerance2">Squared gradient-norm tolerance.</param>
/// <param name="Radius2">Squared divergence radius.</param>
internal readonly record struct SimdDescentArguments(GridSpec Grid, TileSpec Tile, int MaxSteps, double Tolerance2, double Radius2);

/// <summary>
/// The SIMD engine's hot loop: a chunk is <c>T.LaneCount</c> consecutive starts of the tile, descended together by
/// the shared <see cref="Descent.Run"/>; the last chunk is padded with copies of its last start, whose results are dropped.
/// </summary>
internal static class SimdDescentChunks
{
    /// <summary>Most lanes any engine number type has (room to spare over <see cref="Lanes16F32"/>).</summary>
    public const int MaxLanes = 32;

    /// <summary>Descends chunks [<paramref name="firstChunk"/>, <paramref name="endChunk"/>) and writes their results.</summary>
    // NoInlining | AggressiveOptimization: compiled once, fully optimized, and never inlined into the caller's
    // lambda, where tiered re-compilation was measured to spill the vector state to the stack (shared NOTES.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Run<TLandscape, TOptimizer, T>(
        TLandscape landscape, TOptimizer optimizer, SimdDescentArguments arguments, int firstChunk, int endChunk, TileResult result)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        int lanes = T.LaneCount;
        Span<double> startX = stackalloc double[MaxLanes];
        Span<double> startY = stackalloc double[MaxLanes];
        T tolerance2 = T.Of(arguments.Tolerance2);
        T radius2 = T.Of(arguments.Radius2);
        TileSpec tile = arguments.Tile;
        GridSpec grid = arguments.Grid;
        int total = tile.Count;
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            int first = chunk * lanes;
            int count = Math.Min(lanes, total - first);
            for (int lane = 0; lane < lanes; lane++)
            {
                int index = first + Math.Min(lane, count - 1);
                startX[lane] = grid.StartX(tile.X + index % tile.Width);
                startY[lane] = grid.StartY(tile.Y + index / tile.Width);
            }

            T x = SimdLaneLoader.FromLanes<T>(startX);
            T y = SimdLaneLoader.FromLanes<T>(startY);
            Descent.Run(landscape, optimizer, ref x, ref y, arguments.MaxSteps, tolerance2, radius2, out T status, out T steps);
            for (int lane = 0; lane < count; lane++)
            {
                result.EndX[first + lane] = T.GetLane(x, lane);
                result.EndY[first + lane] = T.GetLane(y, lane);
                result.Steps[first + lane] = (int)T.GetLane(steps, lane);
                result.Outcomes[first + lane] = (DescentOutcome)(byte)T.GetLane(status, lane);
            }
        }
    }
}
