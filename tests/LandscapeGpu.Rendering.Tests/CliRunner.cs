using System.Diagnostics;

namespace LandscapeGpu.Rendering.Tests;

/// <summary>Runs the real `landscape` program (copied beside the tests) as a process, with extra environment variables.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "landscape.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"landscape {string.Join(' ', arguments)} ran over 5 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
