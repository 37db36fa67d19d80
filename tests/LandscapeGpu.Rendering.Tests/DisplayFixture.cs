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

        // Display numbers are tried from a point that depends on this process, and a display counts as ours only once
        // its lock file names our Xvfb: other test runs on the same machine start their own Xvfb at the same time, and
        // a socket another run had just made looked like ours and vanished with it. (-displayfd was worse: while it
        // scans for a free number Xvfb re-creates the socket of a display it then finds locked, cutting that
        // display's server off from new clients.)
        int first = 100 + (Environment.ProcessId % 400 * 20);
        for (int number = first; number < first + 40 && Display is null; number++)
        {
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                continue;
            }

            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { $":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp" })
            {
                start.ArgumentList.Add(argument);
            }

            Process process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && !(File.Exists($"/tmp/.X11-unix/X{number}") && LockHolder(number) == process.Id) && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }

            if (process.HasExited || LockHolder(number) != process.Id || !File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.Dispose();
                continue;
            }

            xvfb = process;
            Display = $":{number}";
        }

        if (Display is null)
        {
            UnavailableReason = $"Xvfb did not start on any display from :{first} to :{first + 39}";
            return;
        }

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

    // The process that holds display number's lock: Xvfb writes its pid there (text, padded) once it owns the display.
    private static int LockHolder(int number)
    {
        try
        {
            return int.TryParse(File.ReadAllText($"/tmp/.X{number}-lock").Trim(), out int holder) ? holder : -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private const int SignalTerminate = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int processId, int signal);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
