using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>How a figure is drawn; every default is documented and <see cref="Validated"/> checks the values.</summary>
public sealed record FigureOptions
{
    /// <summary>Default <see cref="Size"/>.</summary>
    public const int DefaultSize = 800;

    /// <summary>Default <see cref="Dpi"/>.</summary>
    public const int DefaultDpi = 100;

    /// <summary>Largest <see cref="Size"/> and largest size times dpi / 100: the map area stays within what a texture or a PNG holds comfortably.</summary>
    public const int MaxPixels = 8192;

    /// <summary>The longer side of the plot area in figure units (1/100 inch); the figure adds title, axes, legend and colour bar around it. Default 800.</summary>
    public int Size { get; init; } = DefaultSize;

    /// <summary>Pixels per inch of a PNG (and of the map embedded in SVG and PDF): a figure unit is dpi / 100 pixels. Default 100.</summary>
    public int Dpi { get; init; } = DefaultDpi;

    /// <summary>The grid the run computed, for the title; null: the map's own grid (an overview's map holds a coarser one).</summary>
    public GridSpec? RunGrid { get; init; }

    /// <summary>
    /// Draws the map area: the layer (classes are palette slots) at the given width and height in pixels. Null: the
    /// CPU (<see cref="MapRaster.Draw"/>). The GL renderer plugs in here.
    /// </summary>
    public Func<MapLayer, int, int, RgbImage>? DrawMapArea { get; init; }

    /// <summary>
    /// The palette slot of each attractor, by id; null: the slots <see cref="AttractorColours"/> gives of the map's own
    /// attractors. Figures shown side by side pass slots resolved over all their attractors, so one attractor has one
    /// colour in every panel.
    /// </summary>
    public IReadOnlyList<int>? ColourSlots { get; init; }

    /// <summary>
    /// What the basins are coloured by: each attractor its own colour shaded by steps (the default), or the loss of the
    /// attractor each start reached on a continuous colour map with a colour bar named loss (<see cref="LossColours"/>).
    /// </summary>
    public MapColouring ColourBy { get; init; } = MapColouring.Attractor;

    /// <summary>The title; null: what was mapped (<see cref="FigureTitle.What"/>) over how (<see cref="FigureTitle.How"/>). A panel beside others names only what differs.</summary>
    public string? Title { get; init; }

    /// <summary>Pixels per figure unit.</summary>
    public double Scale => Dpi / 100.0;

    /// <summary>These options, checked.</summary>
    /// <exception cref="ArgumentException">The size or dpi is out of range.</exception>
    public FigureOptions Validated()
    {
        if (Size < 100 || Size > MaxPixels)
        {
            throw new ArgumentException($"--size {Size} is invalid: the plot area's longer side must be 100 to {MaxPixels} units (1/100 inch)");
        }

        if (Dpi < 25 || Dpi > 1200 || (long)Size * Dpi / 100 > MaxPixels)
        {
            throw new ArgumentException($"--dpi {Dpi} is invalid: it must be 25 to 1200, and size x dpi / 100 at most {MaxPixels} pixels (here {(long)Size * Dpi / 100})");
        }

        return this;
    }
}
