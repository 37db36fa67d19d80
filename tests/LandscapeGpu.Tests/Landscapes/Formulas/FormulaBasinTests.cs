using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

[Collection(IlgpuCpuCollection.Name)]
public sealed class FormulaBasinTests(IlgpuCpuEngineFixture fixture)
{
    // Symbolic, automatic and hand-written gradients round differently in float32, so a start on a basin
    // boundary may fall either way: at most this share of cells may differ.
    private const double BoundaryCellShare = 0.01;

    // Attractors are Newton-refined in float64: the same points to far better than this.
    private const double PositionTolerance = 1e-6;

    [Theory]
    [InlineData("himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", 40, OptimizerKind.GradientDescent)]
    [InlineData("himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", 24, OptimizerKind.Newton)]
    [InlineData("three-hump-camel", "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", 32, OptimizerKind.Adam)]
    [InlineData("styblinski-tang", "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)/2", 32, OptimizerKind.Momentum)]
    [InlineData("rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", 32, OptimizerKind.GradientDescent)]
    [InlineData("quartic", "x^4 - 3*x^2 + x", 64, OptimizerKind.GradientDescent)]
    public void Map_FormulaOfABuiltIn_GivesTheBuiltInsBasins(string name, string formula, int grid, OptimizerKind optimizer)
    {
        DescentProblem builtIn = TestProblems.For(name, grid, optimizer: optimizer);
        DescentProblem typed = builtIn with { Landscape = FormulaLandscapes.Parse(formula) };
        BasinMap expected = MapRunner.Run(builtIn, fixture.Engine);
        BasinMap actual = MapRunner.Run(typed, fixture.Engine);

        Assert.Equal(expected.Attractors.Count, actual.Attractors.Count);
        foreach ((StationaryPoint e, StationaryPoint a) in expected.Attractors.Zip(actual.Attractors))
        {
            Assert.True(Math.Abs(e.X - a.X) <= PositionTolerance && Math.Abs(e.Y - a.Y) <= PositionTolerance,
                $"{name} attractor {e.Id}: built-in ({e.X}, {e.Y}), formula ({a.X}, {a.Y})");
            Assert.Equal(e.Kind, a.Kind);
        }

        int differing = expected.Ids.Zip(actual.Ids).Count(pair => pair.First != pair.Second);
        Assert.True(differing <= BoundaryCellShare * expected.Ids.Length, $"{name}: {differing} of {expected.Ids.Length} cells differ");
    }

    [Theory]
    [InlineData("sin(x)*cos(y) + 0.1*(x^2 + y^2)", OptimizerKind.GradientDescent)]
    [InlineData("(x^2+y-11)^2 + (x+y^2-7)^2 + softplus(x)*sigmoid(y) + exp(-x^2)*tanh(y) + max(x, y)/(2 + abs(x*y))", OptimizerKind.Adam)]
    public void Map_SymbolicGradient_GivesTheBasinsOfAutomaticDifferentiation(string formula, OptimizerKind optimizer)
    {
        DescentProblem symbolic = TestProblems.For("himmelblau", 32, optimizer: optimizer) with { Landscape = SymbolicReference.Parse(formula) };
        DescentProblem automatic = symbolic with { Landscape = FormulaLandscapes.Parse(formula, FormulaGradientChoice.Automatic) };
        BasinMap expected = MapRunner.Run(automatic, fixture.Engine);
        using var simd = new SimdDescentEngine();
        foreach (BasinMap actual in new[] { MapRunner.Run(symbolic, fixture.Engine), MapRunner.Run(symbolic, simd) })
        {
            AssertSameBasins(formula, expected, actual);
        }
    }

    [Fact]
    public void Map_FormulaOnTheSimdEngine_GivesTheBuiltInsBasins()
    {
        DescentProblem builtIn = TestProblems.For("himmelblau", 40);
        DescentProblem typed = builtIn with { Landscape = FormulaLandscapes.Parse("(x^2+y-11)^2 + (x+y^2-7)^2") };
        using var simd = new SimdDescentEngine();
        AssertSameBasins("himmelblau", MapRunner.Run(builtIn, simd), MapRunner.Run(typed, simd));
    }

    private static void AssertSameBasins(string name, BasinMap expected, BasinMap actual)
    {
        Assert.Equal(expected.Attractors.Count, actual.Attractors.Count);
        foreach ((StationaryPoint e, StationaryPoint a) in expected.Attractors.Zip(actual.Attractors))
        {
            Assert.True(Math.Abs(e.X - a.X) <= PositionTolerance && Math.Abs(e.Y - a.Y) <= PositionTolerance,
                $"{name} attractor {e.Id}: expected ({e.X}, {e.Y}), got ({a.X}, {a.Y})");
            Assert.Equal(e.Kind, a.Kind);
        }

        int differing = expected.Ids.Zip(actual.Ids).Count(pair => pair.First != pair.Second);
        Assert.True(differing <= BoundaryCellShare * expected.Ids.Length, $"{name}: {differing} of {expected.Ids.Length} cells differ");
    }

    [Fact]
    public void Map_FormulaThatOverflows_MarksThoseStartsDivergedAndFinishes()
    {
        // exp(x^2 + y^2) overflows float32 far from the origin: those starts diverge, the centre converges.
        DescentProblem problem = TestProblems.For("himmelblau", 24) with { Landscape = FormulaLandscapes.Parse("exp(x^2 + y^2)") };
        BasinMap map = MapRunner.Run(problem, fixture.Engine);
        Assert.InRange(map.Basins.DivergedFraction, 0.5, 1.0);
        StationaryPoint centre = Assert.Single(map.Attractors);
        Assert.Equal(0, centre.X, PositionTolerance);
        Assert.Equal(0, centre.Y, PositionTolerance);
    }
}
