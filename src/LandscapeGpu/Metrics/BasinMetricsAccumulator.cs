using LandscapeGpu.Descents;

namespace LandscapeGpu.Metrics;

/// <summary>
/// Computes <see cref="BasinMetrics"/> from rows of labels that arrive in bands, in row order, of any height (a band
/// of tiles, or an in-memory map cut into bands): memory stays bounded by the band and a box row, whatever the grid.
/// Box rows are worked on in parallel; each box row's entropies are summed left to right by one thread, and the box
/// rows' sums in row order at the end, so the result is the same bits whatever the threads or the bands.
/// </summary>
public sealed class BasinMetricsAccumulator
{
    private readonly int width;
    private readonly int height;
    private readonly int boxSide;
    private readonly RowBlocks boxRows;
    private readonly UncertaintyPyramid pyramid;
    private readonly List<double> entropyOfBoxRow = new();
    private long boundaryBoxes;
    private long rowsAdded;
    private BasinMetrics? result;

    /// <summary>An accumulator for a <paramref name="width"/> x <paramref name="height"/> grid and entropy boxes of <paramref name="boxSide"/>.</summary>
    /// <exception cref="InvalidParameterException">The box side (<c>box-side</c>) is under 2 or over the grid's shorter side.</exception>
    public BasinMetricsAccumulator(int width, int height, int boxSide = BasinMetrics.DefaultBoxSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!BasinMetrics.FitsIn(width, height, boxSide))
        {
            throw InvalidParameterException.MustBe("box-side", boxSide,
                $"between {BasinMetrics.MinimumBoxSide} and the grid's shorter side ({Math.Min(width, height)} of {width}x{height})");
        }

        this.width = width;
        this.height = height;
        this.boxSide = boxSide;
        boxRows = new RowBlocks(width, boxSide);
        pyramid = new UncertaintyPyramid(width, height, UncertaintyPyramid.LevelsFor(width, height));
    }

    /// <summary>Adds the next whole rows of labels (row-major, <c>width</c> cells a row).</summary>
    /// <exception cref="ArgumentException">The band is not whole rows, or goes past the grid's last row.</exception>
    public void AddRows(ReadOnlyMemory<int> band)
    {
        if (result is not null)
        {
            throw new InvalidOperationException("the metrics were already taken: every row had been added");
        }

        if (band.Length % width != 0 || rowsAdded + band.Length / width > height)
        {
            throw new ArgumentException($"a band of {band.Length} labels is not whole rows of {width} within the grid's {height - rowsAdded} remaining rows", nameof(band));
        }

        rowsAdded += band.Length / width;
        boxRows.Add(band, AddBoxRows);
        pyramid.AddRows(band);
    }

    /// <summary>The metrics; every row of the grid must have been added, and none is added after.</summary>
    /// <exception cref="InvalidOperationException">Rows are missing.</exception>
    public BasinMetrics Result() => result ??= Compute();

    private BasinMetrics Compute()
    {
        if (rowsAdded != height)
        {
            throw new InvalidOperationException($"only {rowsAdded} of the grid's {height} rows were added");
        }

        pyramid.Finish();
        double total = 0;
        foreach (double rowEntropy in entropyOfBoxRow)
        {
            total += rowEntropy;
        }

        long boxes = (long)(width / boxSide) * (height / boxSide);
        IReadOnlyList<UncertaintyPoint> curve = pyramid.Curve();
        return new BasinMetrics(boxSide, boxes, boundaryBoxes, total / boxes, boundaryBoxes > 0 ? total / boundaryBoxes : 0,
            curve, SlopeOf(curve));
    }

    /// <summary>The per-box entropies of a whole label array, row-major by box row (the view's heat layer).</summary>
    public static double[] EntropyPerBox(ReadOnlySpan<int> labels, int width, int height, int boxSide)
    {
        int columns = width / boxSide, rows = height / boxSide;
        var entropies = new double[columns * rows];
        var box = new BoxEntropy(boxSide);
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<int> boxRow = labels.Slice(row * boxSide * width, boxSide * width);
            for (int column = 0; column < columns; column++)
            {
                entropies[row * columns + column] = box.Of(boxRow, width, column * boxSide, out _);
            }
        }

        return entropies;
    }

    private void AddBoxRows(ReadOnlyMemory<int> block, int rows)
    {
        int count = rows / boxSide, columns = width / boxSide, rowCells = boxSide * width;
        var sums = new double[count];
        var mixed = new long[count];
        using var boxes = new ThreadLocal<BoxEntropy>(() => new BoxEntropy(boxSide));
        WorkSharing.For(count, rowCells, row =>
        {
            BoxEntropy box = boxes.Value!;
            ReadOnlySpan<int> boxRow = block.Span.Slice(row * rowCells, rowCells);
            double sum = 0;
            long boundary = 0;
            for (int column = 0; column < columns; column++)
            {
                sum += box.Of(boxRow, width, column * boxSide, out bool isMixed);
                boundary += isMixed ? 1 : 0;
            }

            sums[row] = sum;
            mixed[row] = boundary;
        });
        entropyOfBoxRow.AddRange(sums);
        boundaryBoxes += mixed.Sum();
    }

    // Least squares of ln f against ln eps over the sides with f > 0; null with fewer than two.
    private static double? SlopeOf(IReadOnlyList<UncertaintyPoint> curve)
    {
        var points = curve.Where(point => point.BoundaryBoxes > 0).Select(point => (X: Math.Log(point.Side), Y: Math.Log(point.Fraction))).ToArray();
        if (points.Length < 2)
        {
            return null;
        }

        double meanX = points.Average(point => point.X), meanY = points.Average(point => point.Y);
        double covariance = points.Sum(point => (point.X - meanX) * (point.Y - meanY));
        double variance = points.Sum(point => (point.X - meanX) * (point.X - meanX));
        return covariance / variance;
    }
}
