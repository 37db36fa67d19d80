using System.Globalization;

namespace LandscapeGpu.Descents;

/// <summary>
/// A parameter of a problem is invalid. The engine names parameters, not command-line flags: <see cref="Template"/>
/// writes each parameter it mentions as <c>{name}</c>, so that <see cref="Describe"/> can word the message with
/// whatever a caller calls that parameter (the CLI: its flag). <see cref="Exception.Message"/> uses the plain names.
/// </summary>
public class InvalidParameterException : ArgumentException, INamesParameters
{
    /// <summary>An invalid parameter.</summary>
    /// <param name="parameter">The parameter's name, e.g. <c>steps</c>.</param>
    /// <param name="value">The value as the user gave or would read it (quoted where it is text).</param>
    /// <param name="template">
    /// The message, with <c>{name}</c> wherever a parameter is named, e.g.
    /// <c>"{steps} -5 is invalid: it must be between 1 and 16777216"</c>.
    /// </param>
    public InvalidParameterException(string parameter, string value, string template)
        : base(null, parameter)
    {
        Parameter = parameter;
        Value = value;
        Template = template;
    }

    /// <summary>The parameter's name.</summary>
    public string Parameter { get; }

    /// <summary>The invalid value, as text.</summary>
    public string Value { get; }

    /// <summary>The message with each named parameter as <c>{name}</c>.</summary>
    public string Template { get; }

    /// <inheritdoc/>
    public override string Message => Describe(name => name);

    /// <summary>The message with every parameter named by <paramref name="nameOf"/>.</summary>
    public string Describe(Func<string, string> nameOf) => ParameterTemplate.Describe(Template, nameOf);

    /// <summary>The usual wording: "{parameter} VALUE is invalid: it must be REQUIREMENT".</summary>
    public static InvalidParameterException MustBe(string parameter, string value, string requirement) =>
        new(parameter, value, $"{{{parameter}}} {value} is invalid: it must be {requirement}");

    /// <summary>The usual wording for a whole number: "{parameter} VALUE is invalid: it must be REQUIREMENT".</summary>
    public static InvalidParameterException MustBe(string parameter, long value, string requirement) =>
        MustBe(parameter, value.ToString(CultureInfo.InvariantCulture), requirement);
}
