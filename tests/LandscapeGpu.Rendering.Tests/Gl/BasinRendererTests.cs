using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Tests.Gl;

/// <summary>The shaders against the CPU colouriser, on small hand-made layers, headless through EGL (no X server).</summary>
[Collection(GlCollection.Name)]
public sealed class BasinRendererTests
{
    private static readonly WorldRect UnitSquare = new(0, 1, 0, 1);

    [SkippableFact]
    public void Draw_KnownIds_FillsEachCellWithItsPaletteColour()
    {
        GlEnvironment.RequireHeadless();
        // Bottom row: ids 0 and 1; top row: diverged and not converged (rows run bottom-up).
        var layer = new MapLayer(2, 2, [0, 1, -1, -2], [5, 5, 5, 5], new float[4], UnitSquare, oneDimensional: false);
        RgbImage image = HeadlessRenderer.Render(layer, new FrameStyle { View = UnitSquare, ShadeByCounts = false }, 64, 64);

        Assert.Equal(BasinPalette.ForId(0), image.Get(10, 50));
        Assert.Equal(BasinPalette.ForId(1), image.Get(50, 50));
        Assert.Equal(BasinPalette.Diverged, image.Get(10, 10));
        Assert.Equal(BasinPalette.Unconverged, image.Get(50, 10));
    }

    [SkippableFact]
    public void Draw_ShadingAndIdsBeyondFixedPalette_MatchCpuColoursWithinOneLevel()
    {
        GlEnvironment.RequireHeadless();
        const int cells = 40;
        int[] ids = Enumerable.Range(0, cells).ToArray();
        int[] steps = Enumerable.Range(0, cells).Select(i => i * 37 % 500).ToArray();
        var layer = new MapLayer(cells, 1, ids, steps, new float[cells], new WorldRect(0, 1, 0, 1), oneDimensional: false);
        RgbImage image = HeadlessRenderer.Render(layer, new FrameStyle { View = layer.Extent }, cells * 4, 8);

        double logSlowest = Math.Log(1 + layer.LargestCount);
        for (int i = 0; i < cells; i++)
        {
            Rgb expected = MapRaster.ColourOf(ids[i], steps[i], logSlowest);
            Rgb actual = image.Get(4 * i + 2, 4);
            Assert.True(ImageComparison.Distance(expected, actual) <= ImageComparison.ShadingLevels, $"id {i} steps {steps[i]}: GL {actual}, CPU {expected}");
        }
    }

    [SkippableFact]
    public void Draw_RampPositions_MatchCpuRampColoursWithinOneLevelAndNaNCellsShadeBySteps()
    {
        GlEnvironment.RequireHeadless();
        const int cells = 48;
        int[] ids = Enumerable.Range(0, cells).Select(i => i % 12).ToArray();
        int[] steps = Enumerable.Range(0, cells).Select(i => i * 37 % 500).ToArray();
        // Every fourth cell has no position (a start whose attractor is no valley): it keeps the step shading.
        float[] positions = Enumerable.Range(0, cells).Select(i => i % 4 == 3 ? float.NaN : i / (cells - 1f)).ToArray();
        var layer = new MapLayer(cells, 1, ids, steps, new float[cells], new WorldRect(0, 1, 0, 1), oneDimensional: false) { RampPositions = positions };
        RgbImage image = HeadlessRenderer.Render(layer, new FrameStyle { View = layer.Extent }, cells * 4, 8);
        RgbImage cpu = MapRaster.Draw(layer, cells * 4, 8);

        double logSlowest = Math.Log(1 + layer.LargestCount);
        for (int i = 0; i < cells; i++)
        {
            Rgb expected = float.IsNaN(positions[i]) ? MapRaster.ColourOf(ids[i], steps[i], logSlowest) : MapRaster.RampColourOf(ids[i], positions[i]);
            Rgb actual = image.Get(4 * i + 2, 4);
            Assert.True(ImageComparison.Distance(expected, actual) <= ImageComparison.ShadingLevels, $"id {ids[i]} position {positions[i]}: GL {actual}, CPU {expected}");
            Assert.Equal(expected, cpu.Get(4 * i + 2, 4));
        }
    }

    [SkippableFact]
    public void Draw_ViewBeyondTheData_ShowsBackgroundOutsideAndDataInside()
    {
        GlEnvironment.RequireHeadless();
        var layer = new MapLayer(1, 1, [2], [0], [0f], UnitSquare, oneDimensional: false);
        var style = new FrameStyle { View = new WorldRect(-1, 1, 0, 1), ShadeByCounts = false };
        RgbImage image = HeadlessRenderer.Render(layer, style, 64, 32);

        Assert.Equal(style.Background, image.Get(10, 16));
        Assert.Equal(BasinPalette.ForId(2), image.Get(50, 16));
    }

    [SkippableFact]
    public void Draw_ContoursOn_DrawsLightLinesThatFlatColoursLack()
    {
        GlEnvironment.RequireHeadless();
        const int size = 64;
        var field = new float[size * size];
        for (int i = 0; i < field.Length; i++)
        {
            field[i] = (i % size) * 0.5f;
        }

        var layer = new MapLayer(size, size, new int[size * size], new int[size * size], field, UnitSquare, oneDimensional: false);
        RgbImage flat = HeadlessRenderer.Render(layer, new FrameStyle { View = UnitSquare, ShadeByCounts = false }, size, size);
        RgbImage lined = HeadlessRenderer.Render(layer, new FrameStyle { View = UnitSquare, ShadeByCounts = false, Contours = true }, size, size);

        double changed = ImageComparison.FractionDifferent(flat, lined, 8);
        Assert.InRange(changed, 0.02, 0.6);
    }

    [SkippableFact]
    public void Draw_OneDimensionalLayer_DrawsTheCurveAboveAStripOfBasinColours()
    {
        GlEnvironment.RequireHeadless();
        const int cells = 100;
        var field = new float[cells];
        var ids = new int[cells];
        for (int i = 0; i < cells; i++)
        {
            double x = -1 + 2 * (i + 0.5) / cells;
            field[i] = (float)(x * x);
            ids[i] = x < 0 ? 0 : 1;
        }

        var layer = new MapLayer(cells, 1, ids, new int[cells], field, new WorldRect(-1, 1, 0, 0), oneDimensional: true);
        const int width = 200, height = 100;
        RgbImage image = HeadlessRenderer.Render(layer, new FrameStyle { View = layer.Extent, ShadeByCounts = false }, width, height);

        Assert.Equal(BasinPalette.ForId(0), image.Get(20, height - 3));
        Assert.Equal(BasinPalette.ForId(1), image.Get(180, height - 3));
        // The parabola's vertex sits at the bottom of the plot in the middle; its arms reach the top at the edges.
        int darkInMiddleColumn = Enumerable.Range(0, height).Count(y => ImageComparison.Distance(image.Get(width / 2, y), new Rgb(26, 26, 26)) <= 2);
        Assert.True(darkInMiddleColumn > 0, "no curve pixel in the middle column");
        Assert.Equal(new Rgb(250, 250, 250), image.Get(width / 2, 20));
    }

    [SkippableFact]
    public void Render_LargerThanTheDriverAllows_ThrowsGlUnavailableSoThatAutoFallsBackToCpu()
    {
        GlEnvironment.RequireHeadless();
        var layer = new MapLayer(1, 1, [0], [0], [0f], UnitSquare, oneDimensional: false);

        var error = Assert.Throws<GlUnavailableException>(() => HeadlessRenderer.Render(layer, new FrameStyle { View = UnitSquare }, 1 << 20, 8));

        Assert.Contains("larger than this OpenGL allows", error.Message, StringComparison.Ordinal);
    }
}
