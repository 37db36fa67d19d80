using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The overlay's pure parts: its axes for a known view, its pictures' pixels, its legend and the hover text (no GL).</summary>
public sealed class ViewOverlayTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void AxesOf_HomeViewOfABox_TicksFollowThePixelsTheDataAreaCovers()
    {
        var view = new ViewState(new WorldRect(-5, 5, -5, 5), oneDimensional: false, 500, 500);

        OverlayAxes axes = ViewOverlay.AxesOf(view, ["w1", "w3"], (0, 1));

        Assert.Equal(500 - ViewOverlay.BottomBand, axes.DataArea.Bottom);
        Assert.Equal(view.ToWorld(axes.DataArea.Left, 0).X, axes.Horizontal.Min, Tolerance);
        Assert.Equal(5, axes.Horizontal.Max, Tolerance);
        Assert.Equal(5 - 10.0 * (500 - ViewOverlay.BottomBand) / 500, axes.Vertical.Min, Tolerance);
        Assert.Equal(["-4", "-2", "0", "2", "4"], axes.YTicks.Select(t => t.Label));
        Assert.Equal(["-4", "-2", "0", "2", "4"], axes.XTicks.Select(t => t.Label));
        Assert.Equal(("w1", "w3"), (axes.XName, axes.YName));
    }

    [Fact]
    public void AxesOf_LogLearningRateAxis_TicksAreLabelledWithTheValues()
    {
        // lr from 0.001 to 0.03 on a log scale across, momentum from 0.5 to 1 up: the view's box is in log10 of lr.
        var view = new ViewState(new WorldRect(Math.Log10(0.001), Math.Log10(0.03), 0.5, 1), oneDimensional: false, 600, 500, squarePixels: false);

        OverlayAxes axes = ViewOverlay.AxesOf(view, ["lr", "momentum"], (0, 1), (true, false));

        AxisTick hundredth = Assert.Single(axes.XTicks, tick => tick.Label == "0.01");
        Assert.Equal(-2, hundredth.Position, Tolerance);
        Assert.Contains(axes.XTicks, tick => tick.Label == "0.002");
        Assert.Contains(axes.YTicks, tick => tick.Label == "0.8");
    }

    [Fact]
    public void AxesOf_ZoomedAndPannedView_TicksFollowTheView()
    {
        var view = new ViewState(new WorldRect(-5, 5, -5, 5), oneDimensional: false, 800, 800);
        view.ZoomAt(400, 400, 1000);
        view.Pan(-400, 0);

        OverlayAxes axes = ViewOverlay.AxesOf(view, ["x", "y"], (0, 1));

        // 10 / 1000 wide about 0, panned half a window to the right: x from 0 to 0.01, less the band on the left.
        Assert.All(axes.XTicks, tick => Assert.InRange(tick.Position, axes.Horizontal.Min, axes.Horizontal.Max));
        // About 730 pixels at one tick per 70 or more: ten steps of 0.001 at most.
        Assert.True(axes.XTicks.Count >= 5, $"only {axes.XTicks.Count} ticks");
        Assert.All(axes.XTicks, tick => Assert.Equal(tick.Label, (Math.Round(tick.Position * 1000) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("0.005", axes.XTicks.Select(t => t.Label));
    }

    [Fact]
    public void AxesOf_OneDimensional_PutsTheLossOnTheVerticalAxisAboveTheStrip()
    {
        var view = new ViewState(new WorldRect(-2, 2, 0, 0), oneDimensional: true, 400, 200);

        OverlayAxes axes = ViewOverlay.AxesOf(view, ["x"], (-1, 3));

        Assert.Equal("loss", axes.YName);
        Assert.Equal((-1.0, 3.0), axes.Vertical);
        Assert.Equal((int)Math.Round((1 - FrameStyle.StripHeight) * 200), axes.DataArea.Bottom);
    }

    [Fact]
    public void Draw_KnownView_VeilsTheBandsDrawsTickMarksWhereTheTicksLieAndLeavesTheMapClear()
    {
        const int Size = 400;
        var view = new ViewState(new WorldRect(-5, 5, -5, 5), oneDimensional: false, Size, Size);
        OverlayAxes axes = ViewOverlay.AxesOf(view, ["x", "y"], (0, 1));

        byte[] pixels = ViewOverlay.Draw(Size, Size, axes, [], []);

        int Alpha(int x, int y) => pixels[4 * (y * Size + x) + 3];
        int Red(int x, int y) => pixels[4 * (y * Size + x)];
        var data = axes.DataArea;
        Assert.True(Alpha(2, 2) > 150, "the left band is not veiled");
        Assert.True(Alpha(Size - 2, Size - 2) > 150, "the bottom band is not veiled");
        Assert.Equal(0, Alpha((int)(data.Left + data.Right) / 2 + 7, (int)data.Bottom / 2 + 9));
        foreach (AxisTick tick in axes.XTicks)
        {
            int column = (int)Math.Round(data.Left + (tick.Position - axes.Horizontal.Min) / (axes.Horizontal.Max - axes.Horizontal.Min) * (data.Right - data.Left));
            // The tick mark: dark pixels just under the frame, in the tick's column (within a pixel).
            bool marked = Enumerable.Range(column - 1, 3).Any(x => Enumerable.Range((int)data.Bottom + 2, 3).Any(y => Alpha(x, y) > 200 && Red(x, y) < 150));
            Assert.True(marked, $"no tick mark at x = {tick.Label} (column {column})");
        }
    }

    [Fact]
    public void DrawPanel_TwoLines_IsOpaqueEnoughAndHasDarkText()
    {
        (byte[] pixels, int width, int height) = ViewOverlay.DrawPanel(["x = 1, y = 2, f = 3", "attractor 0: minimum at (3, 2), f = 0"]);

        Assert.True(width > 100 && height > 2 * ViewOverlay.PanelFontSize, $"{width}x{height}");
        Assert.Contains(Enumerable.Range(0, width * height), i => pixels[4 * i] < 80 && pixels[4 * i + 3] > 200);
    }

    [Fact]
    public void LegendOf_HimmelblauHome_ListsTheFourMinimaWithTheirLocationColours()
    {
        ComputedMap shown = Computed("himmelblau", 48);

        IReadOnlyList<(LandscapeGpu.Rendering.Cpu.Rgb? Swatch, string Text)> legend = ViewOverlay.LegendOf(shown, shadeBySteps: false);

        foreach (StationaryPoint point in shown.Map.Attractors)
        {
            Assert.Contains(legend, line => line.Text.StartsWith($"{shown.StableIds[point.Id]} minimum", StringComparison.Ordinal)
                && line.Swatch == AttractorColours.ColourOf(AttractorColours.SlotsOf(shown.Map.Attractors, shown.Map.Problem.Landscape.Info.Box)[point.Id]));
        }
    }

    [Fact]
    public void HoverInfo_PixelInTheTopRightBasin_NamesTheCursorPointItsLossAndTheMinimumAtThreeTwo()
    {
        ComputedMap shown = Computed("himmelblau", 64);
        var view = new ViewState(new WorldRect(-5, 5, -5, 5), oneDimensional: false, 64, 64);
        var probe = LandscapeProbe.For(shown.Map.Problem.Landscape);

        HoverInfo info = HoverInfo.Describe(shown, view, probe, 48.5, 15.5)!;

        // Pixel (48.5, 15.5) is world (2.578125, 2.578125), the start of column 48, row 48; 0.15625 a pixel: two digits.
        StationaryPoint reached = shown.Map.Attractors.Single(a => Math.Abs(a.X - 3) < 1e-3 && Math.Abs(a.Y - 2) < 1e-3);
        Assert.Equal($"x = 2.6, y = 2.6, f = {probe.Loss(2.578125, 2.578125).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}", info.Lines[0]);
        Assert.StartsWith("start (2.6, 2.6) -> (3, 2), loss ", info.Lines[1], StringComparison.Ordinal);
        Assert.Equal($"attractor {shown.StableIds[reached.Id]}: minimum (global) at (3, 2), f = 0", info.Lines[2]);
        Assert.Contains("loss", info.Summary, StringComparison.Ordinal);
        Assert.Null(HoverInfo.Describe(shown, new ViewState(new WorldRect(-50, 50, -50, 50), false, 64, 64), probe, 1, 1));
    }

    private static ComputedMap Computed(string landscape, int size)
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem(landscape, size));
        var registry = new AttractorRegistry(1e-6, map.Problem.Landscape.Info.Box);
        AttractorLabels labels = registry.Label(map.Attractors, final: true);
        MapLayer layer = BasinScene.LayerOf(map, LandscapeProbe.For(map.Problem.Landscape), labels.Slots);
        return new ComputedMap(1, 1, map, layer, 0, labels.Ids, labels.Slots);
    }
}
