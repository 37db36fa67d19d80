using LandscapeGpu.Descents;

namespace LandscapeGpu.Benchmarks;

/// <summary>
/// The machine limits a benchmark is measured against: the device's peak FLOP/s in the run's precision, and the
/// descent steps per second that peak allows, counted two ways (see <see cref="MachineLimitStepsPerSecond"/> and
/// <see cref="MultiplierLimitStepsPerSecond"/>).
/// </summary>
/// <param name="Result">The benchmark.</param>
/// <param name="PeakFlopsPerSecond">The device's peak in the run's precision.</param>
public sealed record Roofline(DescentBenchmarkResult Result, double PeakFlopsPerSecond)
{
    /// <summary>
    /// The roofline of <paramref name="result"/> on a device whose float32 peak is <paramref name="peakFloat32"/>
    /// FLOP/s (null: unknown, and so is the roofline). A float64 FMA does half the float32 work per instruction.
    /// </summary>
    public static Roofline? For(DescentBenchmarkResult result, double? peakFloat32)
    {
        ArgumentNullException.ThrowIfNull(result);
        return peakFloat32 is { } peak ? new Roofline(result, result.Problem.Precision == Precision.F64 ? peak / 2 : peak) : null;
    }

    /// <summary>Every counted FLOP on the multiply-add units (GPUs; Intel cores, whose adds share those ports).</summary>
    public double MachineLimitStepsPerSecond => PeakFlopsPerSecond / Result.FlopsPerStep;

    /// <summary>
    /// Only products and multiply-adds on those units, one per lane each (peak FLOP/s counts one as 2), additions on
    /// adders of their own, as on AMD Zen: the bound for such CPUs, which <see cref="MachineLimitStepsPerSecond"/>
    /// understates. Null when a step has no multiplies.
    /// </summary>
    public double? MultiplierLimitStepsPerSecond => Result.MultipliesPerStep > 0 ? PeakFlopsPerSecond / 2 / Result.MultipliesPerStep : null;

    /// <summary>The run's FLOP/s as a fraction of the peak.</summary>
    public double FractionOfPeak => Result.FlopsPerSecond / PeakFlopsPerSecond;

    /// <summary>The run's FLOP/s per CPU-second (every core to itself) as a fraction of the peak.</summary>
    public double FractionOfPeakPerCpuSecond => Result.StepsPerCpuSecondAllCores * Result.FlopsPerStep / PeakFlopsPerSecond;
}
