using LandscapeGpu.Arithmetic;
using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Tests.Landscapes;

public sealed class DerivativeTests
{
    // Central differences with step h have truncation error ~h²·f''' and rounding error ~ε·|f|/h;
    // h = 1e-5 balances them for these landscapes, leaving agreement to about 1e-6 relative.
    private const double DifferenceStep = 1e-5;
    private const double RelativeTolerance = 2e-6;

    public static TheoryData<string> Names => new(BuiltInLandscapes.All.Select(e => e.Info.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_AtRandomPointsInBox_MatchesCentralDifferences(string name)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(name)!;
        LandscapeProbe probe = LandscapeProbe.For(entry);
        foreach ((double x, double y) in RandomPoints(entry.Info, seed: 17))
        {
            (double gx, double gy) = probe.Gradient(x, y);
            double h = DifferenceStep;
            double dx = (probe.Loss(x + h, y) - probe.Loss(x - h, y)) / (2 * h);
            double dy = (probe.Loss(x, y + h) - probe.Loss(x, y - h)) / (2 * h);
            double scale = 1 + Math.Abs(gx) + Math.Abs(gy) + Math.Abs(probe.Loss(x, y)) * 1e-3;
            Assert.True(Math.Abs(gx - dx) <= RelativeTolerance * scale, $"{name} d/dx at ({x}, {y}): {gx} vs {dx}");
            Assert.True(Math.Abs(gy - dy) <= RelativeTolerance * scale, $"{name} d/dy at ({x}, {y}): {gy} vs {dy}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HandWrittenGradient_AtRandomPoints_EqualsAutomaticDifferentiation(string name)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(name)!;
        LandscapeProbe probe = LandscapeProbe.For(entry);
        foreach ((double x, double y) in RandomPoints(entry.Info, seed: 5))
        {
            (double gx, double gy) = probe.Gradient(x, y);
            PointDerivatives auto = probe.Evaluate(x, y);
            double scale = 1 + Math.Abs(gx) + Math.Abs(gy);
            Assert.True(Math.Abs(gx - auto.GradientX) <= 1e-12 * scale, $"{name} at ({x}, {y}): {gx} vs AD {auto.GradientX}");
            Assert.True(Math.Abs(gy - auto.GradientY) <= 1e-12 * scale, $"{name} at ({x}, {y}): {gy} vs AD {auto.GradientY}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Hessian_AtRandomPoints_MatchesDifferencesOfGradient(string name)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(name)!;
        LandscapeProbe probe = LandscapeProbe.For(entry);
        foreach ((double x, double y) in RandomPoints(entry.Info, seed: 23))
        {
            PointDerivatives d = probe.Evaluate(x, y);
            double h = DifferenceStep;
            var right = probe.Evaluate(x + h, y);
            var left = probe.Evaluate(x - h, y);
            var up = probe.Evaluate(x, y + h);
            var down = probe.Evaluate(x, y - h);
            double hxx = (right.GradientX - left.GradientX) / (2 * h);
            double hxy = (up.GradientX - down.GradientX) / (2 * h);
            double hyy = (up.GradientY - down.GradientY) / (2 * h);
            double scale = 1 + Math.Abs(d.Hxx) + Math.Abs(d.Hxy) + Math.Abs(d.Hyy) + 1e-3 * (Math.Abs(d.GradientX) + Math.Abs(d.GradientY));
            Assert.True(Math.Abs(d.Hxx - hxx) <= 1e-5 * scale, $"{name} hxx at ({x}, {y}): {d.Hxx} vs {hxx}");
            Assert.True(Math.Abs(d.Hxy - hxy) <= 1e-5 * scale, $"{name} hxy at ({x}, {y}): {d.Hxy} vs {hxy}");
            Assert.True(Math.Abs(d.Hyy - hyy) <= 1e-5 * scale, $"{name} hyy at ({x}, {y}): {d.Hyy} vs {hyy}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void KnownMinima_OfEveryLandscape_AreStationaryWithTheirPublishedLoss(string name)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(name)!;
        LandscapeProbe probe = LandscapeProbe.For(entry);
        foreach (KnownPoint point in entry.Info.KnownMinima)
        {
            // Published coordinates carry 5 to 11 digits; the loss there agrees to what those digits allow.
            double loss = probe.Loss(point.X, point.Y);
            Assert.True(Math.Abs(point.Loss - loss) <= 1e-4 * (1 + Math.Abs(loss)), $"{name} at ({point.X}, {point.Y}): published {point.Loss}, computed {loss}");
        }
    }

    private static IEnumerable<(double X, double Y)> RandomPoints(LandscapeInfo info, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < 40; i++)
        {
            double x = info.Box.X0 + random.NextDouble() * info.Box.Width;
            double y = info.Dimensions == 1 ? 0 : info.Box.Y0 + random.NextDouble() * info.Box.Height;
            // Ackley's cone point has no derivative; random points miss it by far more than the difference step.
            yield return (x, y);
        }
    }
}
