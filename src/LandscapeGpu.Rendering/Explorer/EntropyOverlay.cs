using System.Globalization;
using LandscapeGpu.Metrics;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// The view's basin-entropy overlay, cycled by a key: off, then boxes of each of <see cref="BoxSides"/> screen pixels.
/// Each box of the map on screen is tinted by its entropy (the terms whose mean is Sb), so the regions where the
/// outcome is uncertain light up. Computed once per map and box side, on the GL thread (O(pixels)).
/// </summary>
public sealed class EntropyOverlay
{
    /// <summary>The box sides cycled through, in pixels of the full-resolution map; 0 is off.</summary>
    public static IReadOnlyList<int> BoxSides { get; } = [0, BasinMetrics.DefaultBoxSide, 8];

    private int mode;
    private (ComputedMap Map, int Side, EntropyOverlayLayer? Layer)? cached;

    /// <summary>The box side shown, in pixels of the full-resolution map; 0: the overlay is off.</summary>
    public int BoxSide => BoxSides[mode];

    /// <summary>Moves to the next box side (or off).</summary>
    public void Cycle() => mode = (mode + 1) % BoxSides.Count;

    /// <summary>
    /// The overlay of <paramref name="shown"/>, or null when the overlay is off, nothing is shown, or the map holds no
    /// box (a 1-D map). A coarse level of refinement takes boxes of the same size on screen (at least 2 cells).
    /// </summary>
    public EntropyOverlayLayer? Of(ComputedMap? shown)
    {
        if (BoxSide == 0 || shown is null)
        {
            return null;
        }

        if (cached is { } hit && ReferenceEquals(hit.Map, shown) && hit.Side == BoxSide)
        {
            return hit.Layer;
        }

        var grid = shown.Map.Grid;
        int side = Math.Max(BasinMetrics.MinimumBoxSide, BoxSide / shown.Divisor);
        EntropyOverlayLayer? layer = null;
        if (BasinMetrics.FitsIn(grid.Width, grid.Height, side))
        {
            BoxEntropyMap boxes = BoxEntropyMap.Of(shown.Map.Ids, grid.Width, grid.Height, side);
            // In the view's coordinates, as the map layer (a log axis in log10 of its values).
            WorldRect box = shown.Layer.Extent;
            var covered = new WorldRect(box.X0, box.X0 + box.Width * boxes.Columns * side / grid.Width,
                box.Y0, box.Y0 + box.Height * boxes.Rows * side / grid.Height);
            layer = new EntropyOverlayLayer(boxes, covered);
        }

        cached = (shown, BoxSide, layer);
        return layer;
    }

    /// <summary>A line saying what the overlay shows for <paramref name="shown"/>.</summary>
    public string Describe(ComputedMap? shown)
    {
        if (BoxSide == 0)
        {
            return "basin entropy overlay: off";
        }

        if (Of(shown) is not { } layer)
        {
            return $"basin entropy overlay: boxes of {BoxSide} px (none on this map)";
        }

        double sb = layer.Boxes.Entropies.Average(value => (double)value);
        return string.Create(CultureInfo.InvariantCulture,
            $"basin entropy overlay: boxes of {BoxSide} px; Sb {sb:0.0000} over the map on screen, brightest box {layer.Boxes.Largest:0.000}");
    }
}

/// <summary>The entropy of each box of a map and the region of the plane the boxes cover.</summary>
/// <param name="Boxes">The entropies.</param>
/// <param name="Covered">The data region the boxes cover (boxes cut by the map's right or top edge are left out).</param>
public sealed record EntropyOverlayLayer(BoxEntropyMap Boxes, WorldRect Covered);
