using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Scenes;

/// <summary>
/// Turns a <see cref="BasinMap"/> into what the GL renderer draws: the ids and steps as a layer, the loss at
/// every start as its field, each start's position along its valley as the layer's ramp (valley basins are shaded
/// by it, as in the figure), and a marker on each labelled stationary point. The only place where the
/// renderer's vocabulary meets the engine's.
/// </summary>
public static class BasinScene
{
    /// <summary>
    /// The layer of <paramref name="map"/>; <paramref name="probe"/> evaluates the loss at each start.
    /// <paramref name="colourIds"/>, when given, replaces each attractor id by the id whose colour it gets.
    /// </summary>
    public static MapLayer LayerOf(BasinMap map, LandscapeProbe probe, IReadOnlyList<int>? colourIds = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(probe);
        var grid = map.Grid;
        float[] field = LossField.Of(map.Problem.Landscape, grid, probe);
        int[] classes = map.Ids;
        if (colourIds is not null)
        {
            classes = new int[map.Ids.Length];
            for (int i = 0; i < classes.Length; i++)
            {
                classes[i] = map.Ids[i] >= 0 ? colourIds[map.Ids[i]] : map.Ids[i];
            }
        }

        // An axes map of a 1-D landscape (lr against x) is a plane, not a curve.
        return new MapLayer(grid.Width, grid.Height, classes, map.Steps, field, ExtentOf(map), map.Problem.Landscape.Info.Dimensions == 1 && map.Problem.Axes is null)
        {
            RampPositions = BasinFigure.ShadesValleys(map) ? map.ValleyPositions : null,
        };
    }

    /// <summary>The world rectangle <paramref name="map"/>'s grid covers; a log axis in log10 of its values (<see cref="LogView"/>).</summary>
    public static WorldRect ExtentOf(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return LogView.ToView(map.Grid.Box, LogView.AxesOf(map.Problem));
    }

    /// <summary>Markers on the stationary points a figure lists (<see cref="FigureLegend.Listed"/>); in 1-D at (x, loss) on the curve.</summary>
    public static IReadOnlyList<Marker> MarkersOf(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        bool oneDimensional = map.Problem.Landscape.Info.Dimensions == 1;
        return FigureLegend.Listed(map.Attractors)
            .Select(point => new Marker(point.X, oneDimensional ? point.Loss : point.Y, ShapeOf(point.Kind)))
            .ToList();
    }

    /// <summary>The marker shape of a kind of stationary point.</summary>
    public static MarkerShape ShapeOf(StationaryKind kind) => kind switch
    {
        StationaryKind.Minimum => MarkerShape.Ring,
        StationaryKind.Saddle => MarkerShape.Cross,
        _ => MarkerShape.Square,
    };

    /// <summary>
    /// Draws a figure's map area headless through EGL with the view's shaders (no markers: the figure draws those):
    /// plug into <see cref="FigureOptions.DrawMapArea"/>.
    /// </summary>
    /// <exception cref="GlUnavailableException">No headless OpenGL is available.</exception>
    public static RgbImage DrawMapAreaHeadless(MapLayer layer, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return HeadlessRenderer.Render(layer, new FrameStyle { View = layer.Extent }, width, height);
    }
}
