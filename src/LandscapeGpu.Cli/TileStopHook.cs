using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli;

/// <summary>
/// A test hook, off unless its environment variable is set: it stops a tiled run after a given number of tiles, so
/// that the kill-and-resume and Ctrl-C tests stop the run at a known point instead of racing a timer.
/// <list type="bullet">
/// <item><c>LANDSCAPE_TEST_KILL_AFTER_TILES=N</c>: once this process has finished N tiles, it kills itself (SIGKILL,
/// as abrupt as a kill from outside: no handler, no cleanup).</item>
/// <item><c>LANDSCAPE_TEST_INTERRUPT_AFTER_TILES=N</c>: once it has finished N tiles, it sends itself SIGINT and
/// waits until the Ctrl-C handler has seen it, so the real handler stops the run after the tiles in flight.</item>
/// </list>
/// </summary>
public sealed partial class TileStopHook : IProgress<TiledProgress>
{
    /// <summary>The variable that makes the process kill itself after N finished tiles.</summary>
    public const string KillVariable = "LANDSCAPE_TEST_KILL_AFTER_TILES";

    /// <summary>The variable that makes the process send itself SIGINT after N finished tiles.</summary>
    public const string InterruptVariable = "LANDSCAPE_TEST_INTERRUPT_AFTER_TILES";

    private const int SigInt = 2;

    // Longest wait for the Ctrl-C handler to see the signal sent.
    private static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(30);

    private readonly IProgress<TiledProgress> inner;
    private readonly int? killAfter;
    private readonly int? interruptAfter;
    private readonly CancellationToken interrupted;
    private bool signalled;

    private TileStopHook(IProgress<TiledProgress> inner, int? killAfter, int? interruptAfter, CancellationToken interrupted)
    {
        this.inner = inner;
        this.killAfter = killAfter;
        this.interruptAfter = interruptAfter;
        this.interrupted = interrupted;
    }

    /// <summary>
    /// <paramref name="progress"/> itself when neither variable is set; else a progress that passes every report on
    /// and then stops the run as asked. <paramref name="interrupted"/> is the token the Ctrl-C handler cancels.
    /// </summary>
    public static IProgress<TiledProgress> Wrap(IProgress<TiledProgress> progress, CancellationToken interrupted)
    {
        int? killAfter = Read(KillVariable), interruptAfter = Read(InterruptVariable);
        return killAfter is null && interruptAfter is null ? progress : new TileStopHook(progress, killAfter, interruptAfter, interrupted);
    }

    /// <inheritdoc/>
    public void Report(TiledProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        inner.Report(value);
        int finished = value.Devices.Sum(device => device.Tiles);
        if (finished >= killAfter)
        {
            Process.GetCurrentProcess().Kill();
        }

        if (finished >= interruptAfter && !signalled)
        {
            signalled = true;
            if (Kill(Environment.ProcessId, SigInt) != 0)
            {
                throw new InvalidOperationException($"{InterruptVariable}: kill(SIGINT) failed with errno {Marshal.GetLastPInvokeError()}");
            }

            interrupted.WaitHandle.WaitOne(HandlerTimeout);
        }
    }

    private static int? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int tiles) && tiles >= 1
                ? tiles
                : throw new UsageException($"{variable}='{text}' is invalid: it must be a whole number of tiles, 1 or more")
            : null;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
