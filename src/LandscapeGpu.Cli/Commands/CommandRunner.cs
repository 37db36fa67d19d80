using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli.Commands;

/// <summary>Runs a command body and turns the errors a user can cause into one line on stderr and exit code 2.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; returns its exit code, or 2 for bad input, or 1 for a failure of ours.</summary>
    public static int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception error) when (error is UsageException or FormatException or ArgumentException
            or DeviceUnavailableException or GridTooLargeException or IOException or UnauthorizedAccessException or RunConflictException or DamagedRunException)
        {
            Console.Error.WriteLine($"landscape: error: {Describe(error)}");
            return UsageException.ExitCode;
        }
        catch (TileFailedException error)
        {
            Console.Error.WriteLine($"landscape: error: {error.Describe(UsageException.FlagOf)}");
            return 1;
        }
        catch (Exception error) when (Environment.GetEnvironmentVariable("LANDSCAPE_DEBUG") is null)
        {
            Console.Error.WriteLine($"landscape: internal error: {error.GetType().Name}: {error.Message} (set LANDSCAPE_DEBUG=1 for the stack trace)");
            return 1;
        }
    }

    // One line per error: a value the user gave (a path, a cell) may hold line breaks, shown escaped. A formula
    // error keeps its caret lines, which point at the column. The engine names parameters; the user reads flags.
    private static string Describe(Exception error) => error switch
    {
        INamesParameters named => OneLine(named.Describe(UsageException.FlagOf)),
        ArgumentException argument => OneLine(UsageException.From(argument).Message),
        LandscapeGpu.Landscapes.Formulas.FormulaSyntaxException => error.Message,
        _ => OneLine(error.Message),
    };

    private static string OneLine(string message) =>
        message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
