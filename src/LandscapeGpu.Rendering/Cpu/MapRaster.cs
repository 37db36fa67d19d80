using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Cpu;

/// <summary>
/// Draws the map area of a figure on the CPU: each cell of a <see cref="MapLayer"/> in its palette colour, darker where
/// descents took more steps, or, where the layer gives a cell a ramp position (a valley's basin), on a light-to-dark
/// ramp of that colour by position along the valley; diverged starts black, unconverged grey, the layer's bottom row
/// at the image's bottom. Samples cells exactly as basins.frag does (pixel centres, nearest cell), so the GL and CPU
/// map areas agree.
/// </summary>
public static class MapRaster
{
    /// <summary>How much darker the slowest starts of a basin are drawn than the fastest.</summary>
    public const double StepShading = 0.6;

    /// <summary>How far towards white a ramp's light end (position 0) lies from the basin's colour.</summary>
    public const double RampLightening = 0.6;

    /// <summary>How much darker a ramp's dark end (position 1) is than the basin's colour: it is scaled by 1 - this.</summary>
    public const double RampDarkening = 0.6;

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
    /// Slot <paramref name="slot"/>'s colour at <paramref name="position"/> (clamped to [0, 1]) on its light-to-dark
    /// ramp: from <see cref="RampLightening"/> of the way to white at 0, through the colour itself at 0.5, to the
    /// colour darkened by <see cref="RampDarkening"/> at 1, linearly in each half (as basins.frag).
    /// </summary>
    public static Rgb RampColourOf(int slot, double position)
    {
        Rgb colour = BasinPalette.ForId(slot);
        double p = Math.Clamp(position, 0, 1);
        return new Rgb(RampChannel(colour.R, p), RampChannel(colour.G, p), RampChannel(colour.B, p));
    }

    /// <summary>
    /// Draws <paramref name="layer"/> (classes are palette slots) into a <paramref name="width"/> x
    /// <paramref name="height"/> image: cells in their class's flat colour where the layer gives one
    /// (<see cref="MapLayer.ClassColours"/>), cells with a ramp position (<see cref="MapLayer.RampPositions"/>) on their
    /// slot's ramp, the others shaded by their count.
    /// </summary>
    public static RgbImage Draw(MapLayer layer, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var image = new RgbImage(width, height);
        var columns = new int[width];
        for (int column = 0; column < width; column++)
        {
            columns[column] = CellOf(column, width, layer.Width);
        }

        double logSlowest = Math.Log(1 + layer.LargestCount);
        float[]? ramp = layer.RampPositions;
        IReadOnlyList<Rgb>? flat = layer.ClassColours;
        Parallel.For(0, height, row =>
        {
            // Image rows run top-down; layer rows run from the box's bottom up.
            int layerRow = CellOf(height - 1 - row, height, layer.Height);
            for (int column = 0; column < width; column++)
            {
                int cell = layerRow * layer.Width + columns[column];
                int slot = layer.Classes[cell];
                Rgb colour = flat is not null && slot >= 0 ? flat[slot]
                    : ramp is not null && slot >= 0 && !float.IsNaN(ramp[cell]) ? RampColourOf(slot, ramp[cell])
                    : ColourOf(slot, layer.Counts[cell], logSlowest);
                image.Set(column, row, colour);
            }
        });
        return image;
    }

    private static byte RampChannel(byte channel, double position)
    {
        double colour = channel, light = colour + RampLightening * (255 - colour), dark = colour * (1 - RampDarkening);
        double value = position < 0.5 ? light + (colour - light) * 2 * position : colour + (dark - colour) * (2 * position - 1);
        return (byte)(value + 0.5);
    }

    /// <summary>The cell under pixel <paramref name="pixel"/> of <paramref name="pixels"/>: the one its centre falls in, as texelFetch(ivec2(uv * size)).</summary>
    private static int CellOf(int pixel, int pixels, int cells) => Math.Min((int)((pixel + 0.5f) / pixels * cells), cells - 1);
}
