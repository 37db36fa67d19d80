using LandscapeGpu.Cli;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs.Series;

namespace LandscapeGpu.Tests.Runs.Series;

/// <summary>The values of a varied parameter, their parsing, and attractors matched across runs by location.</summary>
public sealed class ParameterRangeTests
{
    /// <summary>Ratios and differences of neighbouring values agree to a few ulp of float64.</summary>
    private const double SpacingTolerance = 1e-12;

    [Fact]
    public void Values_Logarithmic_AreGeometricFromFromToExactlyTo()
    {
        ParameterRange range = ParameterRange.Parse("lr=0.001:0.1:9", logarithmic: true);

        IReadOnlyList<double> values = range.Values;

        Assert.Equal(9, values.Count);
        Assert.Equal(0.001, values[0]);
        Assert.Equal(0.1, values[^1]);
        double ratio = Math.Pow(100, 1.0 / 8);
        for (int i = 1; i < values.Count; i++)
        {
            Assert.Equal(ratio, values[i] / values[i - 1], SpacingTolerance);
        }
    }

    [Fact]
    public void Values_Linear_AreEvenlySpacedFromFromToExactlyTo()
    {
        IReadOnlyList<double> values = ParameterRange.Parse("momentum=0:0.9:10").Values;

        Assert.Equal(0, values[0]);
        Assert.Equal(0.9, values[^1]);
        Assert.All(Enumerable.Range(1, 9), i => Assert.Equal(0.1, values[i] - values[i - 1], SpacingTolerance));
    }

    [Fact]
    public void Values_Steps_AreWholeNumbers()
    {
        Assert.Equal([10, 55, 100], ParameterRange.Parse("steps=10:100:3").Values);
    }

    [Theory]
    [InlineData("foo=1:2:3", "'foo' cannot be varied here; valid: lr, momentum, beta1, beta2, steps")]
    [InlineData("lr=2:1:3", "TO (1) must be greater than FROM (2)")]
    [InlineData("lr=1:2:1", "COUNT (1) must be between 2 and 100000")]
    [InlineData("lr=1:x:3", "give lr=FROM:TO:COUNT")]
    [InlineData("steps=1:3:10", "would repeat after rounding to whole steps")]
    public void Parse_BadRange_ThrowsNamingIt(string text, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ParameterRange.Parse(text));

        // The engine names the parameter; the CLI words it as its flag.
        string worded = UsageException.From(error).Message;
        Assert.Contains(expected, worded);
        Assert.StartsWith($"--vary '{text}' is invalid", worded);
    }

    [Fact]
    public void Parse_FixedWeightOfAModel_IsNamedByTheWeight()
    {
        ParameterRange range = ParameterRange.Parse("w3=-1:1:5", fixedWeights: ["w3"]);

        Assert.Equal((SeriesParameter.FixedWeight, "w3"), (range.Parameter, range.Name));
        Assert.Equal([-1, -0.5, 0, 0.5, 1], range.Values);
        Assert.Contains("valid: lr, momentum, beta1, beta2, steps, w3 (a fixed weight of the model)",
            Assert.ThrowsAny<ArgumentException>(() => ParameterRange.Parse("w4=0:1:2", fixedWeights: ["w3"])).Message);
    }

    [Fact]
    public void Apply_EachParameter_SetsOnlyThatValue()
    {
        var problem = new DescentProblem(BuiltInLandscapes.Find("himmelblau")!, new OptimizerSettings(OptimizerKind.Adam, 0.01),
            new GridSpec(new Box(-5, 5, -5, 5), 4, 4), 100, 1e-3, Precision.F32);

        Assert.Equal(problem with { Optimizer = problem.Optimizer with { LearningRate = 0.5 } }, ParameterRange.Parse("lr=0.1:1:2").Apply(problem, 0.5));
        Assert.Equal(problem with { Optimizer = problem.Optimizer with { Beta1 = 0.5 } }, ParameterRange.Parse("beta1=0.1:0.9:2").Apply(problem, 0.5));
        Assert.Equal(problem with { Optimizer = problem.Optimizer with { Beta2 = 0.5 } }, ParameterRange.Parse("beta2=0.1:0.9:2").Apply(problem, 0.5));
        Assert.Equal(problem with { MaxSteps = 77 }, ParameterRange.Parse("steps=10:100:2").Apply(problem, 77));
        Assert.ThrowsAny<ArgumentException>(() => ParameterRange.Parse("momentum=0.1:0.9:2").Check(problem));
    }

    [Fact]
    public void Match_SameAttractorsWithinACellAcrossRuns_AreOneEachWithTheirFractions()
    {
        var box = new Box(-5, 5, -5, 5);
        double nudge = 0.1 * AttractorLocations.LocationQuantum * 10;
        FrameAttractor a = new(3, 2, "minimum", 0.5), b = new(-2.802, 3.131, "minimum", 0.5);
        IReadOnlyList<FrameAttractor>[] runs =
        [
            [a, b],
            [b with { X = b.X + nudge, Fraction = 0.7 }],
            [a with { Y = a.Y - nudge, Fraction = 0.25 }, new FrameAttractor(-3.78, -3.28, "minimum", 0.75)],
        ];

        (IReadOnlyList<TrackedAttractor> tracked, double[][] fractions) = AttractorLocations.Match(runs, box);

        Assert.Equal(3, tracked.Count);
        Assert.Equal((3.0, 2.0), (tracked[0].X, tracked[0].Y));
        Assert.Equal([0.5, 0.5, 0], fractions[0]);
        Assert.Equal([0, 0.7, 0], fractions[1]);
        Assert.Equal([0.25, 0, 0.75], fractions[2]);
    }
}
