using System.Numerics;
using System.Runtime.InteropServices;

namespace LandscapeGpu.Metrics;

/// <summary>
/// Counts, for box sides 2, 4, 8, ..., the boxes holding more than one label, in O(cells). A box of side eps is
/// taken closed: its eps x eps cells and the cells on its right and upper edge that it shares with its neighbours
/// (where the grid has them), so that its samples span eps cell spacings; a boundary between two boxes is then seen
/// by one of them, and a straight boundary gives f proportional to eps (with the eps cells alone it spans eps - 1 and
/// a straight line on 1024 x 1024 gives alpha 1.14 instead of 1). Level k holds one cell per box of side 2^k, its label if it holds only one, else <see cref="Mixed"/>: a cell of
/// level k + 1 is uniform exactly when its four cells of level k are uniform and equal, because the closed box is the
/// union of its four closed quarters. Level 1 is made straight from the labels (each of its boxes reads 3 x 3 cells,
/// clipped to the grid), so no closed copy of the labels is ever made. Boxes cut by the right or top edge never form.
/// Rows stream in bands; each level keeps at most one unpaired row, and level 1 the one or two rows of labels that
/// wait for the row above them in the next band.
/// </summary>
internal sealed class UncertaintyPyramid
{
    /// <summary>The cell value of a box holding more than one label (never a label: ids are at least -2).</summary>
    public const int Mixed = int.MinValue;

    private readonly int[] widths;
    private readonly int[] heights;
    private readonly long[] boundaryBoxes;
    private readonly RowBlocks[] pairs;
    private readonly int[] waiting;
    private int waitingRows;

    /// <summary>A pyramid over a <paramref name="width"/> x <paramref name="height"/> grid up to box side 2^<paramref name="levels"/>.</summary>
    public UncertaintyPyramid(int width, int height, int levels)
    {
        widths = new int[levels + 1];
        heights = new int[levels + 1];
        boundaryBoxes = new long[levels + 1];
        pairs = new RowBlocks[levels];
        for (int level = 0; level <= levels; level++)
        {
            widths[level] = width >> level;
            heights[level] = height >> level;
        }

        for (int level = 1; level < levels; level++)
        {
            pairs[level] = new RowBlocks(widths[level], 2);
        }

        waiting = new int[levels > 0 ? 2 * width : 0];
    }

    /// <summary>The deepest level: the largest box side is 2^Levels.</summary>
    public int Levels => pairs.Length;

    /// <summary>
    /// The number of levels for a grid: box sides up to the shorter side / 8, as in the uncertainty exponent's
    /// definition; 0 when even side 2 is over that.
    /// </summary>
    public static int LevelsFor(int width, int height)
    {
        int largest = Math.Min(width, height) / 8;
        return largest < 2 ? 0 : (int)Math.Log2(largest);
    }

    /// <summary>Adds a band of whole rows of labels, in row order.</summary>
    public void AddRows(ReadOnlyMemory<int> band)
    {
        int width = widths[0], rows = band.Length / width;
        if (Levels == 0 || rows == 0)
        {
            return;
        }

        // Rows 2j and 2j + 1 make level-1 row j once row 2j + 2 (which closes it) has arrived.
        int available = waitingRows + rows, coarseRows = (available - 1) / 2;
        int[] waitingCopy = waiting;
        int waitingCount = waitingRows;
        ReadOnlySpan<int> RowAt(ReadOnlySpan<int> bandSpan, int k) =>
            k < waitingCount ? waitingCopy.AsSpan(k * width, width) : bandSpan.Slice((k - waitingCount) * width, width);

        var coarse = new int[coarseRows * widths[1]];
        long mixed = CoarsenRows(coarseRows, coarse, (row, vertical, evens, target) =>
        {
            ReadOnlySpan<int> bandSpan = band.Span;
            CoarsenRow(RowAt(bandSpan, 2 * row), RowAt(bandSpan, 2 * row + 1), RowAt(bandSpan, 2 * row + 2), closed: true, vertical, evens, target);
        });
        boundaryBoxes[1] += mixed;

        // Keep the rows not yet paired (one or two) for the next band.
        var left = new int[(available - 2 * coarseRows) * width];
        for (int k = 2 * coarseRows; k < available; k++)
        {
            RowAt(band.Span, k).CopyTo(left.AsSpan((k - 2 * coarseRows) * width));
        }

        left.CopyTo(waiting, 0);
        waitingRows = available - 2 * coarseRows;
        Feed(coarse);
    }

    /// <summary>Makes the last level-1 row, which has no row above it; call after the last band.</summary>
    public void Finish()
    {
        int width = widths[0];
        if (Levels > 0 && waitingRows == 2)
        {
            var coarse = new int[widths[1]];
            boundaryBoxes[1] += CoarsenRows(1, coarse, (_, vertical, evens, target) =>
                CoarsenRow(waiting.AsSpan(0, width), waiting.AsSpan(width, width), [], closed: true, vertical, evens, target));
            Feed(coarse);
        }

        waitingRows = 0;
    }

    /// <summary>The curve: for each level from 1, its box side, boxes and boxes holding more than one label.</summary>
    public IReadOnlyList<UncertaintyPoint> Curve() =>
        Enumerable.Range(1, Levels).Select(level => new UncertaintyPoint(1 << level, (long)widths[level] * heights[level], boundaryBoxes[level])).ToArray();

    private delegate void RowMaker(int row, Span<int> vertical, Span<int> evens, Span<int> target);

    // One row of level k + 1 from two rows of level k: the vertical pairs (with the row above for a closed level 1),
    // then their horizontal pairs read as one 64-bit lane each (uniform when its two halves are equal), then for a
    // closed level 1 the next pair's first cell, which the box shares with its right neighbour.
    private static void CoarsenRow(ReadOnlySpan<int> lower, ReadOnlySpan<int> upper, ReadOnlySpan<int> above, bool closed, Span<int> vertical, Span<int> evens, Span<int> target)
    {
        int fine = lower.Length, lanes = Vector<int>.Count, x = 0;
        var mixed = new Vector<int>(Mixed);
        for (; x + lanes <= fine; x += lanes)
        {
            var low = new Vector<int>(lower[x..]);
            Vector<int> same = Vector.Equals(low, new Vector<int>(upper[x..]));
            if (!above.IsEmpty)
            {
                same &= Vector.Equals(low, new Vector<int>(above[x..]));
            }

            Vector.ConditionalSelect(same, low, mixed).CopyTo(vertical[x..]);
        }

        for (; x < fine; x++)
        {
            vertical[x] = lower[x] == upper[x] && (above.IsEmpty || lower[x] == above[x]) ? lower[x] : Mixed;
        }

        ReadOnlySpan<long> pairs = MemoryMarshal.Cast<int, long>(vertical[..(2 * target.Length)]);
        var highHalf = new Vector<long>(unchecked((long)0xFFFF_FFFF_0000_0000));
        int column = 0, step = 2 * Vector<long>.Count;
        for (; column + step <= target.Length; column += step)
        {
            var first = new Vector<long>(pairs[column..]);
            var second = new Vector<long>(pairs[(column + Vector<long>.Count)..]);
            Vector<int> same = Vector.Narrow(Vector.Equals(first << 32, first & highHalf), Vector.Equals(second << 32, second & highHalf));
            Vector<int> low = Vector.Narrow(first, second);
            Vector.ConditionalSelect(same, low, mixed).CopyTo(target[column..]);
            low.CopyTo(evens[column..]);
        }

        for (; column < target.Length; column++)
        {
            int a = vertical[2 * column];
            target[column] = vertical[2 * column + 1] == a ? a : Mixed;
            evens[column] = a;
        }

        if (!closed)
        {
            return;
        }

        // Box i also holds column 2i + 2 where the grid has it: the next box's first column (or the odd last column).
        int shared = (fine - 1) / 2;
        evens[target.Length] = fine % 2 == 1 ? vertical[fine - 1] : Mixed;
        column = 0;
        for (; column + lanes <= shared; column += lanes)
        {
            var cell = new Vector<int>(target[column..]);
            Vector.ConditionalSelect(Vector.Equals(cell, new Vector<int>(evens[(column + 1)..])), cell, mixed).CopyTo(target[column..]);
        }

        for (; column < shared; column++)
        {
            target[column] = target[column] == evens[column + 1] ? target[column] : Mixed;
        }
    }

    // Makes rows 0 to count - 1 of the next level into coarse, in parallel; returns how many cells are mixed.
    private long CoarsenRows(int count, int[] coarse, RowMaker make)
    {
        int coarseWidth = coarse.Length / Math.Max(1, count), fineWidth = 2 * coarseWidth + 2;
        var mixedOfRow = new long[count];
        using var scratch = new ThreadLocal<(int[] Vertical, int[] Evens)>(() => (new int[fineWidth], new int[coarseWidth + 1]));
        WorkSharing.For(count, 4 * coarseWidth, row =>
        {
            Span<int> target = coarse.AsSpan(row * coarseWidth, coarseWidth);
            make(row, scratch.Value.Vertical, scratch.Value.Evens, target);
            mixedOfRow[row] = target.Count(Mixed);
        });
        // Integer counts: their sum does not depend on how the rows were shared among threads.
        return mixedOfRow.Sum();
    }

    private void Feed(int[] levelOneRows)
    {
        if (Levels > 1 && levelOneRows.Length > 0)
        {
            Add(1, levelOneRows);
        }
    }

    private void Add(int level, ReadOnlyMemory<int> rows) => pairs[level].Add(rows, (block, count) => Coarsen(level, block, count));

    private void Coarsen(int level, ReadOnlyMemory<int> block, int rows)
    {
        int fineWidth = widths[level], coarseWidth = widths[level + 1], coarseRows = rows / 2;
        var coarse = new int[coarseRows * coarseWidth];
        boundaryBoxes[level + 1] += CoarsenRows(coarseRows, coarse, (row, vertical, evens, target) =>
            CoarsenRow(block.Span.Slice(2 * row * fineWidth, fineWidth), block.Span.Slice((2 * row + 1) * fineWidth, fineWidth), [], closed: false, vertical, evens, target));
        if (level + 1 < Levels)
        {
            Add(level + 1, coarse);
        }
    }
}
