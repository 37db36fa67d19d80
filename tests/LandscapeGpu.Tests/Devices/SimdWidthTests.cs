using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// The SIMD engine's two lane widths: 512-bit lanes must give the results of 256-bit lanes bit for bit (so the
/// width <see cref="SimdWidthTuner"/> picks changes speed only), and the tuner must pick the width that runs faster.
/// </summary>
public sealed class SimdWidthTests
{
    public static TheoryData<string, OptimizerKind, Precision, bool> Cases()
    {
        var cases = new TheoryData<string, OptimizerKind, Precision, bool>();
        foreach (OptimizerKind optimizer in Enum.GetValues<OptimizerKind>())
        {
            cases.Add("himmelblau", optimizer, Precision.F32, false);
            cases.Add("himmelblau", optimizer, Precision.F32, true);
        }

        // Sines (rastrigin), exp, cos, sqrt and a selection (ackley), exp (muller-brown), automatic differentiation
        // (goldstein-price), float64, and a formula compiled at run time.
        foreach (string landscape in new[] { "rastrigin", "ackley", "muller-brown", "goldstein-price", "(x^2+y-11)^2+(x+y^2-7)^2", "y*tanh(3*x)+0.1*x^2" })
        {
            cases.Add(landscape, OptimizerKind.GradientDescent, Precision.F32, false);
            cases.Add(landscape, OptimizerKind.Adam, Precision.F32, true);
        }

        cases.Add("himmelblau", OptimizerKind.Adam, Precision.F64, false);
        cases.Add("rastrigin", OptimizerKind.Nesterov, Precision.F64, true);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_512BitLanes_EqualThe256BitLanesBitForBit(string landscape, OptimizerKind optimizer, Precision precision, bool fixedSteps)
    {
        // 37 x 29: rows fill no whole group of either width, and the last chunk of each is padded.
        DescentProblem problem = Problem(landscape, optimizer, precision) with { FixedSteps = fixedSteps };
        TileResult narrow = Run(problem, SimdWidth.Bits256), wide = Run(problem, SimdWidth.Bits512);
        for (int i = 0; i < problem.Grid.Whole.Count; i++)
        {
            Assert.True(narrow.EndX[i].Equals(wide.EndX[i]) && narrow.EndY[i].Equals(wide.EndY[i]),
                $"start {i}: 256-bit lanes end at ({narrow.EndX[i]:R}, {narrow.EndY[i]:R}), 512-bit at ({wide.EndX[i]:R}, {wide.EndY[i]:R})");
            Assert.Equal(narrow.Steps[i], wide.Steps[i]);
            Assert.Equal(narrow.Outcomes[i], wide.Outcomes[i]);
        }

        // Not a trivial comparison: the starts end in more than one place, and (early exit) after different step counts.
        Assert.True(narrow.EndX.Take(problem.Grid.Whole.Count).Distinct().Count() > 1, "every start ended at the same x");
        if (!fixedSteps && optimizer != OptimizerKind.Adam)
        {
            Assert.True(narrow.Steps.Take(problem.Grid.Whole.Count).Distinct().Count() > 1, "every start took the same steps");
        }
    }

    [Theory]
    [InlineData(SimdWidth.Bits256, 5, 1)]
    [InlineData(SimdWidth.Bits512, 1, 5)]
    public void Choose_OneWidthSlower_PicksTheOtherAndKeepsItForTheKind(SimdWidth expected, int millisecondsAt512, int millisecondsAt256)
    {
        var tuner = new SimdWidthTuner(has512: true);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        var timed = new List<(SimdWidth Width, TileSpec Sample)>();
        SimdWidth chosen = tuner.Choose(problem, new TileSpec(0, 0, 1024, 1024), (width, sample) =>
        {
            timed.Add((width, sample));
            Thread.Sleep(width == SimdWidth.Bits512 ? millisecondsAt512 : millisecondsAt256);
        });

        Assert.Equal(expected, chosen);
        Assert.Equal(expected, tuner.ChosenFor(problem));
        Assert.Contains(timed, run => run.Width == SimdWidth.Bits256);
        Assert.Contains(timed, run => run.Width == SimdWidth.Bits512);
        // Samples lie inside the tile and spread over it: not one corner.
        Assert.All(timed, run => Assert.True(run.Sample.X >= 0 && run.Sample.X + run.Sample.Width <= 1024 && run.Sample.Y >= 0 && run.Sample.Y < 1024));
        Assert.True(timed.Select(run => run.Sample.Y).Distinct().Count() >= 4, "the samples came from fewer than four rows");

        // The same kind of problem (another grid, the same compiled code) is not timed again; another kind is.
        int runs = timed.Count;
        Assert.Equal(expected, tuner.Choose(problem with { Grid = new GridSpec(problem.Grid.Box, 64, 64) }, new TileSpec(0, 0, 64, 64), (width, sample) => timed.Add((width, sample))));
        Assert.Equal(runs, timed.Count);
        Assert.Null(tuner.ChosenFor(problem with { Optimizer = problem.Optimizer with { Kind = OptimizerKind.Adam } }));
    }

    [Fact]
    public void Choose_TileTooSmallToTime_RunsTheDefaultAndLeavesTheChoiceOpen()
    {
        var tuner = new SimdWidthTuner(has512: true);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        var tile = new TileSpec(0, 0, 16, 4);
        var samples = new List<TileSpec>();
        SimdWidth chosen = tuner.Choose(problem, tile, (_, sample) => samples.Add(sample));

        Assert.Equal(tuner.Default, chosen);
        Assert.Null(tuner.ChosenFor(problem));
        Assert.All(samples, sample => Assert.Equal(tile, sample));
    }

    [Fact]
    public void Choose_WithoutNative512BitVectors_Is256WithoutTiming()
    {
        var tuner = new SimdWidthTuner(has512: false);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        Assert.Equal(SimdWidth.Bits256, tuner.Choose(problem, problem.Grid.Whole, (_, _) => Assert.Fail("timed a width on a CPU without 512-bit vectors")));
        Assert.Equal(SimdWidth.Bits256, tuner.ChosenFor(problem));
    }

    [Theory]
    [InlineData("256", SimdWidth.Bits256)]
    [InlineData(" 512 ", SimdWidth.Bits512)]
    [InlineData("AUTO", SimdWidth.Auto)]
    public void Parse_KnownNames_GiveTheirWidth(string text, SimdWidth expected) => Assert.Equal(expected, SimdWidths.Parse(text));

    [Fact]
    public void Parse_UnknownName_NamesTheVariableAndTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => SimdWidths.Parse("1024"));
        Assert.Contains("LANDSCAPE_SIMD_WIDTH='1024' is invalid: it must be auto, 256 or 512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WidthFor_ExplicitWidth_IsThatWidthAndNamedInTheDescription()
    {
        using var engine = new SimdDescentEngine(width: SimdWidth.Bits256);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        Assert.Equal(SimdWidth.Bits256, engine.WidthFor(problem));
        Assert.Contains("256-bit lanes", engine.Description, StringComparison.Ordinal);
    }

    private static DescentProblem Problem(string landscape, OptimizerKind optimizer, Precision precision)
    {
        if (BuiltInLandscapes.Find(landscape) is not null)
        {
            return TestProblems.For(landscape, 37, 29, optimizer: optimizer, precision: precision, steps: 300);
        }

        LandscapeEntry entry = FormulaLandscapes.Parse(landscape);
        var settings = new OptimizerSettings(optimizer, OptimizerSettings.DefaultLearningRate(optimizer, 0.01, 10),
            Beta2: OptimizerSettings.DefaultBeta2For(optimizer), Epsilon: OptimizerSettings.DefaultEpsilonFor(optimizer)).Validated();
        return new DescentProblem(entry, settings, new GridSpec(new Box(-5, 5, -5, 5), 37, 29), 300, 1e-3, precision);
    }

    private static TileResult Run(DescentProblem problem, SimdWidth width)
    {
        using var engine = new SimdDescentEngine(width: width);
        var result = new TileResult(problem.Grid.Whole.Count);
        engine.Run(problem, problem.Grid.Whole, result);
        return result;
    }
}
