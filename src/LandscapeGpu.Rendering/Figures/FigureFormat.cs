namespace LandscapeGpu.Rendering.Figures;

/// <summary>A file format a figure is saved in.</summary>
public enum FigureFormat
{
    /// <summary>A raster image at the figure's dpi.</summary>
    Png,

    /// <summary>Vector graphics (the map itself is embedded as an image at the figure's dpi); text stays text.</summary>
    Svg,

    /// <summary>A one-page PDF for papers (the map embedded as an image at the figure's dpi).</summary>
    Pdf,
}

/// <summary>Parsing and naming figure formats.</summary>
public static class FigureFormats
{
    /// <summary>The names accepted, in the order <see cref="FigureFormat"/> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["png", "svg", "pdf"];

    /// <summary>The file extension (and name) of <paramref name="format"/>, without the dot.</summary>
    public static string ExtensionOf(FigureFormat format) => Names[(int)format];

    /// <summary>Parses a comma-separated list such as "png,svg"; each format once, in the order given.</summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="Names"/>, or the list is empty.</exception>
    public static IReadOnlyList<FigureFormat> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var formats = new List<FigureFormat>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int index = Names.ToList().IndexOf(part.ToLowerInvariant());
            if (index < 0)
            {
                throw new ArgumentException($"--format '{text}' is invalid: '{part}' is not a format; valid: {string.Join(", ", Names)}, or several joined by commas (png,svg)");
            }

            if (!formats.Contains((FigureFormat)index))
            {
                formats.Add((FigureFormat)index);
            }
        }

        return formats;
    }
}
