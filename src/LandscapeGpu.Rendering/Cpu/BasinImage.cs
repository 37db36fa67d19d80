using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Text;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Cpu;

/// <summary>
/// Draws a basin map on the CPU: each basin in its palette colour, darker where descents took more steps,
/// diverged starts black, unconverged grey, markers on the stationary points, y increasing upwards, and a legend
/// naming the points below the map. Needs no native library.
/// </summary>
public static class BasinImage
{
    /// <summary>Grids smaller than this many pixels across are enlarged by an integer factor.</summary>
    public const int MinimumMapSize = 512;

    /// <summary>At most this many attractors get a marker and a legend line; the rest are counted.</summary>
    public const int MaxLabelled = 16;

    /// <summary>How much darker the slowest starts of a basin are drawn than the fastest.</summary>
    public const double StepShading = 0.6;

    /// <summary>Renders <paramref name="map"/>.</summary>
    public static RgbImage Render(BasinMap map) => Render(map, drawMapArea: null);

    /// <summary>
    /// Renders <paramref name="map"/> with the map area (basins and marker shapes) drawn by
    /// <paramref name="drawMapArea"/>, given the area's width and height, or by the CPU when it is null; the
    /// marker labels and the legend are drawn here either way, so both renderers share one layout.
    /// </summary>
    public static RgbImage Render(BasinMap map, Func<int, int, RgbImage>? drawMapArea)
    {
        ArgumentNullException.ThrowIfNull(map);
        int width = map.Grid.Width, height = map.Grid.Height;
        bool oneDimensional = map.Problem.Landscape.Info.Dimensions == 1;
        int cell = Math.Max(1, MinimumMapSize / Math.Max(width, oneDimensional ? 1 : height));
        int mapWidth = width * cell;
        int mapHeight = oneDimensional ? Math.Max(64, mapWidth / 6) : height * cell;
        int scale = Math.Max(1, mapWidth / 768);
        int lineHeight = (PixelFont.GlyphHeight + 4) * scale;
        var labelled = Labelled(map).ToList();
        int legendLines = 2 + labelled.Count + (map.Attractors.Count > labelled.Count ? 1 : 0);
        int imageWidth = Math.Max(mapWidth, 560 * scale);
        var image = new RgbImage(imageWidth, mapHeight + legendLines * lineHeight + 2 * scale);
        image.Fill(0, 0, imageWidth, image.Height, new Rgb(250, 250, 250));

        if (drawMapArea is null)
        {
            DrawMap(image, map, cell, mapHeight, oneDimensional);
        }
        else
        {
            RgbImage area = drawMapArea(mapWidth, mapHeight);
            if (area.Width != mapWidth || area.Height != mapHeight)
            {
                throw new ArgumentException($"the map area was drawn {area.Width}x{area.Height}; the layout needs {mapWidth}x{mapHeight}", nameof(drawMapArea));
            }

            for (int row = 0; row < mapHeight; row++)
            {
                area.Pixels.AsSpan(row * mapWidth * 3, mapWidth * 3).CopyTo(image.Pixels.AsSpan(row * image.Width * 3));
            }
        }

        foreach (StationaryPoint point in labelled)
        {
            DrawMarker(image, map, point, mapWidth, mapHeight, oneDimensional, scale, drawShape: drawMapArea is null);
        }

        DrawLegend(image, map, labelled, mapHeight + scale, lineHeight, scale);
        return image;
    }

    private static void DrawMap(RgbImage image, BasinMap map, int cell, int mapHeight, bool oneDimensional)
    {
        int width = map.Grid.Width, height = map.Grid.Height;
        int slowest = 1;
        for (int i = 0; i < map.Ids.Length; i++)
        {
            if (map.Ids[i] >= 0)
            {
                slowest = Math.Max(slowest, map.Steps[i]);
            }
        }

        double logSlowest = Math.Log(1 + slowest);
        for (int row = 0; row < mapHeight; row++)
        {
            // Image rows run top-down; grid rows run from the box's bottom (y0) up.
            int gridRow = oneDimensional ? 0 : height - 1 - row / cell;
            for (int column = 0; column < width * cell; column++)
            {
                int start = gridRow * width + column / cell;
                image.Set(column, row, ColourOf(map.Ids[start], map.Steps[start], logSlowest));
            }
        }
    }

    /// <summary>The colour of one start: its basin's colour shaded by steps, or black (diverged) or grey (unconverged).</summary>
    public static Rgb ColourOf(int id, int steps, double logSlowest) => id switch
    {
        BasinCatalog.DivergedId => BasinPalette.Diverged,
        BasinCatalog.UnconvergedId => BasinPalette.Unconverged,
        _ => BasinPalette.ForId(id).Scaled(1 - StepShading * Math.Log(1 + steps) / logSlowest),
    };

    /// <summary>The stationary points that get a marker and a legend line: the largest basins, at most <see cref="MaxLabelled"/>, by id.</summary>
    public static IReadOnlyList<StationaryPoint> Labelled(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Attractors.OrderByDescending(a => a.Fraction).ThenBy(a => a.Id).Take(MaxLabelled).OrderBy(a => a.Id).ToList();
    }

    /// <summary>The size of the map area of <paramref name="map"/>'s image (the legend goes below it).</summary>
    public static (int Width, int Height) MapAreaSize(BasinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        int width = map.Grid.Width, height = map.Grid.Height;
        bool oneDimensional = map.Problem.Landscape.Info.Dimensions == 1;
        int cell = Math.Max(1, MinimumMapSize / Math.Max(width, oneDimensional ? 1 : height));
        int mapWidth = width * cell;
        return (mapWidth, oneDimensional ? Math.Max(64, mapWidth / 6) : height * cell);
    }

    private static void DrawMarker(RgbImage image, BasinMap map, StationaryPoint point, int mapWidth, int mapHeight, bool oneDimensional, int scale, bool drawShape)
    {
        var box = map.Grid.Box;
        int x = (int)Math.Round((point.X - box.X0) / box.Width * mapWidth);
        int y = oneDimensional ? mapHeight / 2 : (int)Math.Round(mapHeight - (point.Y - box.Y0) / box.Height * mapHeight);
        if (x < 0 || x >= mapWidth || y < 0 || y >= mapHeight)
        {
            return;
        }

        int radius = 4 * scale;
        if (drawShape)
        {
            DrawShape(image, point, x, y, radius, scale);
        }

        string label = point.Id.ToString(CultureInfo.InvariantCulture);
        PixelFont.Draw(image, x + radius + 3 * scale, y - radius - 3 * scale, label, Rgb.Black, scale);
        PixelFont.Draw(image, x + radius + 2 * scale, y - radius - 4 * scale, label, Rgb.White, scale);
    }

    private static void DrawShape(RgbImage image, StationaryPoint point, int x, int y, int radius, int scale)
    {
        // A black outline under a white shape keeps markers visible on every basin colour.
        foreach ((Rgb colour, int thickness) in new[] { (Rgb.Black, scale + 1), (Rgb.White, Math.Max(1, scale - 1)) })
        {
            int samples = 16 * radius;
            for (int s = 0; s < samples; s++)
            {
                double t = (double)s / samples;
                (double px, double py) = point.Kind switch
                {
                    StationaryKind.Minimum => (radius * Math.Cos(2 * Math.PI * t), radius * Math.Sin(2 * Math.PI * t)),
                    StationaryKind.Saddle => t < 0.5 ? (radius * (4 * t - 1), radius * (4 * t - 1)) : (radius * (4 * t - 3), -radius * (4 * t - 3)),
                    _ => SquareOutline(t, radius),
                };
                image.Fill(x + (int)Math.Round(px) - thickness / 2, y + (int)Math.Round(py) - thickness / 2, thickness, thickness, colour);
            }
        }
    }

    private static (double X, double Y) SquareOutline(double t, int radius)
    {
        double u = 8 * radius * (t % 0.25);
        return (int)(t * 4) switch
        {
            0 => (-radius + u, -radius),
            1 => (radius, -radius + u),
            2 => (radius - u, radius),
            _ => (-radius, radius - u),
        };
    }

    private static void DrawLegend(RgbImage image, BasinMap map, List<StationaryPoint> labelled, int top, int lineHeight, int scale)
    {
        var problem = map.Problem;
        var culture = CultureInfo.InvariantCulture;
        string title = $"{problem.Landscape.Info.Name}  {problem.Optimizer.Name} lr={problem.Optimizer.LearningRate.ToString("G4", culture)}  " +
            $"{problem.Grid.Width}x{problem.Grid.Height} starts  {problem.MaxSteps} steps  {problem.Precision.ToString().ToLowerInvariant()}";
        int x = 4 * scale;
        int y = top + 2 * scale;
        PixelFont.Draw(image, x, y, title, Rgb.Black, scale);
        y += lineHeight;
        foreach (StationaryPoint point in labelled)
        {
            image.Fill(x, y, 7 * scale, 7 * scale, BasinPalette.ForId(point.Id));
            string line = $"{point.Id} {point.KindName} ({Format(point.X)}, {Format(point.Y)}) f={Format(point.Loss)} " +
                $"{(100 * point.Fraction).ToString("0.0", culture)}%{(point.IsGlobal ? " global" : "")}";
            PixelFont.Draw(image, x + 10 * scale, y, line, Rgb.Black, scale);
            y += lineHeight;
        }

        if (map.Attractors.Count > labelled.Count)
        {
            PixelFont.Draw(image, x, y, $"and {map.Attractors.Count - labelled.Count} more stationary points", Rgb.Black, scale);
            y += lineHeight;
        }

        image.Fill(x, y, 7 * scale, 7 * scale, BasinPalette.Diverged);
        string tail = $"diverged {(100 * map.Basins.DivergedFraction).ToString("0.0", culture)}%";
        PixelFont.Draw(image, x + 10 * scale, y, tail, Rgb.Black, scale);
        int next = x + 10 * scale + PixelFont.Measure(tail + "   ", scale);
        image.Fill(next, y, 7 * scale, 7 * scale, BasinPalette.Unconverged);
        PixelFont.Draw(image, next + 10 * scale, y, $"not converged {(100 * map.Basins.UnconvergedFraction).ToString("0.0", culture)}%", Rgb.Black, scale);
    }

    private static string Format(double value)
    {
        double rounded = Math.Abs(value) < 5e-5 ? 0 : value;
        return Math.Abs(rounded) >= 1e5 ? rounded.ToString("0.###e0", CultureInfo.InvariantCulture) : rounded.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
