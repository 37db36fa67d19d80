using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// A run directory (or a set of shard directories) holds a run that does not match what was asked for: another
/// command line, another shard, or tiles missing. Nothing has been written or mixed when this is thrown.
/// </summary>
/// <param name="template">What differs, and what to do instead; parameters as <c>{name}</c> (see <see cref="INamesParameters"/>).</param>
public sealed class RunConflictException(string template) : Exception(ParameterTemplate.Plain(template)), INamesParameters
{
    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => ParameterTemplate.Describe(template, nameOf);
}
