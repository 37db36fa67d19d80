using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// The SIMD engine's plans (lane width, gradient inlined or called): every plan must give the results of 256-bit
/// lanes with the gradient inlined bit for bit (so the plan <see cref="SimdPlanTuner"/> picks changes speed only), and
/// the tuner must pick the plan that runs fastest.
/// </summary>
public sealed class SimdPlanTests
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
    public void Run_EveryPlan_EqualsThe256BitInlinedPlanBitForBit(string landscape, OptimizerKind optimizer, Precision precision, bool fixedSteps)
    {
        // 37 x 29: rows fill no whole group of either width, and the last chunk of each is padded.
        DescentProblem problem = Problem(landscape, optimizer, precision) with { FixedSteps = fixedSteps };
        TileResult reference = Run(problem, new SimdPlan(SimdWidth.Bits256, false));
        foreach (SimdPlan plan in new[] { new SimdPlan(SimdWidth.Bits256, true), new SimdPlan(SimdWidth.Bits512, false), new SimdPlan(SimdWidth.Bits512, true) })
        {
            TileResult other = Run(problem, plan);
            for (int i = 0; i < problem.Grid.Whole.Count; i++)
            {
                Assert.True(reference.EndX[i].Equals(other.EndX[i]) && reference.EndY[i].Equals(other.EndY[i]),
                    $"start {i}: 256-bit lanes, gradient inlined end at ({reference.EndX[i]:R}, {reference.EndY[i]:R}), {plan} at ({other.EndX[i]:R}, {other.EndY[i]:R})");
                Assert.Equal(reference.Steps[i], other.Steps[i]);
                Assert.Equal(reference.Outcomes[i], other.Outcomes[i]);
            }
        }

        // Not a trivial comparison: the starts end in more than one place, and (early exit) after different step counts.
        Assert.True(reference.EndX.Take(problem.Grid.Whole.Count).Distinct().Count() > 1, "every start ended at the same x");
        if (!fixedSteps && optimizer != OptimizerKind.Adam)
        {
            Assert.True(reference.Steps.Take(problem.Grid.Whole.Count).Distinct().Count() > 1, "every start took the same steps");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Choose_OnePlanFastest_PicksItAndKeepsItForTheKind(int fastest)
    {
        IReadOnlyList<SimdPlan> candidates = SimdPlan.Candidates(SimdWidth.Auto, has512: true);
        Assert.Equal(4, candidates.Count);
        var clock = new ManualClock();
        var tuner = new SimdPlanTuner(candidates, clock);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        var timed = new List<(SimdPlan Plan, TileSpec Sample)>();
        SimdPlan chosen = tuner.Choose(problem, new TileSpec(0, 0, 1024, 1024), (plan, sample, _) =>
        {
            timed.Add((plan, sample));
            clock.Advance(TimeSpan.FromMilliseconds(plan == candidates[fastest] ? 1 : 4));
        }, timeNow: true);

        Assert.Equal(candidates[fastest], chosen);
        Assert.Equal(candidates[fastest], tuner.ChosenFor(problem));
        Assert.All(candidates, plan => Assert.Contains(timed, run => run.Plan == plan));
        // Samples lie inside the tile and spread over it: not one corner.
        Assert.All(timed, run => Assert.True(run.Sample.X >= 0 && run.Sample.X + run.Sample.Width <= 1024 && run.Sample.Y >= 0 && run.Sample.Y + run.Sample.Height <= 1024));
        Assert.True(timed.Select(run => run.Sample.Y).Distinct().Count() >= 4, "the samples came from fewer than four rows");
        // Each sample is a small part of the tile: timing must not cost a tile's work.
        Assert.All(timed, run => Assert.True(run.Sample.Count <= 1024 * 1024 / 32, $"a sample of {run.Sample.Count} starts"));

        // The same kind of problem (another grid, the same compiled code) is not timed again; another kind is.
        int runs = timed.Count;
        Assert.Equal(candidates[fastest], tuner.Choose(problem with { Grid = new GridSpec(problem.Grid.Box, 64, 64) }, new TileSpec(0, 0, 64, 64), (plan, sample, _) => timed.Add((plan, sample)), timeNow: true));
        Assert.Equal(runs, timed.Count);
        Assert.Null(tuner.ChosenFor(problem with { Optimizer = problem.Optimizer with { Kind = OptimizerKind.Adam } }));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.1)]
    [InlineData(10.0)]
    [InlineData(1000.0)]
    public void Choose_AnyCostPerStep_TimesWithinTheBudgetAndPicksTheFastest(double microsecondsPerStartStep)
    {
        // Samples whose time is their starts times their steps times a plan's cost of one step: the old tuner ran whole
        // descents of at least 2048 starts per plan four times, 0.25 s per plan at 0.1 us per step of a 300-step problem.
        IReadOnlyList<SimdPlan> candidates = SimdPlan.Candidates(SimdWidth.Auto, has512: true);
        var clock = new ManualClock();
        var tuner = new SimdPlanTuner(candidates, clock);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        SimdPlan fastest = candidates[2];
        var timed = new List<(int Starts, int Steps, TimeSpan Time)>();
        SimdPlan chosen = tuner.Choose(problem, new TileSpec(0, 0, 1024, 1024), (plan, sample, steps) =>
        {
            Assert.InRange(steps, 1, problem.MaxSteps);
            double microseconds = (double)sample.Count * steps * microsecondsPerStartStep * (plan == fastest ? 1 : 1.5);
            var time = TimeSpan.FromTicks((long)Math.Round(microseconds * TimeSpan.TicksPerMicrosecond));
            timed.Add((sample.Count, steps, time));
            clock.Advance(time);
        }, timeNow: true);

        Assert.Equal(fastest, chosen);
        // The first two passes (every plan one step on the first sample: compiling the code, then timed) are the least
        // any timing costs; past them, the budget.
        int firstPasses = 2 * candidates.Count * 8;
        Assert.True(timed.Take(firstPasses).All(run => run.Steps == 1 && run.Starts <= 64), "the first passes ran more than one step of 64 starts a segment");
        TimeSpan least = timed.Take(firstPasses).Aggregate(TimeSpan.Zero, (sum, run) => sum + run.Time);
        TimeSpan total = timed.Aggregate(TimeSpan.Zero, (sum, run) => sum + run.Time);
        Assert.True(total - least <= SimdPlanTuner.TimingBudget, $"the timing took {total.TotalSeconds:0.000} s, {least.TotalSeconds:0.000} s of it in the first two passes");
        if (microsecondsPerStartStep <= 0.001)
        {
            // Where whole descents are cheap they are what is timed: early exits and all.
            Assert.Equal(problem.MaxSteps, timed[^1].Steps);
        }
    }

    [Fact]
    public void Choose_TileTooSmallToTime_RunsTheDefaultAndLeavesTheChoiceOpen()
    {
        var tuner = new SimdPlanTuner(SimdPlan.Candidates(SimdWidth.Auto, has512: true));
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        var tile = new TileSpec(0, 0, 16, 4);
        var samples = new List<TileSpec>();
        SimdPlan chosen = tuner.Choose(problem, tile, (_, sample, _) => samples.Add(sample), timeNow: true);

        Assert.Equal(tuner.Default, chosen);
        Assert.Null(tuner.ChosenFor(problem));
        Assert.All(samples, sample => Assert.Equal(tile, sample));
    }

    [Fact]
    public void Choose_KindThatHasRunBriefly_RunsTheDefaultUntilItHasRunLongEnoughThenTimes()
    {
        var clock = new ManualClock();
        var tuner = new SimdPlanTuner(SimdPlan.Candidates(SimdWidth.Auto, has512: true), clock);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        var tile = new TileSpec(0, 0, 1024, 1024);
        int sampled = 0;
        void Sample(SimdPlan plan, TileSpec sample, int _)
        {
            sampled++;
            clock.Advance(TimeSpan.FromMilliseconds(plan.CallsGradient ? 1 : 3));
        }

        Assert.Equal(tuner.Default, tuner.Choose(problem, tile, Sample));
        tuner.Record(problem, SimdPlanTuner.TuneAfter / 2);
        Assert.Equal(tuner.Default, tuner.Choose(problem, tile, Sample));
        Assert.Equal(0, sampled);
        Assert.Null(tuner.ChosenFor(problem));

        tuner.Record(problem, SimdPlanTuner.TuneAfter / 2);
        SimdPlan chosen = tuner.Choose(problem, tile, Sample);
        Assert.True(sampled > 0, "the plans were not timed once the kind had run long enough");
        Assert.True(chosen.CallsGradient);
        Assert.Equal(chosen, tuner.ChosenFor(problem));
    }

    [Fact]
    public void Candidates_WithoutNative512BitVectors_Are256BitOnly()
    {
        Assert.Equal([new SimdPlan(SimdWidth.Bits256, false), new SimdPlan(SimdWidth.Bits256, true)], SimdPlan.Candidates(SimdWidth.Auto, has512: false));
        Assert.Equal([new SimdPlan(SimdWidth.Bits512, false), new SimdPlan(SimdWidth.Bits512, true)], SimdPlan.Candidates(SimdWidth.Bits512, has512: false));
    }

    [Fact]
    public void Choose_OneCandidate_IsThatPlanWithoutTiming()
    {
        var only = new SimdPlan(SimdWidth.Bits256, false);
        var tuner = new SimdPlanTuner([only]);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        Assert.Equal(only, tuner.Choose(problem, problem.Grid.Whole, (_, _, _) => Assert.Fail("timed a plan with nothing to choose")));
        Assert.Equal(only, tuner.ChosenFor(problem));
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
    public void PlanFor_ExplicitWidthAndCall_IsThatPlanAndNamedInTheDescription()
    {
        using var engine = new SimdDescentEngine(width: SimdWidth.Bits256, callsGradient: true);
        DescentProblem problem = Problem("himmelblau", OptimizerKind.GradientDescent, Precision.F32);
        Assert.Equal(new SimdPlan(SimdWidth.Bits256, true), engine.PlanFor(problem, out bool timed));
        Assert.True(timed, "a single allowed plan counts as chosen");
        Assert.Contains("256-bit lanes", engine.Description, StringComparison.Ordinal);
        Assert.Equal("256-bit lanes, gradient called", engine.PlanFor(problem, out _).ToString());
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

    // A clock that moves only when a test advances it: each sample "takes" exactly the time the test says.
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan time) => ticks += time.Ticks;
    }

    private static TileResult Run(DescentProblem problem, SimdPlan plan)
    {
        using var engine = new SimdDescentEngine(width: plan.Width, callsGradient: plan.CallsGradient);
        var result = new TileResult(problem.Grid.Whole.Count);
        engine.Run(problem, problem.Grid.Whole, result);
        return result;
    }
}
