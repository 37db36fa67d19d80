using System.CommandLine;
using LandscapeGpu.Rendering.Figures;

namespace LandscapeGpu.Cli.Commands;

/// <summary>The options that shape a run's figure: <c>--renderer</c>, <c>--format</c>, <c>--size</c>, <c>--dpi</c>, and where a command asks for it <c>--color-by</c>.</summary>
/// <param name="colourBy">Whether the command offers <c>--color-by</c> (a map's basin figure does; a bifurcation diagram has no basins to colour).</param>
public sealed class FigureCommandOptions(bool colourBy = false)
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

    /// <summary>What the basins are coloured by; null where the command does not offer it.</summary>
    public Option<string>? ColorBy { get; } = colourBy
        ? new("--color-by")
        {
            Description = "Colour the basins by attractor (each its own colour, shaded by steps) or by loss (each start by the final loss of the attractor it reached, " +
                "on a continuous colour map with a colour bar; symmetric copies of a solution share a colour; log scale when the losses span decades).",
            HelpName = "attractor|loss",
            DefaultValueFactory = _ => "attractor",
        }
        : null;

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Renderer);
        command.Options.Add(Format);
        command.Options.Add(Size);
        command.Options.Add(Dpi);
        if (ColorBy is not null)
        {
            command.Options.Add(ColorBy);
        }
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
            MapColouring colouring = ColorBy is null ? MapColouring.Attractor : MapColourings.Parse(parsed.GetValue(ColorBy)!);
            var options = new FigureOptions { Size = parsed.GetValue(Size), Dpi = parsed.GetValue(Dpi), ColourBy = colouring }.Validated();
            return new FigureRequest(renderer, formats, options);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(error.Message);
        }
    }
}
