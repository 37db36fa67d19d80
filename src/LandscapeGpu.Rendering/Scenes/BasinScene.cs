using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Scenes;

/// <summary>
/// Turns a <see cref="BasinMap"/> into what the GL renderer draws: the ids and steps as a layer, the loss at
/// every start as its field, and a marker on each labelled stationary point. The only place where the
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
        var field = new float[map.Ids.Length];
        Parallel.For(0, grid.Height, row =>
        {
            double y = grid.StartY(row);
            for (int column = 0; column < grid.Width; column++)
            {
                field[row * grid.Width + column] = (float)probe.Loss(grid.StartX(column), y);
            }
        });
        int[] classes = map.Ids;
        if (colourIds is not null)
        {
            classes = new int[map.Ids.Length];
            for (int i = 0; i < classes.Length; i++)
            {
                classes[i] = map.Ids[i] >= 0 ? colourIds[map.Ids[i]] : map.Ids[i];
            }
        }

        return new MapLayer(grid.Width, grid.Height, classes, map.Steps, field, ExtentOf(map), map.Problem.Landscape.Info.Dimensions == 1);
    }

    /// <summary>The world rectangle <paramref name="map"/>'s grid covers.</summary>
    public static WorldRect ExtentOf(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var box = map.Grid.Box;
        return new WorldRect(box.X0, box.X1, box.Y0, box.Y1);
    }

    /// <summary>Markers on the stationary points the CPU image labels; in 1-D at (x, loss) on the curve.</summary>
    public static IReadOnlyList<Marker> MarkersOf(BasinMap map)
    {
        bool oneDimensional = map.Problem.Landscape.Info.Dimensions == 1;
        return BasinImage.Labelled(map)
            .Select(point => new Marker(point.X, oneDimensional ? point.Loss : point.Y, ShapeOf(point.Kind)))
            .ToList();
    }

    /// <summary>The marker shape of a kind of stationary point, as the CPU image draws it.</summary>
    public static MarkerShape ShapeOf(StationaryKind kind) => kind switch
    {
        StationaryKind.Minimum => MarkerShape.Ring,
        StationaryKind.Saddle => MarkerShape.Cross,
        _ => MarkerShape.Square,
    };

    /// <summary>
    /// Renders <paramref name="map"/> headless through EGL with the window's shaders, in the CPU image's layout:
    /// the map area by GL, marker labels and legend by <see cref="BasinImage"/>.
    /// </summary>
    /// <exception cref="GlUnavailableException">No headless OpenGL is available.</exception>
    public static RgbImage RenderHeadless(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        MapLayer layer = LayerOf(map, LandscapeProbe.For(map.Problem.Landscape));
        var style = new FrameStyle { View = ExtentOf(map), Markers = MarkersOf(map), MarkerSize = MarkerSizeFor(map) };
        return BasinImage.Render(map, (width, height) => HeadlessRenderer.Render(layer, style, width, height));
    }

    /// <summary>Marker size in pixels that matches the CPU image's marker at its scale.</summary>
    public static double MarkerSizeFor(BasinMap map)
    {
        int scale = Math.Max(1, BasinImage.MapAreaSize(map).Width / 768);
        return 11 * scale + 4;
    }
}
