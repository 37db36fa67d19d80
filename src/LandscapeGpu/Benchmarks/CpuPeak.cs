using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LandscapeGpu.Benchmarks;

/// <summary>
/// Measures this CPU's floating-point peak: every core runs ten independent chains of 256-bit fused
/// multiply-adds, the best case the descent engine could reach. The machine limit a benchmark is compared with.
/// </summary>
public static class CpuPeak
{
    private const int Chains = 10;
    private const int IterationsPerRound = 1 << 20;

    /// <summary>
    /// Peak float32 FLOP/s over all cores, measured for about <paramref name="seconds"/>; float64 is half of it.
    /// Counted per CPU-second of this process times the processor count, so that other work on a shared machine
    /// does not lower it.
    /// </summary>
    public static double MeasureFloat32(double seconds = 0.3, int? threads = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        int workers = threads ?? Environment.ProcessorCount;
        Chain(1); // compile before timing
        long rounds = 0;
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            // At least one round per worker: on a loaded machine a worker may not be scheduled before the time is up,
            // and a measurement of no rounds read as a peak of 0.
            do
            {
                Chain(IterationsPerRound);
                Interlocked.Increment(ref rounds);
            }
            while (stopwatch.Elapsed.TotalSeconds < seconds);
        });
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        double flops = (double)rounds * IterationsPerRound * Chains * Vector256<float>.Count * 2;
        return flops / cpuSeconds * Math.Min(workers, Environment.ProcessorCount);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chain(int iterations)
    {
        Vector256<float> multiplier = Vector256.Create(0.999999f);
        Vector256<float> addend = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0 + addend, a2 = a1 + addend, a3 = a2 + addend, a4 = a3 + addend;
        Vector256<float> a5 = a4 + addend, a6 = a5 + addend, a7 = a6 + addend, a8 = a7 + addend, a9 = a8 + addend;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector256.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector256.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector256.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector256.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector256.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector256.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector256.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector256.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector256.FusedMultiplyAdd(a9, multiplier, addend);
        }

        // The sum keeps every chain alive so none is optimized away.
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }
}
