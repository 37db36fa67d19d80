namespace LandscapeGpu.Metrics;

/// <summary>
/// The entropy of every box of a label map, the terms whose mean is the basin entropy Sb
/// (<see cref="BasinMetrics.BasinEntropy"/>): boxes of <see cref="BoxSide"/> x <see cref="BoxSide"/> cells tile the
/// grid from row 0, column 0, and boxes cut by the right or top edge are left out, as there. For showing where the
/// uncertain regions are (the view's overlay).
/// </summary>
public sealed class BoxEntropyMap
{
    private BoxEntropyMap(int boxSide, int columns, int rows, float[] entropies)
    {
        BoxSide = boxSide;
        Columns = columns;
        Rows = rows;
        Entropies = entropies;
    }

    /// <summary>Side of a box, in cells.</summary>
    public int BoxSide { get; }

    /// <summary>Boxes per row: the grid's width over the box side, rounded down.</summary>
    public int Columns { get; }

    /// <summary>Rows of boxes: the grid's height over the box side, rounded down.</summary>
    public int Rows { get; }

    /// <summary>The entropy of each box (sum over its labels of p ln(1/p)), row-major, row 0 at the grid's row 0.</summary>
    public float[] Entropies { get; }

    /// <summary>The largest entropy of any box, 0 where every box holds one label.</summary>
    public float Largest => Entropies.Length == 0 ? 0 : Entropies.Max();

    /// <summary>The entropies of the boxes of a <paramref name="width"/> x <paramref name="height"/> label array (row-major, row 0 first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The box side does not fit the grid (see <see cref="BasinMetrics.FitsIn"/>).</exception>
    /// <exception cref="ArgumentException">The labels do not cover the grid.</exception>
    public static BoxEntropyMap Of(ReadOnlySpan<int> labels, int width, int height, int boxSide)
    {
        if (!BasinMetrics.FitsIn(width, height, boxSide))
        {
            throw new ArgumentOutOfRangeException(nameof(boxSide), boxSide, $"the box side must be {BasinMetrics.MinimumBoxSide} to the grid's shorter side ({Math.Min(width, height)})");
        }

        if (labels.Length != (long)width * height)
        {
            throw new ArgumentException($"the labels hold {labels.Length} cells; a {width}x{height} grid has {(long)width * height}", nameof(labels));
        }

        int columns = width / boxSide, rows = height / boxSide;
        var entropies = new float[columns * rows];
        var box = new BoxEntropy(boxSide);
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<int> band = labels.Slice(row * boxSide * width, boxSide * width);
            for (int column = 0; column < columns; column++)
            {
                entropies[row * columns + column] = (float)box.Of(band, width, column * boxSide, out _);
            }
        }

        return new BoxEntropyMap(boxSide, columns, rows, entropies);
    }
}
