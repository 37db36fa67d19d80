using LandscapeGpu.Rendering.Explorer;

namespace LandscapeGpu.Rendering.Tests.Explorer;

public sealed class AxisTicksTests
{
    [Fact]
    public void For_HomeBoxOfHimmelblau_GivesRoundStepsAndIntegerLabels()
    {
        IReadOnlyList<AxisTick> ticks = AxisTicks.For(-5, 5, 500, 90);

        Assert.Equal(["-4", "-2", "0", "2", "4"], ticks.Select(t => t.Label));
        Assert.Equal([-4.0, -2, 0, 2, 4], ticks.Select(t => t.Position));
    }

    [Fact]
    public void For_ViewOneBillionthWide_LabelsWithTheDigitsThatTellTicksApart()
    {
        IReadOnlyList<AxisTick> ticks = AxisTicks.For(3, 3 + 1e-9, 800, 90);

        Assert.Equal(["3", "3.0000000002", "3.0000000004", "3.0000000006", "3.0000000008", "3.000000001"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void For_TenthsWithRoundingNoise_LabelsTheRoundNumbers()
    {
        IReadOnlyList<AxisTick> ticks = AxisTicks.For(0.05, 0.45, 400, 90);

        Assert.Equal(["0.1", "0.2", "0.3", "0.4"], ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(10, 5, 2)]
    [InlineData(10, 4, 5)]
    [InlineData(0.3, 3, 0.1)]
    [InlineData(7e-12, 7, 1e-12)]
    public void StepFor_SpanAndCount_IsTheSmallestRoundStepThatFits(double span, double count, double expected)
    {
        Assert.Equal(expected, AxisTicks.StepFor(span, count), expected * 1e-12);
    }

    [Fact]
    public void For_EmptyRange_ThrowsNamingTheRange()
    {
        var error = Assert.Throws<ArgumentException>(() => AxisTicks.For(1, 1, 100, 90));

        Assert.Equal("an axis from 1 to 1 is not a finite, non-empty range", error.Message);
    }

    [Fact]
    public void Logarithmic_LearningRatesOverADecadeAndAHalf_TicksAtOneTwoFiveLabelledWithTheValues()
    {
        IReadOnlyList<AxisTick> ticks = AxisTicks.Logarithmic(Math.Log10(0.001), Math.Log10(0.03), 500, 90);

        double[] values = [0.001, 0.002, 0.005, 0.01, 0.02];
        Assert.Equal(["0.001", "0.002", "0.005", "0.01", "0.02"], ticks.Select(t => t.Label));
        Assert.Equal(values.Length, ticks.Count);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(Math.Log10(values[i]), ticks[i].Position, Tolerance);
        }
    }

    [Fact]
    public void Logarithmic_SixDecadesInFewPixels_TicksEveryOtherPowerOfTen()
    {
        IReadOnlyList<AxisTick> ticks = AxisTicks.Logarithmic(-6, 0, 300, 90);

        Assert.Equal([-6.0, -4, -2, 0], ticks.Select(t => t.Position));
        Assert.Equal(["1E-06", "0.0001", "0.01", "1"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Logarithmic_ZoomedWithinAFactorOfTwo_TicksRoundValues()
    {
        IReadOnlyList<AxisTick> ticks = AxisTicks.Logarithmic(Math.Log10(0.011), Math.Log10(0.019), 800, 90);

        Assert.Equal(["0.012", "0.014", "0.016", "0.018"], ticks.Select(t => t.Label));
        Assert.Equal(Math.Log10(0.012), ticks[0].Position, Tolerance);
    }

    private const double Tolerance = 1e-12;
}
