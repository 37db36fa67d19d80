namespace LandscapeGpu.Cli;

/// <summary>Bad input from the user: printed as one line, exit code 2, nothing written.</summary>
/// <param name="message">What is wrong and what would be valid.</param>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>The exit code of a usage error.</summary>
    public const int ExitCode = 2;
}
