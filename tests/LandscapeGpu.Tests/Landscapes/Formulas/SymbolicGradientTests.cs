using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

public sealed class SymbolicGradientTests
{
    // Both gradients are exact; they differ only in the order of float64 roundings, a few ulps of the larger terms.
    private const double AgreementTolerance = 1e-12;

    // Random formulas nest up to six functions deep, where reordered roundings can cancel: still far below any real mistake.
    private const double RandomFormulaTolerance = 1e-9;

    private const int PointsPerFormula = 25;

    // Every operator and function, kinks included: a random point lands on a kink with probability zero, and the
    // kink cases below check the side chosen there.
    public static TheoryData<string, double, double> Cases => new()
    {
        { "(x^2+y-11)^2 + (x+y^2-7)^2", -5, 5 }, { "(1-x)^2 + 100*(y-x^2)^2", -2, 2 },
        { "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", -5, 5 }, { "x + y", -2, 2 }, { "x - y", -2, 2 },
        { "x * y", -2, 2 }, { "x / y", 0.5, 2 }, { "-x * y", -2, 2 }, { "--x * y", -2, 2 }, { "x^3 * y^2", -2, 2 },
        { "x^-2 + y^-3", 0.5, 2 }, { "x^0 + x^1 * y", -2, 2 }, { "x^y", 0.5, 2 }, { "pow(x, y)", 0.5, 2 },
        { "x^2.5 * y", 0.5, 2 }, { "2^(x*y)", -2, 2 }, { "(x*y)^(1/3)", 0.5, 2 }, { "sin(x * y)", -2, 2 },
        { "cos(x + 2*y)", -2, 2 }, { "tan(x * y / 3)", -1.5, 1.5 }, { "exp(x * y)", -1, 1 }, { "log(x * y)", 0.5, 2 },
        { "sqrt(x * y)", 0.5, 2 }, { "abs(x - y) * y", -2, 2 }, { "tanh(x * y)", -2, 2 }, { "sigmoid(3*x - y)", -2, 2 },
        { "sigmoid(40*x*y)", -2, 2 }, { "relu(x - y) * y", -2, 2 }, { "softplus(x * y)", -2, 2 }, { "softplus(30*x + y)", -2, 2 },
        { "min(x*x, y) * x", -2, 2 }, { "max(x*y, y) * x", -2, 2 }, { "pi * e * x * y", -2, 2 }, { "x*0 + y*1 + 0/x - 0", 0.5, 2 },
        { "exp(-(x^2 + y^2)) * sin(3*x) / (1 + y^2)", -2, 2 }, { "x * y * sin(x) * cos(y) * exp(x/4)", -2, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_AtRandomPoints_AgreesWithAutomaticDifferentiationInFloat64(string formula, double low, double high)
    {
        LandscapeEntry symbolic = SymbolicReference.Parse(formula);
        Assert.Equal(typeof(SymbolicGradient<,>), GradientRuleOf(symbolic).GetGenericTypeDefinition());
        int compared = CompareGradients(formula, symbolic, FormulaLandscapes.Parse(formula, FormulaGradientChoice.Automatic), RandomPoints(low, high, seed: 5), AgreementTolerance);
        Assert.Equal(PointsPerFormula, compared);
    }

    [Fact]
    public void Gradient_OfRandomFormulas_AgreesWithAutomaticDifferentiationWhereThatIsFinite()
    {
        var random = new Random(77);
        int compared = 0;
        for (int i = 0; i < 300; i++)
        {
            string formula = RandomFormula(random, depth: 6);
            LandscapeEntry symbolic, automatic;
            try
            {
                symbolic = SymbolicReference.Parse(formula);
                automatic = FormulaLandscapes.Parse(formula, FormulaGradientChoice.Automatic);
            }
            catch (FormulaSyntaxException)
            {
                continue; // uses neither x nor y
            }

            compared += CompareGradients(formula, symbolic, automatic, RandomPoints(-2, 2, seed: i), RandomFormulaTolerance);
        }

        // Most points of most formulas are finite: a test that compared nothing would prove nothing.
        Assert.InRange(compared, 3000, int.MaxValue);
    }

    [Theory]
    [InlineData("abs(x) + abs(y)", 0, 0)]
    [InlineData("relu(x) + relu(-y)", 0, 0)]
    [InlineData("min(x, y) + max(x, 2*y)", 1, 1)]
    [InlineData("min(x, y) + max(x, 2*y)", 0, 0)]
    [InlineData("abs(x - 1) * relu(y + 1)", 1, -1)]
    [InlineData("min(x, y)", 1, 1)]
    public void Gradient_AtAKink_PicksTheSideAutomaticDifferentiationPicks(string formula, double x, double y)
    {
        (double X, double Y) symbolic = LandscapeProbe.For(SymbolicReference.Parse(formula)).Gradient(x, y);
        (double X, double Y) automatic = LandscapeProbe.For(FormulaLandscapes.Parse(formula, FormulaGradientChoice.Automatic)).Gradient(x, y);
        Assert.Equal(automatic, symbolic);
    }

    [Fact]
    public void Create_ForAProductOfManyFactors_FallsBackToAutomaticDifferentiationWithTheRightGradient()
    {
        // The product rule makes the derivative of a k-factor product quadratic in k: far over the node limit.
        const int factors = 40;
        string formula = string.Join("*", Enumerable.Range(1, factors).Select(i => $"(x+{i}*y)"));
        Expression lowered = FormulaCompiler.Lower(FormulaParser.Parse(formula), formula, FormulaScope.XY);
        Assert.Null(FormulaGradients.TryDifferentiate(lowered));

        LandscapeEntry entry = FormulaLandscapes.Parse(formula);
        Assert.Equal(typeof(AutomaticGradient), GradientRuleOf(entry));
        // d/dx Π(x + i·y) = Π · Σ 1/(x + i·y), d/dy = Π · Σ i/(x + i·y).
        foreach ((double x, double y) in RandomPoints(0.2, 0.6, seed: 9))
        {
            double product = 1, sumX = 0, sumY = 0;
            for (int i = 1; i <= factors; i++)
            {
                double factor = x + i * y;
                product *= factor;
                sumX += 1 / factor;
                sumY += i / factor;
            }

            (double gx, double gy) = LandscapeProbe.For(entry).Gradient(x, y);
            Assert.Equal(product * sumX, gx, AgreementTolerance * Math.Abs(product * sumX) * factors);
            Assert.Equal(product * sumY, gy, AgreementTolerance * Math.Abs(product * sumY) * factors);
        }
    }

    [Fact]
    public void TryDifferentiate_OfAFormulaAtTheParserLimit_StaysWithinTheNodeLimit()
    {
        // A sum of many small terms: each term's derivative is as small as the term, so it stays symbolic.
        string formula = string.Join(" + ", Enumerable.Range(1, 25).Select(i => $"sin({i}*x)*y^2"));
        Expression lowered = FormulaCompiler.Lower(FormulaParser.Parse(formula), formula, FormulaScope.XY);
        (Expression X, Expression Y)? derivatives = FormulaGradients.TryDifferentiate(lowered);
        Assert.NotNull(derivatives);
        Assert.InRange(derivatives.Value.X.NodeCount + derivatives.Value.Y.NodeCount, 1, FormulaGradients.MaxGradientNodes(lowered.NodeCount));
    }

    [Fact]
    public void Parse_FormulaOfYAlone_DifferentiatesAlongTheHorizontalAxis()
    {
        LandscapeProbe probe = LandscapeProbe.For(FormulaLandscapes.Parse("(y - 2)^2"));
        // y is mapped on the horizontal axis: the gradient's first component is d/dy.
        Assert.Equal((2.0, 0.0), probe.Gradient(3, 7));
    }

    private static int CompareGradients(string formula, LandscapeEntry symbolic, LandscapeEntry automatic, IEnumerable<(double X, double Y)> points, double tolerance)
    {
        LandscapeProbe symbolicProbe = LandscapeProbe.For(symbolic), automaticProbe = LandscapeProbe.For(automatic);
        int compared = 0;
        foreach ((double x, double y) in points)
        {
            (double X, double Y) expected = automaticProbe.Gradient(x, y);
            if (!double.IsFinite(expected.X) || !double.IsFinite(expected.Y))
            {
                continue;
            }

            (double X, double Y) actual = symbolicProbe.Gradient(x, y);
            double scale = 1 + Math.Abs(expected.X) + Math.Abs(expected.Y);
            Assert.True(Math.Abs(actual.X - expected.X) <= tolerance * scale, $"{formula} d/dx at ({x}, {y}): symbolic {actual.X}, automatic {expected.X}");
            Assert.True(Math.Abs(actual.Y - expected.Y) <= tolerance * scale, $"{formula} d/dy at ({x}, {y}): symbolic {actual.Y}, automatic {expected.Y}");
            compared++;
        }

        return compared;
    }

    internal static string RandomFormula(Random random, int depth)
    {
        if (depth == 0 || random.Next(5) == 0)
        {
            return random.Next(5) switch
            {
                0 => "x",
                1 => "y",
                2 => (random.Next(1, 40) / 8.0).ToString(CultureInfo.InvariantCulture),
                _ => random.Next(2) == 0 ? "x" : "y",
            };
        }

        string Next() => RandomFormula(random, depth - 1);
        string[] unary = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu", "softplus", "-"];
        return random.Next(9) switch
        {
            0 or 1 => $"({Next()} {"+-*/"[random.Next(4)]} {Next()})",
            2 => $"({Next()})^{random.Next(-3, 5)}",
            3 => $"pow({Next()}, {Next()})",
            4 => $"{(random.Next(2) == 0 ? "min" : "max")}({Next()}, {Next()})",
            5 => $"({Next()} * {Next()})",
            _ => unary[random.Next(unary.Length)] is var f && f == "-" ? $"-({Next()})" : $"{unary[random.Next(unary.Length - 1)]}({Next()})",
        };
    }

    private static IEnumerable<(double X, double Y)> RandomPoints(double low, double high, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < PointsPerFormula; i++)
        {
            yield return (low + (high - low) * random.NextDouble(), low + (high - low) * random.NextDouble());
        }
    }

    private static Type GradientRuleOf(LandscapeEntry entry) => entry.Accept(new LandscapeTypeOf()).GetGenericArguments()[1];

    private sealed class LandscapeTypeOf : ILandscapeVisitor<Type>
    {
        public Type Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape => typeof(TLandscape);
    }
}
