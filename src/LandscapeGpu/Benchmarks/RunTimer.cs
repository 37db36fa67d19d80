using System.Diagnostics;

namespace LandscapeGpu.Benchmarks;

/// <summary>The timing both benchmarks share: untimed warm-ups, then timed runs with their wall and CPU seconds.</summary>
internal static class RunTimer
{
    /// <summary>
    /// Calls <paramref name="runOnce"/> <paramref name="warmups"/> times untimed, then <paramref name="runs"/> times
    /// timed; returns each timed run's wall and CPU seconds (the whole process's) and the descent steps of the last run.
    /// </summary>
    public static (IReadOnlyList<double> Seconds, IReadOnlyList<double> CpuSeconds, long Steps) Time(int runs, int warmups, Func<long> runOnce)
    {
        long steps = 0;
        for (int warmup = 0; warmup < warmups; warmup++)
        {
            steps = runOnce();
        }

        var seconds = new List<double>(runs);
        var cpuSeconds = new List<double>(runs);
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < runs; run++)
        {
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            steps = runOnce();
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
            process.Refresh();
            cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        return (seconds, cpuSeconds, steps);
    }
}
