using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LandscapeGpu.Rendering.Tests;

/// <summary>
/// An X display for window tests: the one in DISPLAY if set, else a private Xvfb started on a free display
/// number and stopped at the end. DISPLAY is also set in the native environment, which GLFW reads
/// (Environment.SetEnvironmentVariable changes only .NET's copy).
/// </summary>
public sealed partial class DisplayFixture : IDisposable
{
    private readonly Process? xvfb;

    public DisplayFixture()
    {
        string? existing = Environment.GetEnvironmentVariable("DISPLAY");
        if (!string.IsNullOrEmpty(existing))
        {
            Display = existing;
            return;
        }

        string? program = new[] { "/usr/bin/Xvfb", "/usr/local/bin/Xvfb" }.FirstOrDefault(File.Exists);
        if (program is null)
        {
            UnavailableReason = "no X display: DISPLAY is not set and Xvfb is not installed (apt-get install xvfb)";
            return;
        }

        // -displayfd: Xvfb itself picks a free display number and writes it to stdout once it accepts clients.
        // Probing numbers here raced with other test runs on the same machine: a display whose socket another
        // run's Xvfb had just made looked like ours, and vanished when that run ended.
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        Task<string?> firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(TimeSpan.FromSeconds(30)) || !int.TryParse(firstLine.Result, out int number))
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
            UnavailableReason = "Xvfb did not report a display within 30 s";
            return;
        }

        xvfb = process;
        Display = $":{number}";

        Environment.SetEnvironmentVariable("DISPLAY", Display);
        SetNativeEnvironment("DISPLAY", Display, 1);
    }

    /// <summary>The display to use, or null.</summary>
    public string? Display { get; }

    /// <summary>Why there is no display, or null.</summary>
    public string? UnavailableReason { get; }

    public void Dispose()
    {
        if (xvfb is not null)
        {
            // SIGTERM lets Xvfb remove its lock file and socket; SIGKILL (Process.Kill) would leave them behind.
            SendSignal(xvfb.Id, SignalTerminate);
            if (!xvfb.WaitForExit(5000))
            {
                xvfb.Kill();
            }

            xvfb.Dispose();
        }
    }

    private const int SignalTerminate = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int processId, int signal);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
