namespace LandscapeGpu.Cli;

/// <summary>
/// Turns the first Ctrl-C into a request to stop after the tiles in flight (their files are then whole, and a rerun
/// with --resume skips them); a second Ctrl-C ends the process at once, which is safe too, only slower to resume.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>The exit code of a run stopped by Ctrl-C, as shells report a SIGINT.</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource source = new();

    public Interruption() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Cancelled on the first Ctrl-C.</summary>
    public CancellationToken Token => source.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested)
        {
            e.Cancel = false;
            return;
        }

        e.Cancel = true;
        source.Cancel();
        Console.Error.WriteLine();
        Console.Error.WriteLine("landscape: stopping after the tiles in flight (Ctrl-C again to stop at once)");
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        source.Dispose();
    }
}
