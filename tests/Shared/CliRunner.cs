using System.Diagnostics;
using LandscapeGpu.Cli;

namespace LandscapeGpu.Tests.Shared;

/// <summary>
/// Runs the real <c>landscape</c> program (copied beside the tests) as a process, with exit codes and streams as a
/// user sees them; or, for checks of bad input that end before any work, the same entry point in this process, which
/// costs no process start. Linked into both test projects.
/// </summary>
public static class CliRunner
{
    /// <summary>How long a run may take before it is killed and the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // The in-process runs swap the process's Console streams: one at a time.
    private static readonly Lock ConsoleGate = new();

    /// <summary>Runs the program with this process's environment.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments) =>
        RunWith(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the program with <paramref name="environment"/> applied to this process's (a null value removes the variable).</summary>
    public static (int ExitCode, string Output, string Error) RunWith(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using Process process = Start(environment, arguments);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"landscape {string.Join(' ', arguments)} ran over {Timeout.TotalMinutes} minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Starts the program and returns at once; the caller reads its streams and waits for it. With
    /// <paramref name="defaultSigInt"/>, it starts through <c>env --default-signal=INT</c>: a test host started in the
    /// background may pass SIGINT on ignored.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, string[] arguments, bool defaultSigInt = false)
    {
        var start = new ProcessStartInfo(defaultSigInt ? "env" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (defaultSigInt)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "landscape.dll"));
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

        return Process.Start(start)!;
    }

    /// <summary>
    /// Runs the program's entry point in this process with its Console streams captured: for command lines that fail
    /// validation or only print (help, list), where a process start would be most of the cost. Tests that use it
    /// belong to the <see cref="InProcessCollection"/>, so that no other test writes to the Console meanwhile.
    /// </summary>
    public static (int ExitCode, string Output, string Error) RunInProcess(params string[] arguments)
    {
        lock (ConsoleGate)
        {
            TextWriter output = Console.Out, error = Console.Error;
            using var capturedOutput = new StringWriter();
            using var capturedError = new StringWriter();
            Console.SetOut(capturedOutput);
            Console.SetError(capturedError);
            try
            {
                int code = LandscapeCli.Run(arguments);
                return (code, capturedOutput.ToString(), capturedError.ToString());
            }
            finally
            {
                Console.SetOut(output);
                Console.SetError(error);
            }
        }
    }
}

/// <summary>Tests that run the program in this process (<see cref="CliRunner.RunInProcess"/>): never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessCollection
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "landscape in process";
}
