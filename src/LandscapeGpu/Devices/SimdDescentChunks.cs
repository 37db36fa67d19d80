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
/// <param name="FixedSteps">Every start takes exactly <paramref name="MaxSteps"/> steps (<see cref="Descent.RunFixed"/>).</param>
/// <param name="ColumnX">x of each column of the tile, <see cref="GridSpec.StartX"/> computed once per launch (a division each).</param>
internal readonly record struct SimdDescentArguments(GridSpec Grid, TileSpec Tile, int MaxSteps, double Tolerance2, double Radius2, bool FixedSteps, double[] ColumnX);

/// <summary>
/// The SIMD engine's hot loop: a chunk is consecutive starts of the tile in groups of <c>T.LaneCount</c>, two groups
/// for the shared <see cref="Descent.Run"/> or four for <see cref="Descent.RunFixed"/>, descended together; the last
/// chunk is padded with copies of its last start, whose results are dropped.
/// </summary>
// SkipLocalsInit: the stack buffers are always written before they are read, and zeroing them for every chunk was
// measurable next to a 200-step descent.
[SkipLocalsInit]
internal static class SimdDescentChunks
{
    /// <summary>Most lanes any engine number type has (room to spare over <see cref="Lanes8F32"/>).</summary>
    public const int MaxLanes = 32;

    private const int MaxGroups = Descent.FixedGroups;

    // Room for the widest DescentMemory: 34 vectors (six states and two schedules) of at most 64 bytes (Lanes16F32, Lanes8F64).
    internal const int MaxMemoryBytes = 34 * 64;

    internal const int CacheLine = 64;

    /// <summary>Starts in one chunk of the number type <typeparamref name="T"/>: its groups of lanes.</summary>
    public static int ChunkSize<T>(bool fixedSteps) where T : struct, IReal<T> => Descent.GroupsFor(fixedSteps) * T.LaneCount;

    /// <summary>Descends chunks [<paramref name="firstChunk"/>, <paramref name="endChunk"/>) and writes their results.</summary>
    // NoInlining | AggressiveOptimization: compiled once, fully optimized, and never inlined into the caller's
    // lambda, where tiered re-compilation was measured to spill the vector state to the stack (shared NOTES.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static unsafe void Run<TLandscape, TOptimizer, T>(
        TLandscape landscape, TOptimizer optimizer, SimdDescentArguments arguments, int firstChunk, int endChunk, TileResult result)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>
    {
        int lanes = T.LaneCount;
        int groups = Descent.GroupsFor(arguments.FixedSteps);
        int chunkSize = groups * lanes;
        Span<double> startX = stackalloc double[MaxGroups * MaxLanes];
        Span<double> startY = stackalloc double[MaxGroups * MaxLanes];
        Span<double> laneBuffer = stackalloc double[3 * MaxLanes];
        if (Unsafe.SizeOf<DescentMemory<T>>() > MaxMemoryBytes)
        {
            throw new NotSupportedException($"{typeof(T).Name} needs {Unsafe.SizeOf<DescentMemory<T>>()} bytes of descent memory, more than the {MaxMemoryBytes} reserved");
        }

        // The optimizer states on a cache-line boundary (see DescentMemory), reused by every chunk; the stack does not move.
        byte* memoryBlock = stackalloc byte[MaxMemoryBytes + CacheLine];
        ref DescentMemory<T> memory = ref Unsafe.AsRef<DescentMemory<T>>((void*)(((nint)memoryBlock + (CacheLine - 1)) & ~(nint)(CacheLine - 1)));
        var x = default(PerGroup<T>);
        var y = default(PerGroup<T>);
        var status = default(PerGroup<T>);
        var steps = default(PerGroup<T>);
        T tolerance2 = T.Of(arguments.Tolerance2);
        T radius2 = T.Of(arguments.Radius2);
        TileSpec tile = arguments.Tile;
        GridSpec grid = arguments.Grid;
        ReadOnlySpan<double> columnX = arguments.ColumnX;
        int total = tile.Count;
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            int first = chunk * chunkSize;
            int count = Math.Min(chunkSize, total - first);
            int column = first % tile.Width;
            int row = first / tile.Width;
            if (column + chunkSize <= tile.Width)
            {
                // The whole chunk lies in one row (most chunks of a wide tile): x comes straight from the column
                // table, and y is the row's for every lane.
                T rowY = T.Of(grid.StartY(tile.Y + row));
                for (int group = 0; group < groups; group++)
                {
                    x[group] = SimdLaneLoader.FromLanes<T>(columnX[(column + group * lanes)..]);
                    y[group] = rowY;
                }
            }
            else
            {
                // Walk the tile row by row from the chunk's first start: one division per chunk, not two per lane
                // (integer divisions were a third of a 200-step chunk's time), and y computed once per row.
                double rowY = grid.StartY(tile.Y + row);
                for (int lane = 0; lane < count; lane++)
                {
                    startX[lane] = columnX[column];
                    startY[lane] = rowY;
                    if (++column == tile.Width && lane + 1 < count)
                    {
                        column = 0;
                        rowY = grid.StartY(tile.Y + ++row);
                    }
                }

                startX[count..chunkSize].Fill(startX[count - 1]);
                startY[count..chunkSize].Fill(startY[count - 1]);
                for (int group = 0; group < groups; group++)
                {
                    x[group] = SimdLaneLoader.FromLanes<T>(startX[(group * lanes)..]);
                    y[group] = SimdLaneLoader.FromLanes<T>(startY[(group * lanes)..]);
                }
            }

            if (arguments.FixedSteps)
            {
                Descent.RunFixed(landscape, optimizer, ref memory, ref x[0], ref y[0], ref x[1], ref y[1], ref x[2], ref y[2], ref x[3], ref y[3],
                    arguments.MaxSteps, tolerance2, radius2, out status[0], out status[1], out status[2], out status[3]);
                result.Steps.AsSpan(first, count).Fill(arguments.MaxSteps);
            }
            else
            {
                Descent.Run(landscape, optimizer, ref memory, ref x[0], ref y[0], ref x[1], ref y[1], arguments.MaxSteps, tolerance2, radius2,
                    out status[0], out steps[0], out status[1], out steps[1]);
            }

            for (int group = 0; group < groups; group++)
            {
                int groupStart = group * lanes;
                int groupCount = Math.Min(count - groupStart, lanes);
                if (groupCount <= 0)
                {
                    break;
                }

                Write(result, first + groupStart, groupCount, x[group], y[group], status[group], laneBuffer);
                if (!arguments.FixedSteps)
                {
                    WriteSteps(result, first + groupStart, groupCount, steps[group], laneBuffer);
                }
            }
        }
    }

    // One value per group of a chunk, on the stack (a Span of a generic struct type cannot be stack-allocated).
    [InlineArray(MaxGroups)]
    private struct PerGroup<T>
    {
        private T element;
    }

    // The first count lanes (1 to T.LaneCount) of one group go to result[start...]. Whole vectors are stored to the
    // buffer first: reading lanes one at a time cost a tenth of a 200-step descent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Write<T>(TileResult result, int start, int count, T x, T y, T status, Span<double> buffer)
        where T : struct, IReal<T>
    {
        if (count == T.LaneCount)
        {
            SimdLaneLoader.ToLanes(x, result.EndX.AsSpan(start, count));
            SimdLaneLoader.ToLanes(y, result.EndY.AsSpan(start, count));
        }
        else
        {
            Span<double> lanesX = buffer.Slice(MaxLanes, MaxLanes);
            Span<double> lanesY = buffer.Slice(2 * MaxLanes, MaxLanes);
            SimdLaneLoader.ToLanes(x, lanesX);
            SimdLaneLoader.ToLanes(y, lanesY);
            lanesX[..count].CopyTo(result.EndX.AsSpan(start, count));
            lanesY[..count].CopyTo(result.EndY.AsSpan(start, count));
        }

        Span<double> lanesStatus = buffer[..MaxLanes];
        SimdLaneLoader.ToLanes(status, lanesStatus);
        Span<DescentOutcome> outcomesOut = result.Outcomes.AsSpan(start, count);
        for (int lane = 0; lane < outcomesOut.Length; lane++)
        {
            // Native conversion (one instruction): the value is a small whole number, so the checks of a C# cast,
            // which were a fifth of a 200-step chunk's overhead, are not needed.
            outcomesOut[lane] = (DescentOutcome)(byte)double.ConvertToIntegerNative<int>(lanesStatus[lane]);
        }
    }

    // The step counts of the first count lanes of one group (whole numbers up to the budget).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteSteps<T>(TileResult result, int start, int count, T steps, Span<double> buffer)
        where T : struct, IReal<T>
    {
        Span<double> lanesSteps = buffer[..MaxLanes];
        SimdLaneLoader.ToLanes(steps, lanesSteps);
        Span<int> stepsOut = result.Steps.AsSpan(start, count);
        for (int lane = 0; lane < stepsOut.Length; lane++)
        {
            stepsOut[lane] = double.ConvertToIntegerNative<int>(lanesSteps[lane]);
        }
    }
}
