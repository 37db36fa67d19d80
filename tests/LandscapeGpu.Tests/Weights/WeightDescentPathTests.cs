using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

/// <summary>The recorded K-weight descent of one start (the view's clicked start) against float64 reference loops.</summary>
public sealed class WeightDescentPathTests
{
    // As WeightDescentTests: the loop fuses multiply-adds where the reference rounds each product; the drift over these
    // well-conditioned steps was seen below 1e-13.
    private const double StepTolerance = 1e-10;

    private static WeightDescentProblem ProblemFor(OptimizerSettings settings, double[] start, int steps, bool fixedSteps = false) =>
        new WeightDescentProblem(settings, new GridSpec(new Box(-3, 3, -3, 3), 8, 8), steps, 1e-150, Precision.F32, start, FreeX: 0, FreeY: 2, fixedSteps).Validated();

    [Theory]
    [MemberData(nameof(WeightDescentTests.Kinds), MemberType = typeof(WeightDescentTests))]
    public void Record_ThreeCoupledWeights_IsTheFloat64ReferencePathWithItsLosses(OptimizerKind kind)
    {
        OptimizerSettings settings = WeightDescentTests.SettingsFor(kind);
        const int Steps = 40;
        // The free weights are a and c (indices 0 and 2); b starts at the problem's start.
        double[] start = [0.7, -0.4, 1.3];
        RecordedWeightDescent recorded = WeightDescentPath.Record(default(CoupledThreeWeights), ProblemFor(settings, [9, -0.4, 9], Steps), 0.7, 1.3);
        double[][] reference = WeightDescentTests.ReferencePath(settings, start, Steps);
        Assert.Equal(DescentOutcome.Unconverged, recorded.Outcome);
        Assert.Equal(Steps, recorded.Steps);
        Assert.Equal(Steps + 1, recorded.Losses.Count);
        for (int step = 0; step <= Steps; step++)
        {
            double[] w = reference[step];
            for (int k = 0; k < 3; k++)
            {
                Assert.True(Math.Abs(recorded.Weights[step][k] - w[k]) <= StepTolerance * Math.Max(1, Math.Abs(w[k])),
                    $"{kind}, step {step}, weight {k}: {recorded.Weights[step][k]:R} but the reference has {w[k]:R}");
            }

            double first = w[0] * w[1] - 1, second = w[1] * w[2] - 0.5;
            double loss = first * first + second * second + 0.1 * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            Assert.True(Math.Abs(recorded.Losses[step] - loss) <= StepTolerance * Math.Max(1, loss), $"{kind}, step {step}: loss {recorded.Losses[step]:R} but the reference has {loss:R}");
        }
    }

    [Fact]
    public void Record_FixedSteps_KeepsEveryStepAndNoMore()
    {
        OptimizerSettings settings = WeightDescentTests.SettingsFor(OptimizerKind.Adam);
        RecordedWeightDescent recorded = WeightDescentPath.Record(default(CoupledThreeWeights), ProblemFor(settings, [0, 0.9, 0], 25, fixedSteps: true), -1.2, 0.3);
        double[][] reference = WeightDescentTests.ReferencePath(settings, [-1.2, 0.9, 0.3], 25);
        Assert.Equal(26, recorded.Weights.Count);
        Assert.Equal(reference[25][1], recorded.Weights[^1][1], StepTolerance);
    }

    [Fact]
    public void Record_Converged_EndsAtTheFirstStepWhoseGradientIsSmall()
    {
        OptimizerSettings settings = WeightDescentTests.SettingsFor(OptimizerKind.GradientDescent);
        double[][] reference = WeightDescentTests.ReferencePath(settings, [0.7, -0.4, 1.3], 3000);
        int expected = Array.FindIndex(reference, w => CoupledThreeWeights.GradientOf(w).Sum(g => g * g) < 1e-6);
        var problem = ProblemFor(settings, [0, -0.4, 0], 3000) with { Tolerance = 1e-3 };
        RecordedWeightDescent recorded = WeightDescentPath.Record(default(CoupledThreeWeights), problem, 0.7, 1.3);
        Assert.True(expected > 0);
        Assert.Equal(DescentOutcome.Converged, recorded.Outcome);
        Assert.Equal(expected, recorded.Steps);
    }

    [Fact]
    public void Record_XorNetworkEntry_LossesAreTheHandWrittenNetworksAtEveryStepOfAPlainGdLoop()
    {
        // A reference sharing no code with the generator or the loop: the 2-2-1 tanh network, its MSE and its gradient by hand.
        WeightModelEntry entry = WeightModels.Create(new WeightModelSpec(WeightModelTests.Xor, DataSets.Load("xor")));
        double[] start = [0.6, -0.3, 0.1, -0.5, 0.7, -0.2, 0.9, -0.8, 0.05];
        const double LearningRate = 0.1;
        const int Steps = 60;
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, LearningRate).Validated();
        var problem = new WeightDescentProblem(settings, new GridSpec(new Box(-2, 2, -2, 2), 4, 4), Steps, 1e-150, Precision.F32, start, 0, 1).Validated();
        RecordedWeightDescent recorded = WeightDescentPath.Record(entry, problem, 0.6, -0.3);
        Assert.Equal(Steps, recorded.Steps);

        (double Loss, double[] Weights)[] reference = XorReference.GradientDescent(start, LearningRate, Steps);
        for (int step = 0; step <= Steps; step++)
        {
            (double loss, double[] w) = reference[step];
            Assert.True(Math.Abs(recorded.Losses[step] - loss) <= StepTolerance * Math.Max(1, loss), $"step {step}: loss {recorded.Losses[step]:R} but the reference has {loss:R}");
            Assert.Equal(w[0], recorded.Weights[step][0], StepTolerance);
            Assert.Equal(w[1], recorded.Weights[step][1], StepTolerance);
        }

        Assert.True(recorded.Losses[^1] < recorded.Losses[0], "plain gradient descent did not lower XOR's loss");
    }
}
