using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli;

/// <summary>
/// Shows a run's progress on stderr: a bar redrawn in place when stderr is a terminal, otherwise a plain line
/// at most once a second (as often as the run reports, which untiled runs do about twice a second), with the rate and
/// the time left. Tiled runs add each device's share and rate.
/// </summary>
public sealed class ProgressReporter(TextWriter output) : IProgress<RunProgress>, IProgress<TiledProgress>, IDisposable
{
    private const double LineInterval = 1;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsErrorRedirected;
    private readonly object gate = new();
    private double lastReport = -1;
    private bool drewBar;

    /// <inheritdoc/>
    public void Report(RunProgress value) => Show(value.Done, value.Total, 0, value.DescentSteps, null);

    /// <inheritdoc/>
    public void Report(TiledProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Show(value.Done, value.Total, value.Resumed, value.DescentSteps, value.Devices);
    }

    private void Show(long done, long total, long resumed, long descentSteps, IReadOnlyList<DeviceProgress>? devices)
    {
        lock (gate)
        {
            double elapsed = clock.Elapsed.TotalSeconds;
            bool finished = done >= total;
            if (!interactive && (elapsed - lastReport < LineInterval || finished))
            {
                return;
            }

            if (interactive && !finished && elapsed - lastReport < 0.1)
            {
                return;
            }

            lastReport = elapsed;
            var culture = CultureInfo.InvariantCulture;
            double fraction = total == 0 ? 1 : (double)done / total;
            double rate = elapsed > 0 ? descentSteps / elapsed : 0;
            // Starts finished before a resume took no time in this process: the ETA counts only this session's.
            double sessionFraction = total - resumed == 0 ? 1 : (double)(done - resumed) / (total - resumed);
            double remaining = sessionFraction > 0 ? elapsed * (1 - sessionFraction) / sessionFraction : double.NaN;
            string text = string.Create(culture,
                $"{done:N0}/{total:N0} starts ({100 * fraction:0.0}%), {rate:0.00e0} steps/s, {FormatTime(remaining)} left");
            if (devices is { Count: > 1 })
            {
                text += "; " + string.Join(", ", devices.Select((d, i) => string.Create(culture,
                    $"[{i}] {d.Tiles} tiles {(elapsed > 0 ? d.DescentSteps / elapsed : 0):0.00e0} steps/s")));
            }

            if (interactive)
            {
                const int width = 30;
                int filled = (int)(fraction * width);
                output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}   ");
                drewBar = true;
            }
            else
            {
                output.WriteLine(text);
            }
        }
    }

    private static string FormatTime(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "?";

    /// <summary>Ends the bar's line.</summary>
    public void Dispose()
    {
        if (drewBar)
        {
            output.WriteLine();
        }
    }
}
