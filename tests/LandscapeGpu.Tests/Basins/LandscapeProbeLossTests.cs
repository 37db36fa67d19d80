using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Tests.Basins;

/// <summary>
/// The probe's plain float64 loss (the landscape's own Loss, as the engines compute it) agrees with the loss its
/// second-derivative evaluation carries: the two round differently (hyper-dual arithmetic orders some operations
/// otherwise), so to a few ulps.
/// </summary>
public sealed class LandscapeProbeLossTests
{
    // A few float64 ulps of the loss's magnitude: the two evaluations differ only in rounding order.
    private const double RoundingTolerance = 1e-14;

    public static TheoryData<string> Landscapes()
    {
        var names = new TheoryData<string>();
        foreach (LandscapeEntry entry in BuiltInLandscapes.All)
        {
            names.Add(entry.Info.Name);
        }

        names.Add("exp(-(x^2 + y^2)) * sin(3*x) / (1 + y^2) + relu(x - y)");
        return names;
    }

    [Theory]
    [MemberData(nameof(Landscapes))]
    public void Loss_AtPointsOfTheBox_AgreesWithTheLossOfEvaluate(string name)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(name) ?? FormulaLandscapes.Parse(name);
        LandscapeProbe probe = LandscapeProbe.For(entry);
        Box box = entry.Info.Box;
        var random = new Random(41);
        for (int i = 0; i < 200; i++)
        {
            double x = box.X0 + random.NextDouble() * box.Width;
            double y = entry.Info.Dimensions == 1 ? 0 : box.Y0 + random.NextDouble() * box.Height;
            double expected = probe.Evaluate(x, y).Loss;
            double actual = probe.Loss(x, y);
            Assert.True(Math.Abs(actual - expected) <= RoundingTolerance * Math.Max(1, Math.Abs(expected)), $"{name} at ({x:R}, {y:R}): {actual:R}, Evaluate {expected:R}");
        }
    }
}
