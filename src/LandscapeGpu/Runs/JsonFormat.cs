using System.Text.Encodings.Web;
using System.Text.Json;

namespace LandscapeGpu.Runs;

/// <summary>How every JSON file and stream the tool writes for people and scripts is laid out.</summary>
public static class JsonFormat
{
    /// <summary>
    /// Indented, with text as typed: the default encoder escapes <c>+</c>, <c>&lt;</c>, <c>'</c> and non-ASCII
    /// (<c>\u002B</c>), which garbles formulas for a reader. These files are never embedded in HTML.
    /// </summary>
    public static JsonWriterOptions Indented => new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
