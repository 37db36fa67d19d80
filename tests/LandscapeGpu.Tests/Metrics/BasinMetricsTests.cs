using LandscapeGpu.Cli;
using LandscapeGpu.Descents;
using LandscapeGpu.Metrics;

namespace LandscapeGpu.Tests.Metrics;

/// <summary>Basin entropy and the uncertainty exponent on label arrays whose answers are known, and against a naive float64 reference.</summary>
public sealed class BasinMetricsTests
{
    // Sums of a few thousand box entropies in another order than the reference's: rounding differs in the last bits only.
    private const double SummationTolerance = 1e-12;

    // Box counting of a straight line on a finite grid: the slope of ln f against ln eps is 1 up to edge effects.
    private const double StraightLineExponentTolerance = 0.05;

    // A box of 400 cells drawn from 3 labels has an entropy below ln 3 by about (3 - 1) / (2 * 400) on average.
    private const double RandomEntropyTolerance = 0.01;

    [Fact]
    public void Of_OneLabel_EntropiesZeroAndNoExponent()
    {
        int[] labels = Enumerable.Repeat(3, 200 * 160).ToArray();

        BasinMetrics metrics = BasinMetrics.Of(labels, 200, 160);

        Assert.Equal(0.0, metrics.BasinEntropy);
        Assert.Equal(0.0, metrics.BoundaryBasinEntropy);
        Assert.Equal(0, metrics.BoundaryBoxes);
        Assert.Equal(10 * 8, metrics.Boxes);
        Assert.All(metrics.UncertaintyCurve, point => Assert.Equal(0, point.BoundaryBoxes));
        Assert.Equal([2, 4, 8, 16], metrics.UncertaintyCurve.Select(point => point.Side));
        Assert.Null(metrics.UncertaintyExponent);
        Assert.Null(metrics.BoundaryDimension);
        Assert.False(metrics.FractalBoundary);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Of_CheckerboardOfTwoLabelsAtTheBoxScale_EveryBoxHoldsLn2(int square)
    {
        const int side = 20, width = 200, height = 140;
        int[] labels = new int[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                labels[y * width + x] = (x / square + y / square) % 2 == 0 ? BasinIdsDiverged : 7;
            }
        }

        BasinMetrics metrics = BasinMetrics.Of(labels, width, height, side);

        Assert.Equal(metrics.Boxes, metrics.BoundaryBoxes);
        Assert.Equal(Math.Log(2), metrics.BasinEntropy, SummationTolerance);
        Assert.Equal(Math.Log(2), metrics.BoundaryBasinEntropy, SummationTolerance);
        Assert.False(metrics.FractalBoundary);
        Assert.Equal(Math.Log(2), BasinMetricsAccumulator.EntropyPerBox(labels, width, height, side).Distinct().Single(), SummationTolerance);
    }

    [Fact]
    public void Of_StraightBoundaryOn1024Squared_UncertaintyExponentOne()
    {
        const int side = 1024;
        int[] labels = new int[side * side];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                labels[y * side + x] = y + 0.5 > 0.618034 * (x + 0.5) + 137.3 ? 1 : 0;
            }
        }

        BasinMetrics metrics = BasinMetrics.Of(labels, side, side);

        Assert.Equal([2, 4, 8, 16, 32, 64, 128], metrics.UncertaintyCurve.Select(point => point.Side));
        Assert.Equal(1.0, metrics.UncertaintyExponent!.Value, StraightLineExponentTolerance);
        Assert.Equal(1.0, metrics.BoundaryDimension!.Value, StraightLineExponentTolerance);
        Assert.InRange(metrics.BasinEntropy, 1e-3, 0.1);
    }

    [Fact]
    public void Of_RandomThreeLabels_BoundaryEntropyNearLn3AndFractal()
    {
        var random = new Random(17);
        int[] labels = Enumerable.Range(0, 400 * 300).Select(_ => random.Next(3) - 2).ToArray();

        BasinMetrics metrics = BasinMetrics.Of(labels, 400, 300);

        Assert.Equal(Math.Log(3), metrics.BoundaryBasinEntropy, RandomEntropyTolerance);
        Assert.Equal(metrics.Boxes, metrics.BoundaryBoxes);
        Assert.True(metrics.FractalBoundary);
        // A closed box of side 2 holds 9 cells: all alike with probability 3^-8; from side 4 on, practically never.
        Assert.All(metrics.UncertaintyCurve.Skip(1), point => Assert.Equal(point.Boxes, point.BoundaryBoxes));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(17, 3)]
    [InlineData(20, 500)]
    [InlineData(33, 5)]
    public void Of_BlobsAndManyLabels_MatchesNaiveFloat64Reference(int boxSide, int labelCount)
    {
        const int width = 333, height = 215;
        int[] labels = Blobs(width, height, labelCount, seed: boxSide);

        BasinMetrics metrics = BasinMetrics.Of(labels, width, height, boxSide);
        (double sb, double sbb, long boundary) = NaiveEntropy(labels, width, height, boxSide);

        Assert.Equal(boundary, metrics.BoundaryBoxes);
        Assert.Equal(sb, metrics.BasinEntropy, SummationTolerance);
        Assert.Equal(sbb, metrics.BoundaryBasinEntropy, SummationTolerance);
        var expectedCurve = new List<(int, long, long)>();
        for (int eps = 2; eps <= Math.Min(width, height) / 8; eps *= 2)
        {
            expectedCurve.Add((eps, (long)(width / eps) * (height / eps), NaiveClosedBoundaryBoxes(labels, width, height, eps)));
        }

        Assert.Equal(expectedCurve, metrics.UncertaintyCurve.Select(point => (point.Side, point.Boxes, point.BoundaryBoxes)));
        Assert.Equal(NaiveSlope(expectedCurve), metrics.UncertaintyExponent!.Value, SummationTolerance);
    }

    [Fact]
    public void AddRows_AnyBandHeights_SameBitsAsOneBand()
    {
        const int width = 301, height = 257;
        int[] labels = Blobs(width, height, 4, seed: 5);
        BasinMetrics whole = Accumulate(labels, width, height, [height]);

        foreach (int[] bands in new[] { Enumerable.Repeat(1, height).ToArray(), [7, 13, 100, 1, 136], [20, 20, 217], [256, 1] })
        {
            BasinMetrics banded = Accumulate(labels, width, height, bands);
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.BasinEntropy), BitConverter.DoubleToInt64Bits(banded.BasinEntropy));
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.BoundaryBasinEntropy), BitConverter.DoubleToInt64Bits(banded.BoundaryBasinEntropy));
            Assert.Equal(whole.UncertaintyCurve, banded.UncertaintyCurve);
            Assert.Equal(whole.UncertaintyExponent, banded.UncertaintyExponent);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(161)]
    public void Constructor_BoxSideOutsideTheGrid_ThrowsNamingIt(int boxSide)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new BasinMetricsAccumulator(200, 160, boxSide));

        Assert.Equal("box-side", error.Parameter);
        Assert.Contains($"--box-side {boxSide} is invalid", error.Describe(UsageException.FlagOf), StringComparison.Ordinal);
        Assert.Contains("160 of 200x160", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_RowsMissing_Throws()
    {
        var accumulator = new BasinMetricsAccumulator(40, 40);
        accumulator.AddRows(new int[40 * 39]);

        Assert.Throws<InvalidOperationException>(accumulator.Result);
    }

    private const int BasinIdsDiverged = -1;

    private static BasinMetrics Accumulate(int[] labels, int width, int height, int[] bands)
    {
        var accumulator = new BasinMetricsAccumulator(width, height);
        int row = 0;
        foreach (int rows in bands)
        {
            accumulator.AddRows(labels.AsMemory(row * width, rows * width));
            row += rows;
        }

        return accumulator.Result();
    }

    // Smooth blobs of labels with noisy edges, plus scattered diverged (-1) and not converged (-2) starts.
    private static int[] Blobs(int width, int height, int labelCount, int seed)
    {
        var random = new Random(seed);
        var labels = new int[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double wave = Math.Sin(x * 0.05) + Math.Cos(y * 0.07 + x * 0.01) + 0.3 * random.NextDouble();
                int label = (int)Math.Floor((wave + 2.3) / 4.6 * labelCount);
                labels[y * width + x] = random.Next(50) switch { 0 => -1, 1 => -2, _ => Math.Clamp(label, 0, labelCount - 1) };
            }
        }

        return labels;
    }

    // The definition read literally: every box counted with a dictionary, entropies summed in float64 in box order.
    private static (double Sb, double Sbb, long Boundary) NaiveEntropy(int[] labels, int width, int height, int side)
    {
        double total = 0;
        long boxes = 0, boundary = 0;
        for (int boxY = 0; boxY + side <= height; boxY += side)
        {
            for (int boxX = 0; boxX + side <= width; boxX += side)
            {
                var counts = new Dictionary<int, int>();
                for (int y = boxY; y < boxY + side; y++)
                {
                    for (int x = boxX; x < boxX + side; x++)
                    {
                        counts[labels[y * width + x]] = counts.GetValueOrDefault(labels[y * width + x]) + 1;
                    }
                }

                boxes++;
                boundary += counts.Count > 1 ? 1 : 0;
                foreach (int count in counts.Values)
                {
                    double p = (double)count / (side * side);
                    total += p * Math.Log(1 / p);
                }
            }
        }

        return (total / boxes, boundary > 0 ? total / boundary : 0, boundary);
    }

    // Boxes of eps x eps cells plus the cells they share with their right and upper neighbours, clipped to the grid.
    private static long NaiveClosedBoundaryBoxes(int[] labels, int width, int height, int side)
    {
        long boundary = 0;
        for (int boxY = 0; boxY + side <= height; boxY += side)
        {
            for (int boxX = 0; boxX + side <= width; boxX += side)
            {
                var seen = new HashSet<int>();
                for (int y = boxY; y <= Math.Min(boxY + side, height - 1); y++)
                {
                    for (int x = boxX; x <= Math.Min(boxX + side, width - 1); x++)
                    {
                        seen.Add(labels[y * width + x]);
                    }
                }

                boundary += seen.Count > 1 ? 1 : 0;
            }
        }

        return boundary;
    }

    private static double NaiveSlope(List<(int Side, long Boxes, long Boundary)> curve)
    {
        var points = curve.Where(point => point.Boundary > 0).Select(point => (X: Math.Log(point.Side), Y: Math.Log((double)point.Boundary / point.Boxes))).ToList();
        double n = points.Count, sx = points.Sum(p => p.X), sy = points.Sum(p => p.Y);
        double sxy = points.Sum(p => p.X * p.Y), sxx = points.Sum(p => p.X * p.X);
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
