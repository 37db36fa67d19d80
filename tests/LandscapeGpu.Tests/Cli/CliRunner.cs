using System.Diagnostics;

namespace LandscapeGpu.Tests.Cli;

/// <summary>Runs the real `landscape` program (copied beside the tests) as a process: exit codes and streams as a user sees them.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments) => RunWith(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the program with <paramref name="environment"/> added to this process's environment.</summary>
    public static (int ExitCode, string Output, string Error) RunWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "landscape.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
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
