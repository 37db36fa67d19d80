using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>A run or shard directory holds a file that is not what its tile record says (damaged, truncated, missing).</summary>
/// <param name="template">Which file, what is wrong with it, and how to go on; parameters as <c>{name}</c> (see <see cref="INamesParameters"/>).</param>
public sealed class DamagedRunException(string template) : Exception(ParameterTemplate.Plain(template)), INamesParameters
{
    /// <inheritdoc/>
    public string Describe(Func<string, string> nameOf) => ParameterTemplate.Describe(template, nameOf);
}
