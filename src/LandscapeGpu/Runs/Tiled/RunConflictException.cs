namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// A run directory (or a set of shard directories) holds a run that does not match what was asked for: another
/// command line, another shard, or tiles missing. Nothing has been written or mixed when this is thrown.
/// </summary>
/// <param name="message">What differs, and what to do instead.</param>
public sealed class RunConflictException(string message) : Exception(message);
