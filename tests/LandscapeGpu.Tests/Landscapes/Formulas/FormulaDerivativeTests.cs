using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

public sealed class FormulaDerivativeTests
{
    // Central differences with step h: truncation ~h²·f''' and rounding ~ε·|f|/h; h = 1e-5 leaves about 1e-6 relative.
    private const double DifferenceStep = 1e-5;
    private const double RelativeTolerance = 2e-6;
    private const int PointsPerFormula = 25;

    // Every operator and function, each on a domain where it is smooth (kinks of abs/relu/min/max are measure zero).
    public static TheoryData<string, double, double> Cases => new()
    {
        { "x + y", -2, 2 }, { "x - y", -2, 2 }, { "x * y", -2, 2 }, { "x / y", 0.5, 2 }, { "-x * y", -2, 2 },
        { "x^3 * y^2", -2, 2 }, { "x^-2 + y^-3", 0.5, 2 }, { "x^y", 0.5, 2 }, { "pow(x, y)", 0.5, 2 }, { "x^2.5 * y", 0.5, 2 },
        { "sin(x * y)", -2, 2 }, { "cos(x + 2*y)", -2, 2 }, { "tan(x * y / 3)", -1.5, 1.5 }, { "exp(x * y)", -1, 1 },
        { "log(x * y)", 0.5, 2 }, { "sqrt(x * y)", 0.5, 2 }, { "abs(x - y) * y", -2, 2 }, { "tanh(x * y)", -2, 2 },
        { "sigmoid(3*x - y)", -2, 2 }, { "relu(x - y) * y", -2, 2 }, { "softplus(x * y)", -2, 2 }, { "min(x*x, y) * x", -2, 2 },
        { "max(x*y, y) * x", -2, 2 }, { "pi * e * x * y", -2, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_AtRandomPoints_MatchesCentralDifferencesOfTheLoss(string formula, double low, double high)
    {
        LandscapeProbe probe = LandscapeProbe.For(FormulaLandscapes.Parse(formula));
        foreach ((double x, double y) in RandomPoints(low, high, seed: 11))
        {
            PointDerivatives d = probe.Evaluate(x, y);
            double h = DifferenceStep;
            double dx = (probe.Loss(x + h, y) - probe.Loss(x - h, y)) / (2 * h);
            double dy = (probe.Loss(x, y + h) - probe.Loss(x, y - h)) / (2 * h);
            double scale = 1 + Math.Abs(d.GradientX) + Math.Abs(d.GradientY) + Math.Abs(d.Loss);
            Assert.True(Math.Abs(d.GradientX - dx) <= RelativeTolerance * scale, $"{formula} d/dx at ({x}, {y}): {d.GradientX} vs {dx}");
            Assert.True(Math.Abs(d.GradientY - dy) <= RelativeTolerance * scale, $"{formula} d/dy at ({x}, {y}): {d.GradientY} vs {dy}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hessian_AtRandomPoints_MatchesCentralDifferencesOfTheGradient(string formula, double low, double high)
    {
        LandscapeProbe probe = LandscapeProbe.For(FormulaLandscapes.Parse(formula));
        foreach ((double x, double y) in RandomPoints(low, high, seed: 23))
        {
            PointDerivatives d = probe.Evaluate(x, y);
            double h = DifferenceStep;
            (double gxRight, double gyRight) = probe.Gradient(x + h, y);
            (double gxLeft, double gyLeft) = probe.Gradient(x - h, y);
            (double gxUp, double gyUp) = probe.Gradient(x, y + h);
            (double gxDown, double gyDown) = probe.Gradient(x, y - h);
            double hxx = (gxRight - gxLeft) / (2 * h), hxy = (gyRight - gyLeft) / (2 * h);
            double hyx = (gxUp - gxDown) / (2 * h), hyy = (gyUp - gyDown) / (2 * h);
            double scale = 1 + Math.Abs(d.Hxx) + Math.Abs(d.Hxy) + Math.Abs(d.Hyy) + Math.Abs(d.GradientX) + Math.Abs(d.GradientY);
            Assert.True(Math.Abs(d.Hxx - hxx) <= RelativeTolerance * scale, $"{formula} Hxx at ({x}, {y}): {d.Hxx} vs {hxx}");
            Assert.True(Math.Abs(d.Hxy - hxy) <= RelativeTolerance * scale, $"{formula} Hxy at ({x}, {y}): {d.Hxy} vs {hxy}");
            Assert.True(Math.Abs(d.Hxy - hyx) <= RelativeTolerance * scale, $"{formula} Hyx at ({x}, {y}): {d.Hxy} vs {hyx}");
            Assert.True(Math.Abs(d.Hyy - hyy) <= RelativeTolerance * scale, $"{formula} Hyy at ({x}, {y}): {d.Hyy} vs {hyy}");
        }
    }

    [Theory]
    [InlineData("himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2")]
    [InlineData("rosenbrock", "(1-x)^2 + 100*(y-x^2)^2")]
    [InlineData("booth", "(x+2*y-7)^2 + (2*x+y-5)^2")]
    [InlineData("rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)")]
    public void Formula_OfABuiltIn_HasTheBuiltInsLossGradientAndHessian(string name, string formula)
    {
        LandscapeProbe builtIn = LandscapeProbe.For(BuiltInLandscapes.Find(name)!);
        LandscapeProbe typed = LandscapeProbe.For(FormulaLandscapes.Parse(formula));
        foreach ((double x, double y) in RandomPoints(-3, 3, seed: 3))
        {
            PointDerivatives expected = builtIn.Evaluate(x, y), actual = typed.Evaluate(x, y);
            double[] e = [expected.Loss, expected.GradientX, expected.GradientY, expected.Hxx, expected.Hxy, expected.Hyy];
            double[] a = [actual.Loss, actual.GradientX, actual.GradientY, actual.Hxx, actual.Hxy, actual.Hyy];
            for (int i = 0; i < e.Length; i++)
            {
                Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 * (1 + Math.Abs(e[i])), $"{name} component {i} at ({x}, {y}): {a[i]} vs {e[i]}");
            }
        }
    }

    private static IEnumerable<(double X, double Y)> RandomPoints(double low, double high, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < PointsPerFormula; i++)
        {
            yield return (low + (high - low) * random.NextDouble(), low + (high - low) * random.NextDouble());
        }
    }
}
