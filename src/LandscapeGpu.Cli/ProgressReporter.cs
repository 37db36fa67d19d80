using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli;

/// <summary>
/// Shows a run's progress on stderr: a bar redrawn in place when stderr is a terminal, otherwise a plain line
/// every few seconds, so that logs stay readable.
/// </summary>
public sealed class ProgressReporter(TextWriter output) : IProgress<RunProgress>, IDisposable
{
    private const double LineInterval = 5;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsErrorRedirected;
    private double lastReport = -1;
    private bool drewBar;

    /// <inheritdoc/>
    public void Report(RunProgress value)
    {
        double elapsed = clock.Elapsed.TotalSeconds;
        bool finished = value.Done >= value.Total;
        if (!interactive && (elapsed - lastReport < LineInterval || finished))
        {
            return;
        }

        lastReport = elapsed;
        double fraction = value.Total == 0 ? 1 : (double)value.Done / value.Total;
        double rate = elapsed > 0 ? value.DescentSteps / elapsed : 0;
        double remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : double.NaN;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{value.Done:N0}/{value.Total:N0} starts ({100 * fraction:0.0}%), {rate:0.00e0} steps/s, {FormatTime(remaining)} left");
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
