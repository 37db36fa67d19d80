using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli.Commands;

/// <summary>Who draws the map area of a map's figure.</summary>
public enum MapImageRenderer
{
    /// <summary>OpenGL where a headless context can be made, else the CPU.</summary>
    Auto,

    /// <summary>OpenGL through EGL, with the view's shaders.</summary>
    Gl,

    /// <summary>The CPU colouriser; needs no native library.</summary>
    Cpu,
}

/// <summary>What a run's figure looks like and where it goes: the map-area renderer, the formats written, size and dpi.</summary>
/// <param name="Renderer">Who draws the map area.</param>
/// <param name="Formats">The files written: basins.png, basins.svg, basins.pdf.</param>
/// <param name="Options">Size and dpi.</param>
public sealed record FigureRequest(MapImageRenderer Renderer, IReadOnlyList<FigureFormat> Formats, FigureOptions Options)
{
    /// <summary>basins.png at the default size and dpi, the map area by GL where it works.</summary>
    public static FigureRequest Default { get; } = new(MapImageRenderer.Auto, [FigureFormat.Png], new FigureOptions());

    /// <summary>What the basins are coloured by, as summary.json's <c>colorBy</c> spells it.</summary>
    public string ColorByName => MapColourings.NameOf(Options.ColourBy);

    /// <summary>The names of the files written, space-separated.</summary>
    public string FileNames => string.Join(' ', Formats.Select(format => "basins." + FigureFormats.ExtensionOf(format)));
}

/// <summary>Parsing <c>--renderer</c> and drawing a run's figure with the chosen renderer.</summary>
public static class MapImageRenderers
{
    /// <summary>Parses gl, cpu or auto.</summary>
    public static MapImageRenderer Parse(string name) => name.ToLowerInvariant() switch
    {
        "auto" => MapImageRenderer.Auto,
        "gl" => MapImageRenderer.Gl,
        "cpu" => MapImageRenderer.Cpu,
        _ => throw new UsageException($"--renderer '{name}' is invalid; valid: auto, gl, cpu"),
    };

    /// <summary>
    /// Draws <paramref name="map"/>'s figure; an explicit gl that cannot run is a usage error, auto falls back to the
    /// CPU with a note on <paramref name="notes"/>. <paramref name="runGrid"/> is the grid the run computed when the
    /// map is an overview of it.
    /// </summary>
    public static BasinFigure Draw(BasinMap map, FigureRequest request, TextWriter notes, GridSpec? runGrid = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        FigureOptions options = request.Options with { RunGrid = runGrid ?? request.Options.RunGrid };
        if (request.Renderer == MapImageRenderer.Cpu)
        {
            return BasinFigure.Create(map, options);
        }

        try
        {
            return BasinFigure.Create(map, options with { DrawMapArea = BasinScene.DrawMapAreaHeadless });
        }
        catch (GlUnavailableException error) when (request.Renderer == MapImageRenderer.Auto)
        {
            notes.WriteLine($"renderer: cpu ({error.Message})");
            return BasinFigure.Create(map, options);
        }
        catch (GlUnavailableException error)
        {
            throw new UsageException($"--renderer gl: {error.Message}; or use --renderer cpu");
        }
    }

    /// <summary>Draws <paramref name="map"/>'s figure and writes it in every requested format into <paramref name="outputs"/>.</summary>
    public static void Write(AtomicOutputs outputs, BasinMap map, FigureRequest request, TextWriter notes, GridSpec? runGrid = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(request);
        BasinFigure figure = Draw(map, request, notes, runGrid);
        foreach (FigureFormat format in request.Formats)
        {
            outputs.Write("basins." + FigureFormats.ExtensionOf(format), stream => figure.Save(stream, format));
        }
    }
}
