using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Scenes;

/// <summary>The GL map image (headless, EGL) against the CPU image of the same map.</summary>
[Collection(GlCollection.Name)]
public sealed class BasinSceneTests
{
    /// <summary>
    /// Pixels closer than this to a marker's centre are not compared: the CPU draws markers with 1-pixel squares
    /// along a circle, GL as a smooth point sprite. Everything else (basins, shading, labels, legend) is compared.
    /// </summary>
    public const int MarkerExclusionRadius = 12;

    /// <summary>
    /// Largest fraction of compared pixels allowed to differ by more than <see cref="ImageComparison.ShadingLevels"/>:
    /// none are expected; a few hundredths of a percent leave room for a marker outline reaching past the exclusion disc.
    /// </summary>
    public const double AllowedDifferentFraction = 5e-4;

    [SkippableFact]
    public void RenderHeadless_Himmelblau_MatchesCpuImagePixelForPixelAwayFromMarkers()
    {
        GlEnvironment.RequireHeadless();
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 128));

        RgbImage cpu = BasinImage.Render(map);
        RgbImage gl = BasinScene.RenderHeadless(map);

        (int mapWidth, int mapHeight) = BasinImage.MapAreaSize(map);
        var box = map.Grid.Box;
        var markers = BasinImage.Labelled(map)
            .Select(p => ((p.X - box.X0) / box.Width * mapWidth, mapHeight - (p.Y - box.Y0) / box.Height * mapHeight))
            .ToList();
        bool AwayFromMarkers(int x, int y) => markers.All(m => Math.Pow(x - m.Item1, 2) + Math.Pow(y - m.Item2, 2) > MarkerExclusionRadius * MarkerExclusionRadius);

        Assert.Equal((cpu.Width, cpu.Height), (gl.Width, gl.Height));
        Assert.Equal(4, map.Attractors.Count(a => a.Kind == Basins.StationaryKind.Minimum));
        double different = ImageComparison.FractionDifferent(cpu, gl, ImageComparison.ShadingLevels, AwayFromMarkers);
        Assert.True(different <= AllowedDifferentFraction, $"{different:P3} of the pixels differ by more than {ImageComparison.ShadingLevels} level");
    }

    [SkippableFact]
    public void RenderHeadless_Quartic_DrawsTheCurveAndBothBasinsInTheCpuLayout()
    {
        GlEnvironment.RequireHeadless();
        BasinMap map = TestMaps.Run(TestMaps.Problem("quartic", 256));

        RgbImage gl = BasinScene.RenderHeadless(map);

        Assert.Equal(BasinImage.Render(map).Height, gl.Height);
        (int mapWidth, int mapHeight) = BasinImage.MapAreaSize(map);
        int stripRow = mapHeight - 2;
        var stripColours = Enumerable.Range(0, mapWidth).Select(x => gl.Get(x, stripRow)).ToList();
        Assert.Contains(stripColours, c => ImageComparison.Distance(c, BasinPalette.ForId(0)) < 100 && c.B > c.R);
        Assert.Contains(stripColours, c => c.R > c.B);
    }
}
