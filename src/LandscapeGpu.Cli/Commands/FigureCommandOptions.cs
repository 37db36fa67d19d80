using System.CommandLine;
using LandscapeGpu.Rendering.Figures;

namespace LandscapeGpu.Cli.Commands;

/// <summary>The options that shape a run's figure: <c>--renderer</c>, <c>--format</c>, <c>--size</c>, <c>--dpi</c>.</summary>
public sealed class FigureCommandOptions
{
    /// <summary>Who draws the map area.</summary>
    public Option<string> Renderer { get; } = new("--renderer")
    {
        Description = "Who draws the figure's map area: gl (OpenGL through EGL, headless, the view's shaders), cpu (no native library), or auto (gl where it works, else cpu).",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>The files written.</summary>
    public Option<string> Format { get; } = new("--format")
    {
        Description = "The figure's files: png, svg (vector, text stays text), pdf, or several joined by commas (png,svg).",
        HelpName = "png|svg|pdf",
        DefaultValueFactory = _ => "png",
    };

    /// <summary>The plot area's longer side.</summary>
    public Option<int> Size { get; } = new("--size")
    {
        Description = "The plot area's longer side in 1/100 inch; title, axes, legend and colour bar are added around it.",
        HelpName = "N",
        DefaultValueFactory = _ => FigureOptions.DefaultSize,
    };

    /// <summary>Pixels per inch.</summary>
    public Option<int> Dpi { get; } = new("--dpi")
    {
        Description = "Pixels per inch of basins.png and of the map embedded in svg and pdf.",
        HelpName = "N",
        DefaultValueFactory = _ => FigureOptions.DefaultDpi,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Renderer);
        command.Options.Add(Format);
        command.Options.Add(Size);
        command.Options.Add(Dpi);
    }

    /// <summary>The request the parsed options describe, validated.</summary>
    /// <exception cref="UsageException">A value is invalid.</exception>
    public FigureRequest ToRequest(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        MapImageRenderer renderer = MapImageRenderers.Parse(parsed.GetValue(Renderer)!);
        try
        {
            IReadOnlyList<FigureFormat> formats = FigureFormats.ParseList(parsed.GetValue(Format)!);
            var options = new FigureOptions { Size = parsed.GetValue(Size), Dpi = parsed.GetValue(Dpi) }.Validated();
            return new FigureRequest(renderer, formats, options);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
    }
}
