using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli.Commands;

/// <summary>Who draws a map's basins.png.</summary>
public enum MapImageRenderer
{
    /// <summary>OpenGL where a headless context can be made, else the CPU.</summary>
    Auto,

    /// <summary>OpenGL through EGL, with the view's shaders.</summary>
    Gl,

    /// <summary>The CPU colouriser; needs no native library.</summary>
    Cpu,
}

/// <summary>Parsing <c>--renderer</c> and drawing with the chosen renderer.</summary>
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

    /// <summary>Draws <paramref name="map"/>; an explicit gl that cannot run is a usage error, auto falls back to the CPU with a note on <paramref name="notes"/>.</summary>
    public static RgbImage Render(BasinMap map, MapImageRenderer renderer, TextWriter notes)
    {
        if (renderer == MapImageRenderer.Cpu)
        {
            return BasinImage.Render(map);
        }

        try
        {
            return BasinScene.RenderHeadless(map);
        }
        catch (GlUnavailableException error) when (renderer == MapImageRenderer.Auto)
        {
            notes.WriteLine($"renderer: cpu ({error.Message})");
            return BasinImage.Render(map);
        }
        catch (GlUnavailableException error)
        {
            throw new UsageException($"--renderer gl: {error.Message}; or use --renderer cpu");
        }
    }
}
