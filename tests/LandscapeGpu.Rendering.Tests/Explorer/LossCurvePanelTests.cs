using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Explorer;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The loss-curve panel's data and picture, without GL.</summary>
public sealed class LossCurvePanelTests
{
    // Himmelblau's function written out here in float64, independent of the landscape's own code.
    private static double Himmelblau(double x, double y) => Math.Pow(x * x + y - 11, 2) + Math.Pow(x + y * y - 7, 2);

    [Fact]
    public void CurveOfAClickedStart_IsTheFloat64ReferenceLossOfEveryStepOfItsDescent()
    {
        DescentProblem problem = TestMaps.Problem("himmelblau", 64);
        RecordedDescent path = DescentPath.Record(problem, -0.3, 4.2);
        Trajectory trajectory = Trajectory.Of(path, LandscapeProbe.For(problem.Landscape));
        LossCurve curve = LossCurve.Of(trajectory);

        Assert.Equal(DescentOutcome.Converged, curve.Outcome);
        Assert.True(path.Steps > 10, $"only {path.Steps} steps");
        Assert.Equal(path.Points.Count, curve.Losses.Count);
        Assert.Equal(Enumerable.Range(0, path.Points.Count), curve.Steps);
        for (int i = 0; i < path.Points.Count; i++)
        {
            (double x, double y) = path.Points[i];
            Assert.Equal((x, y), (trajectory.Points[i].X, trajectory.Points[i].Y));
            double expected = Himmelblau(x, y);
            Assert.True(Math.Abs(curve.Losses[i] - expected) <= 1e-12 * Math.Max(1, expected), $"step {i}: loss {curve.Losses[i]:R}, float64 reference {expected:R}");
        }

        // The descent falls from about 1e2 to a zero minimum: decades apart, so the axis is logarithmic.
        Assert.True(curve.Losses[0] > 10 && curve.Losses[^1] < 1e-3, $"{curve.Losses[0]} to {curve.Losses[^1]}");
        Assert.True(curve.Logarithmic);
        Assert.Equal(path.Steps, trajectory.Steps);
        Assert.StartsWith($"loss: {path.Steps} steps, converged, f = ", LossCurvePanel.TitleOf(curve), StringComparison.Ordinal);
    }

    [Fact]
    public void CurveOfAKeptTail_CountsStepsFromTheFirstPointKept()
    {
        DescentProblem problem = TestMaps.Problem("himmelblau", 64);
        RecordedDescent tail = DescentPath.Record(problem, -0.3, 4.2, keepLast: 5);
        LossCurve curve = LossCurve.Of(Trajectory.Of(tail, LandscapeProbe.For(problem.Landscape)));
        Assert.Equal(Enumerable.Range(tail.FirstStep, 5), curve.Steps);
        Assert.Equal(tail.Steps, curve.Steps[^1]);
    }

    [Fact]
    public void Place_TopLeftOfTheMap_UnlessMoreOfThePathLiesThereThanUnderTheBottomRightCorner()
    {
        var area = new ScottPlot.PixelRect(50, 1024, 984, 0);
        (int, int) topLeft = (58, 8), bottomRight = (1016 - LossCurvePanel.Width, 976 - LossCurvePanel.Height);
        Assert.Equal(topLeft, LossCurvePanel.Place(area, [], 8));
        Assert.Equal(topLeft, LossCurvePanel.Place(area, [(500, 500), (600, 600)], 8));
        Assert.Equal(bottomRight, LossCurvePanel.Place(area, [(100, 100), (500, 500)], 8));
        // Under both: the corner hiding fewer points.
        Assert.Equal(topLeft, LossCurvePanel.Place(area, [(100, 100), (900, 900), (950, 950)], 8));
        Assert.Equal(bottomRight, LossCurvePanel.Place(area, [(100, 100), (110, 110), (950, 950)], 8));
    }

    [Theory]
    [InlineData(new[] { 1.0, 0.5, 0.3 }, false)]            // under a decade: linear
    [InlineData(new[] { 100.0, 2.0, 1.0 }, true)]            // two decades
    [InlineData(new[] { 99.0, 2.0, 1.0 }, false)]            // just under two decades
    [InlineData(new[] { 100.0, 1.0, 0.0 }, false)]           // a zero has no logarithm
    [InlineData(new[] { 5.0, -1.0 }, false)]                 // nor a negative loss
    [InlineData(new[] { 1e3, 1.0, double.PositiveInfinity }, true)] // a diverged step is left out
    public void IsLogarithmic_WhenEveryFiniteLossIsPositiveAndTheySpanTwoDecades(double[] losses, bool logarithmic) =>
        Assert.Equal(logarithmic, LossCurvePanel.IsLogarithmic(losses));

    [Fact]
    public void Draw_DivergedDescent_LeavesTheNonFiniteStepsOutAndSaysSo()
    {
        var diverged = new LossCurve([0, 1, 2, 3], [1, 1e10, double.PositiveInfinity, double.NaN], false, DescentOutcome.Diverged);
        // 1 to 1e10 over the finite steps: ten decades, logarithmic.
        Assert.True(LossCurvePanel.IsLogarithmic(diverged.Losses));
        Assert.Equal(4 * LossCurvePanel.Width * LossCurvePanel.Height, LossCurvePanel.Draw(diverged).Length);
        Assert.StartsWith("loss: 3 steps, diverged", LossCurvePanel.TitleOf(diverged), StringComparison.Ordinal);
        // Nothing finite at all: an empty plot, still a picture.
        var lost = diverged with { Losses = [double.NaN, double.NaN, double.NaN, double.NaN] };
        Assert.False(LossCurvePanel.IsLogarithmic(lost.Losses));
        Assert.Equal(4 * LossCurvePanel.Width * LossCurvePanel.Height, LossCurvePanel.Draw(lost).Length);
    }

    [Fact]
    public void Draw_IsAnOpaquePictureWithTheCurveInIt_AndDiffersWithTheCurve()
    {
        LossCurve falling = new([0, 1, 2, 3, 4], [100, 10, 1, 0.1, 0.01], true, DescentOutcome.Converged);
        LossCurve rising = falling with { Losses = [0.01, 0.1, 1, 10, 100] };
        byte[] a = LossCurvePanel.Draw(falling), b = LossCurvePanel.Draw(rising);
        Assert.Equal(4 * LossCurvePanel.Width * LossCurvePanel.Height, a.Length);
        Assert.All(Enumerable.Range(0, a.Length / 4), i => Assert.Equal(255, a[4 * i + 3]));
        // The curve's colour (a blue) is there, and it moves with the data.
        int Blue(byte[] pixels) => Enumerable.Range(0, pixels.Length / 4).Count(i => pixels[4 * i + 2] > 150 && pixels[4 * i] < 100);
        Assert.True(Blue(a) > 50, $"{Blue(a)} blue pixels");
        Assert.True(a.Zip(b).Count(pair => pair.First != pair.Second) > 200, "the picture does not depend on the curve");
    }
}
