using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Tests.Descents;

/// <summary>A problem validates itself, naming parameters (not flags); the CLI words them as flags.</summary>
public sealed class DescentProblemTests
{
    private static readonly DescentProblem Valid = TestProblems.For("himmelblau", 16, 12);

    public static TheoryData<string, DescentProblem, string> Invalid() => new()
    {
        { "steps", Valid with { MaxSteps = 0 }, "steps 0 is invalid: it must be between 1 and 16777216" },
        { "steps", Valid with { MaxSteps = DescentProblem.MaxStepBudget + 1 }, "steps 16777217 is invalid: it must be between 1 and 16777216" },
        { "tol", Valid with { Tolerance = 0 }, "tol 0 is invalid: it must be a positive number" },
        { "tol", Valid with { Tolerance = double.NaN }, "tol NaN is invalid: it must be a positive number" },
        { "precision", Valid with { Precision = (Precision)7 }, "precision 7 is invalid; valid: f32, f64" },
        { "lr", Valid with { Optimizer = Valid.Optimizer with { LearningRate = -0.5 } }, "lr -0.5 is invalid: it must be a positive number" },
        { "beta2", Valid with { Optimizer = Valid.Optimizer with { Beta2 = 1 } }, "beta2 1 is invalid: it must be in [0, 1)" },
        { "box", Valid with { Grid = Valid.Grid with { Box = new Box(1, 0, 0, 1) } }, "box " },
        { "box", Valid with { Grid = Valid.Grid with { Box = new Box(0, double.PositiveInfinity, 0, 1) } }, "it must be finite" },
        { "grid", Valid with { Grid = Valid.Grid with { Width = 0 } }, "grid 0x12 is invalid: it must be between 1 and 1048576 starts per side" },
        { "grid", TestProblems.For("quartic", 16) with { Grid = new GridSpec(new Box(-2, 2, 0, 0), 16, 4) }, "grid 16x4 is invalid: it must be one row high for a 1-D landscape" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validated_InvalidParameter_ThrowsNamingTheParameterAndValue(string parameter, DescentProblem problem, string expected)
    {
        var error = Assert.Throws<InvalidParameterException>(problem.Validated);
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validated_ValidProblem_ReturnsItUnchanged() => Assert.Same(Valid, Valid.Validated());

    [Fact]
    public void Describe_WithFlagNames_WordsEveryNamedParameterAsAFlag()
    {
        var error = new InvalidParameterException("free", "w1", "{free} w1: the weight is also given a value with {fix}");
        Assert.Equal("free w1: the weight is also given a value with fix", error.Message);
        Assert.Equal("--free w1: the weight is also given a value with --fix", error.Describe(name => "--" + name));
    }

    [Theory]
    [InlineData("f32", Precision.F32)]
    [InlineData("F64", Precision.F64)]
    public void PrecisionsParse_KnownName_GivesItsPrecisionAndNameRoundTrips(string text, Precision expected)
    {
        Assert.Equal(expected, Precisions.Parse(text));
        Assert.Equal(text.ToLowerInvariant(), Precisions.Name(expected));
    }

    [Fact]
    public void PrecisionsParse_UnknownName_NamesTheValueAndTheChoices()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Precisions.Parse("f16"));
        Assert.Equal("precision 'f16' is invalid; valid: f32, f64", error.Message);
    }
}
