using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LandscapeGpu.Rendering.Figures;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>A figure's SVG read back: every text element with where it is drawn.</summary>
public sealed partial class SvgFigure
{
    private SvgFigure(XDocument document, IReadOnlyList<(string Text, double X, double Y)> texts)
    {
        Document = document;
        Texts = texts;
    }

    /// <summary>The parsed document.</summary>
    public XDocument Document { get; }

    /// <summary>Each text element's content and its anchor (the translation of its transform) in figure units.</summary>
    public IReadOnlyList<(string Text, double X, double Y)> Texts { get; }

    /// <summary>All the text, one element a line.</summary>
    public string AllText => string.Join('\n', Texts.Select(t => t.Text));

    /// <summary>Saves <paramref name="figure"/> as SVG and parses it as XML.</summary>
    public static SvgFigure Of(BasinFigure figure)
    {
        using var stream = new MemoryStream();
        figure.Save(stream, FigureFormat.Svg);
        stream.Position = 0;
        return Parse(XDocument.Load(stream));
    }

    /// <summary>Parses an SVG file.</summary>
    public static SvgFigure Load(string path) => Parse(XDocument.Load(path));

    /// <summary>Tick labels along the x axis: numbers whose anchor lies just below the plot area, as (value, x).</summary>
    public IReadOnlyList<(double Value, double X)> XTicks(BasinFigure figure) =>
        Numbers().Where(t => Math.Abs(t.Y - (figure.PlotArea.Bottom + 6)) < 3).Select(t => (t.Value, t.X)).ToList();

    /// <summary>Tick labels along the y axis: numbers whose anchor lies just left of the plot area, as (value, y).</summary>
    public IReadOnlyList<(double Value, double Y)> YTicks(BasinFigure figure) =>
        Numbers().Where(t => Math.Abs(t.X - (figure.PlotArea.Left - 9)) < 4).Select(t => (t.Value, t.Y)).ToList();

    private IEnumerable<(double Value, double X, double Y)> Numbers()
    {
        foreach ((string text, double x, double y) in Texts)
        {
            if (double.TryParse(text.Replace('\u2212', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                yield return (value, x, y);
            }
        }
    }

    private static SvgFigure Parse(XDocument document)
    {
        var texts = new List<(string, double, double)>();
        foreach (XElement text in document.Descendants().Where(e => e.Name.LocalName == "text"))
        {
            Match match = Translate().Match((string?)text.Attribute("transform") ?? "");
            if (match.Success)
            {
                texts.Add((text.Value.Trim(), double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new SvgFigure(document, texts);
    }

    // translate(x y), or a rotated label's matrix(a b c d x y).
    [GeneratedRegex(@"(?:translate\(|matrix\([-0-9.e]+ [-0-9.e]+ [-0-9.e]+ [-0-9.e]+ )([-0-9.e]+) ([-0-9.e]+)\)")]
    private static partial Regex Translate();
}
