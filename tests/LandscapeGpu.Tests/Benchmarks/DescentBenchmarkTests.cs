using LandscapeGpu.Benchmarks;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Benchmarks;

public sealed class DescentBenchmarkTests
{
    [Fact]
    public void StepFlops_HimmelblauGd_CountsGradientAndUpdate()
    {
        // Gradient: a = x·x + y − 11 (2 mul/add + 1 sub), b likewise (3), 4x·a + 2b (2 mul + fused 2), 4y·b + 2a (4);
        // update: two fused multiply-adds (4). 3 + 3 + 4 + 4 + 4 = 18.
        Assert.Equal(18, StepFlops.Measure(TestProblems.For("himmelblau", 4)).Flops);
    }

    [Fact]
    public void StepFlops_HimmelblauGd_CountsSixMultiplierOperations()
    {
        // x·x + y and y·y + x, 2x·a + b and 2y·b + a, two updates: six fused multiply-adds; the subtractions of 11 and 7,
        // the doublings x + x, y + y and the final doublings of the gradient are additions.
        Assert.Equal((18, 6), StepFlops.Measure(TestProblems.For("himmelblau", 4)));
    }

    [Fact]
    public void StepFlops_Adam_CountsGradientMomentsAndUpdate()
    {
        // Gradient 14 (gd's 18 less its two fused updates). Per weight: first moment m + (1−β1)(g − m), a subtraction
        // and a fused multiply-add (3); second moment v + (1−β2)(g·g − v), two fused multiply-adds (4); update
        // w − s·m/(√v + ε̂): ×, √, +, ÷, − (5). 14 + 2 · 12 = 38.
        Assert.Equal(38, StepFlops.Measure(TestProblems.For("himmelblau", 4, optimizer: OptimizerKind.Adam)).Flops);
    }

    [Fact]
    public void Run_SmallGrid_TakesEveryStepOfEveryStartInEachRun()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 20, 7, steps: 50);
        using var engine = new SimdDescentEngine();
        DescentBenchmarkResult result = DescentBenchmark.Run(problem, engine, runs: 3);
        Assert.Equal(0, result.Problem.Tolerance);
        Assert.Equal(20L * 7 * 50, result.DescentStepsPerRun);
        Assert.Equal(3, result.RunSeconds.Count);
        Assert.Equal(3, result.RunCpuSeconds.Count);
        Assert.True(result.StepsPerSecond > 0);
        Assert.Equal(result.StepsPerSecond * 18, result.FlopsPerSecond, 1e-6 * result.FlopsPerSecond);
        Assert.True(result.PeakWorkingSetBytes > 0);
    }

    [Fact]
    public void MedianSeconds_EvenAndOddRunCounts_IsTheMiddle()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 4);
        var odd = new DescentBenchmarkResult(problem, "x", [3.0, 1.0, 2.0], [1.0, 1.0, 1.0], 10, 18, 6, 1);
        var even = new DescentBenchmarkResult(problem, "x", [4.0, 1.0, 2.0, 3.0], [1.0, 1.0, 1.0, 1.0], 10, 18, 6, 1);
        Assert.Equal(2.0, odd.MedianSeconds);
        Assert.Equal(2.5, even.MedianSeconds);
    }

    [Fact]
    public void MeasureFloat32_OnThisCpu_IsPositiveAndBelowAnyRealChip()
    {
        double peak = CpuPeak.MeasureFloat32(seconds: 0.05);
        Assert.InRange(peak, 1e8, 1e13);
    }
}
