using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Metrics;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The view's basin-entropy overlay: the key's cycle, the boxes of the map on screen, and the shader that draws them.</summary>
[Collection(GlCollection.Name)]
public sealed class EntropyOverlayTests
{
    private static readonly WorldRect UnitSquare = new(0, 1, 0, 1);

    [Fact]
    public void OnKeyM_Cycles_OffThenEachBoxSideThenOff()
    {
        DescentProblem problem = TestMaps.Problem("himmelblau", 16);
        // An engine of its own: the explorer computes on a background thread, beside tests that use the shared one.
        using var computer = new MapComputer(() => EngineFactory.Create(DeviceChoice.Cpu));
        var explorer = new BasinExplorer(problem, 16, 16, computer);
        var seen = new List<int> { explorer.EntropyOverlay.BoxSide };

        for (int press = 0; press < EntropyOverlay.BoxSides.Count; press++)
        {
            long version = explorer.Version;
            explorer.OnKey(Key.M);
            Assert.True(explorer.Version > version, "a press of M must redraw");
            seen.Add(explorer.EntropyOverlay.BoxSide);
        }

        Assert.Equal([0, BasinMetrics.DefaultBoxSide, 8, 0], seen);
    }

    [Fact]
    public void Of_HimmelblauMap_BoxesOfTheMapAndTheRegionTheyCover()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 70, 50));
        var overlay = new EntropyOverlay();
        var shown = Shown(map, divisor: 1);
        Assert.Null(overlay.Of(shown));

        overlay.Cycle();
        EntropyOverlayLayer layer = overlay.Of(shown)!;

        // Boxes of 20 cells: 3 x 2 of them, covering 60 of 70 columns and 40 of 50 rows of the box [-5, 5]^2.
        Assert.Equal((3, 2), (layer.Boxes.Columns, layer.Boxes.Rows));
        Assert.Equal(BoxEntropyMap.Of(map.Ids, 70, 50, 20).Entropies, layer.Boxes.Entropies);
        Assert.Equal(new WorldRect(-5, -5 + 10 * 60.0 / 70, -5, -5 + 10 * 40.0 / 50), layer.Covered);
        Assert.Same(layer, overlay.Of(shown));
        Assert.Contains("Sb", overlay.Describe(shown));
        // A coarse level (a quarter of the resolution) takes boxes of the same size on screen: 5 of its cells.
        Assert.Equal(5, overlay.Of(Shown(map, divisor: 4))!.Boxes.BoxSide);
    }

    [SkippableFact]
    public void Draw_TwoBasinsSideBySide_BoundaryBoxesGlowUniformBoxesAreVeiled()
    {
        GlEnvironment.RequireHeadless();
        const int size = 64, side = 8;
        // Id 0 left of column 28, id 1 from it: the boxes of columns 24 to 31 hold both.
        int[] ids = Enumerable.Range(0, size * size).Select(i => i % size < 28 ? 0 : 1).ToArray();
        var layer = new MapLayer(size, size, ids, new int[size * size], new float[size * size], UnitSquare, oneDimensional: false);
        BoxEntropyMap boxes = BoxEntropyMap.Of(ids, size, size, side);

        using HeadlessGlContext context = HeadlessGlContext.Create();
        using var renderer = new BasinRenderer(context.Gl);
        using var overlay = new EntropyOverlayRenderer(context.Gl);
        using var target = new OffscreenTarget(context.Gl, size, size);
        renderer.Upload(layer);
        target.Bind();
        renderer.Draw(new FrameStyle { View = UnitSquare, ShadeByCounts = false }, size, size);
        overlay.Draw(boxes, UnitSquare, UnitSquare, size, size);
        RgbImage image = target.Read();

        Rgb veiled = image.Get(8, 32), boundary = image.Get(28, 32), other = image.Get(50, 32);
        Rgb plain = BasinPalette.ForId(0);
        Assert.True(veiled.R + veiled.G + veiled.B < (plain.R + plain.G + plain.B) / 2, $"a box of one basin is veiled: {veiled} over {plain}");
        Assert.True(boundary.R > 200 && boundary.B < 80, $"a boundary box glows yellow to red: {boundary}");
        Assert.True(other.R + other.G + other.B < 300, $"the other basin's boxes are veiled too: {other}");
    }

    private static ComputedMap Shown(BasinMap map, int divisor)
    {
        var box = map.Grid.Box;
        var layer = new MapLayer(map.Grid.Width, map.Grid.Height, map.Ids, map.Steps, new float[map.Ids.Length], new WorldRect(box.X0, box.X1, box.Y0, box.Y1), oneDimensional: false);
        int[] ids = Enumerable.Range(0, map.Attractors.Count).ToArray();
        return new ComputedMap(1, divisor, map, layer, 0, ids, ids);
    }
}
