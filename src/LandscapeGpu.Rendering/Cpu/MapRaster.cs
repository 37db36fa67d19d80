using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Cpu;

/// <summary>
/// Draws the map area of a figure on the CPU: each cell of a <see cref="MapLayer"/> in its palette colour, darker where
/// descents took more steps, diverged starts black, unconverged grey, the layer's bottom row at the image's bottom.
/// Samples cells exactly as basins.frag does (pixel centres, nearest cell), so the GL and CPU map areas agree.
/// </summary>
public static class MapRaster
{
    /// <summary>How much darker the slowest starts of a basin are drawn than the fastest.</summary>
    public const double StepShading = 0.6;

    /// <summary>The shade factor (1: full colour) of a start that took <paramref name="steps"/> steps, when the slowest took e^<paramref name="logSlowest"/> - 1.</summary>
    public static double ShadeOf(double steps, double logSlowest) => 1 - StepShading * Math.Log(1 + steps) / logSlowest;

    /// <summary>The colour of one start: its slot's colour shaded by steps, or black (diverged) or grey (unconverged).</summary>
    public static Rgb ColourOf(int slot, int steps, double logSlowest) => slot switch
    {
        BasinCatalog.DivergedId => BasinPalette.Diverged,
        BasinCatalog.UnconvergedId => BasinPalette.Unconverged,
        _ => BasinPalette.ForId(slot).Scaled(ShadeOf(steps, logSlowest)),
    };

    /// <summary>
    /// Draws <paramref name="layer"/> (classes are palette slots) into a <paramref name="width"/> x
    /// <paramref name="height"/> image. <paramref name="cellShade"/>, when given, replaces the shading by steps: one
    /// factor in [0, 1] per cell (1: full colour), the hook for shading a basin by any other per-start quantity.
    /// </summary>
    public static RgbImage Draw(MapLayer layer, int width, int height, float[]? cellShade = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (cellShade is not null && cellShade.Length != layer.Classes.Length)
        {
            throw new ArgumentException($"a {layer.Width}x{layer.Height} layer needs {layer.Classes.Length} shades, not {cellShade.Length}", nameof(cellShade));
        }

        var image = new RgbImage(width, height);
        var columns = new int[width];
        for (int column = 0; column < width; column++)
        {
            columns[column] = CellOf(column, width, layer.Width);
        }

        double logSlowest = Math.Log(1 + layer.LargestCount);
        Parallel.For(0, height, row =>
        {
            // Image rows run top-down; layer rows run from the box's bottom up.
            int layerRow = CellOf(height - 1 - row, height, layer.Height);
            for (int column = 0; column < width; column++)
            {
                int cell = layerRow * layer.Width + columns[column];
                int slot = layer.Classes[cell];
                Rgb colour = cellShade is null || slot < 0
                    ? ColourOf(slot, layer.Counts[cell], logSlowest)
                    : BasinPalette.ForId(slot).Scaled(Math.Clamp(cellShade[cell], 0f, 1f));
                image.Set(column, row, colour);
            }
        });
        return image;
    }

    /// <summary>The cell under pixel <paramref name="pixel"/> of <paramref name="pixels"/>: the one its centre falls in, as texelFetch(ivec2(uv * size)).</summary>
    private static int CellOf(int pixel, int pixels, int cells) => Math.Min((int)((pixel + 0.5f) / pixels * cells), cells - 1);
}
