using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Scenes;

/// <summary>The GL map area (headless, EGL) against the CPU map area of the same figure.</summary>
[Collection(GlCollection.Name)]
public sealed class BasinSceneTests
{
    /// <summary>
    /// Largest fraction of pixels allowed to differ by more than <see cref="ImageComparison.ShadingLevels"/>: none are
    /// expected; a few hundredths of a percent leave room for a pixel centre that float32 (GL) and the CPU place on
    /// opposite sides of a cell edge.
    /// </summary>
    public const double AllowedDifferentFraction = 5e-4;

    [SkippableFact]
    public void DrawMapAreaHeadless_Himmelblau_MatchesTheCpuMapAreaPixelForPixel()
    {
        GlEnvironment.RequireHeadless();
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 128));
        MapLayer layer = BasinScene.LayerOf(map, LandscapeProbe.For(map.Problem.Landscape), AttractorColours.SlotsOf(map.Attractors, map.Problem.Landscape.Info.Box));

        RgbImage cpu = MapRaster.Draw(layer, 500, 300);
        RgbImage gl = BasinScene.DrawMapAreaHeadless(layer, 500, 300);

        Assert.Equal(4, map.Attractors.Count(a => a.Kind == StationaryKind.Minimum));
        double different = ImageComparison.FractionDifferent(cpu, gl, ImageComparison.ShadingLevels);
        Assert.True(different <= AllowedDifferentFraction, $"{different:P3} of the pixels differ by more than {ImageComparison.ShadingLevels} level");
    }

    [SkippableFact]
    public void DrawMapAreaHeadless_HyperbolaValleys_MatchesTheCpuMapAreaPixelForPixel()
    {
        GlEnvironment.RequireHeadless();
        BasinMap map = TestMaps.Hyperbola(128);
        MapLayer layer = BasinScene.LayerOf(map, LandscapeProbe.For(map.Problem.Landscape), AttractorColours.SlotsOf(map.Attractors, map.Problem.Landscape.Info.Box));

        RgbImage cpu = MapRaster.Draw(layer, 400, 400);
        RgbImage gl = BasinScene.DrawMapAreaHeadless(layer, 400, 400);

        Assert.NotNull(layer.RampPositions);
        Assert.Equal(2, map.Attractors.Count(a => a.KindName == "valley"));
        double different = ImageComparison.FractionDifferent(cpu, gl, ImageComparison.ShadingLevels);
        Assert.True(different <= AllowedDifferentFraction, $"{different:P3} of the pixels differ by more than {ImageComparison.ShadingLevels} level");
    }

    [SkippableFact]
    public void FigureWithGlMapArea_Himmelblau_EqualsTheCpuFigureInSize()
    {
        GlEnvironment.RequireHeadless();
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 64));

        BasinFigure cpu = BasinFigure.Create(map, new FigureOptions());
        BasinFigure gl = BasinFigure.Create(map, new FigureOptions { DrawMapArea = BasinScene.DrawMapAreaHeadless });

        Assert.Equal((cpu.Width, cpu.Height), (gl.Width, gl.Height));
    }
}
