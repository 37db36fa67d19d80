using LandscapeGpu.Metrics;

namespace LandscapeGpu.Tests.Metrics;

/// <summary>The entropy of each box: the terms whose mean is Sb.</summary>
public sealed class BoxEntropyMapTests
{
    // A float per box, summed in float64: each box's entropy is rounded to float32 once.
    private const double FloatRoundingTolerance = 1e-6;

    [Fact]
    public void Of_RandomLabels_MeanOfTheBoxesIsTheBasinEntropy()
    {
        const int width = 130, height = 95, side = 10;
        var random = new Random(5);
        int[] labels = Enumerable.Range(0, width * height).Select(i => (i % width) < 60 ? 0 : random.Next(-2, 2)).ToArray();

        BoxEntropyMap map = BoxEntropyMap.Of(labels, width, height, side);

        Assert.Equal((13, 9), (map.Columns, map.Rows));
        Assert.Equal(BasinMetrics.Of(labels, width, height, side).BasinEntropy, map.Entropies.Average(value => (double)value), FloatRoundingTolerance);
        // The left 60 columns hold one label: the first 6 boxes of every row have no entropy, the rest some.
        for (int row = 0; row < map.Rows; row++)
        {
            Assert.All(map.Entropies.AsSpan(row * map.Columns, 6).ToArray(), value => Assert.Equal(0f, value));
            Assert.All(map.Entropies.AsSpan(row * map.Columns + 6, 7).ToArray(), value => Assert.True(value > 1));
        }
    }

    [Fact]
    public void Of_StraightBoundaryThroughOneColumnOfBoxes_Ln2ThereZeroElsewhere()
    {
        const int width = 40, height = 20, side = 10;
        // Labels 0 left of column 15, 1 from it: boxes of column 1 (cells 10 to 19) are half and half.
        int[] labels = Enumerable.Range(0, width * height).Select(i => i % width < 15 ? 0 : 1).ToArray();

        BoxEntropyMap map = BoxEntropyMap.Of(labels, width, height, side);

        Assert.Equal([0f, (float)Math.Log(2), 0f, 0f, 0f, (float)Math.Log(2), 0f, 0f], map.Entropies);
        Assert.Equal((float)Math.Log(2), map.Largest);
    }

    [Fact]
    public void Of_BoxLargerThanTheGrid_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoxEntropyMap.Of(new int[30 * 10], 30, 10, 20));
    }
}
