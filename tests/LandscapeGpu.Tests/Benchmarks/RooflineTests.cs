using LandscapeGpu.Benchmarks;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Tests.Benchmarks;

public sealed class RooflineTests
{
    // 1e9 steps of 18 FLOPs (6 multiplier operations) in 2 s of wall time and 3 CPU-seconds.
    private static DescentBenchmarkResult Result(Precision precision) =>
        new(TestProblems.For("himmelblau", 4, precision: precision), "test", [2.0], [3.0], 1_000_000_000, 18, 6, 1);

    [Fact]
    public void For_Float32_DividesThePeakByTheStepsWork()
    {
        Roofline roofline = Roofline.For(Result(Precision.F32), 1.8e12)!;
        Assert.Equal(1.8e12, roofline.PeakFlopsPerSecond);
        Assert.Equal(1e11, roofline.MachineLimitStepsPerSecond, 1e-3);
        // Half the peak (a multiply-add counts 2) over six multiplier operations.
        Assert.Equal(1.5e11, roofline.MultiplierLimitStepsPerSecond!.Value, 1e-3);
        Assert.Equal(5e8 * 18 / 1.8e12, roofline.FractionOfPeak, 1e-15);
        Assert.Equal(1e9 / 3.0 * Environment.ProcessorCount * 18 / 1.8e12, roofline.FractionOfPeakPerCpuSecond, 1e-15);
    }

    [Fact]
    public void For_Float64_HalvesTheFloat32Peak() =>
        Assert.Equal(0.9e12, Roofline.For(Result(Precision.F64), 1.8e12)!.PeakFlopsPerSecond);

    [Fact]
    public void For_UnknownPeak_IsNull() => Assert.Null(Roofline.For(Result(Precision.F32), null));
}
