namespace LandscapeGpu.Runs.Tiled;

/// <summary>A run or shard directory holds a file that is not what its tile record says (damaged, truncated, missing).</summary>
/// <param name="message">Which file, what is wrong with it, and how to go on.</param>
public sealed class DamagedRunException(string message) : Exception(message);
