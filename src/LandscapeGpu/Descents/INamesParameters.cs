using System.Text.RegularExpressions;

namespace LandscapeGpu.Descents;

/// <summary>
/// An error whose message names parameters, not command-line flags: its template writes each parameter it mentions
/// as <c>{name}</c> (<c>{grid}</c>, <c>{out}</c>, <c>{resume}</c>), so that <see cref="Describe"/> words the message
/// with whatever a caller calls that parameter (the CLI: its flag). <see cref="Exception.Message"/> uses the plain names.
/// </summary>
public interface INamesParameters
{
    /// <summary>The message with every parameter named by <paramref name="nameOf"/>.</summary>
    string Describe(Func<string, string> nameOf);
}

/// <summary>Fills the <c>{name}</c> placeholders of an <see cref="INamesParameters"/> template.</summary>
public static partial class ParameterTemplate
{
    /// <summary><paramref name="template"/> with each <c>{name}</c> replaced by <paramref name="nameOf"/>(name).</summary>
    public static string Describe(string template, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(nameOf);
        return Placeholder().Replace(template, match => nameOf(match.Groups[1].Value));
    }

    /// <summary><paramref name="template"/> with each parameter under its plain name.</summary>
    public static string Plain(string template) => Describe(template, name => name);

    [GeneratedRegex(@"\{([a-z0-9-]+)\}")]
    private static partial Regex Placeholder();
}
