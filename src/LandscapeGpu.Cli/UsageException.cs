using LandscapeGpu.Descents;

namespace LandscapeGpu.Cli;

/// <summary>Bad input from the user: printed as one line, exit code 2, nothing written.</summary>
/// <param name="message">What is wrong and what would be valid.</param>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>The exit code of a usage error.</summary>
    public const int ExitCode = 2;

    /// <summary>
    /// The usage error an engine-side <see cref="ArgumentException"/> stands for: its first line without the
    /// "(Parameter 'x')" and actual-value suffixes the BCL appends, since our messages already name both.
    /// </summary>
    public static UsageException From(ArgumentException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is InvalidParameterException invalid
            ? new UsageException(invalid.Describe(FlagOf))
            : new UsageException(error.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0]);
    }

    /// <summary>The command-line flag of an engine parameter (<see cref="InvalidParameterException.Parameter"/>): its name with two dashes.</summary>
    public static string FlagOf(string parameter) => "--" + parameter;
}
