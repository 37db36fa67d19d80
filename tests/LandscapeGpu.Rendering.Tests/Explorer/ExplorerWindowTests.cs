using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The window, under X (a private Xvfb unless DISPLAY is set): the screenshot command and scripted input.</summary>
[Collection(GlCollection.Name)]
public sealed class ExplorerWindowTests(DisplayFixture display)
{
    /// <summary>Window pixels closer than this to a marker are not compared (the CPU and GL draw markers differently).</summary>
    public const int MarkerExclusionRadius = 11;

    /// <summary>The map itself should match exactly up to shading rounding; this leaves room for a marker outline past the exclusion disc.</summary>
    public const double AllowedDifferentFraction = 2e-3;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public void ViewScreenshot_Himmelblau_ShowsTheFourBasinsOfTheCpuImageInPlace()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        string file = Path.Combine(Path.GetTempPath(), $"landscape-view-{Guid.NewGuid():N}.png");
        try
        {
            (int code, string output, string error) = CliRunner.RunWith(
                new Dictionary<string, string?> { ["DISPLAY"] = display.Display },
                "view", "himmelblau", "--size", "128x128", "--device", "ilgpu-cpu", "--screenshot", file, "--frames", "3", "--no-overlay");
            if (code != 0 && error.Contains("cannot open the view", StringComparison.Ordinal))
            {
                GlEnvironment.SkipUnless(error.Trim());
            }

            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Contains("wrote", output, StringComparison.Ordinal);
            RgbImage window = ImageComparison.ReadPng(file);
            Assert.Equal((128, 128), (window.Width, window.Height));

            BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 128));
            int[] slots = AttractorColours.SlotsOf(map.Attractors, map.Problem.Landscape.Info.Box);
            RgbImage cpuMap = MapRaster.Draw(BasinScene.LayerOf(map, LandscapeProbe.For(map.Problem.Landscape), slots), 128, 128);
            var box = map.Grid.Box;
            var markers = FigureLegend.Listed(map.Attractors).Select(p => ((p.X - box.X0) / box.Width * 128, 128 - (p.Y - box.Y0) / box.Height * 128)).ToList();
            bool AwayFromMarkers(int x, int y) => markers.All(m => Math.Pow(x - m.Item1, 2) + Math.Pow(y - m.Item2, 2) > MarkerExclusionRadius * MarkerExclusionRadius);

            double different = ImageComparison.FractionDifferent(window, cpuMap, ImageComparison.ShadingLevels, AwayFromMarkers);
            Assert.True(different <= AllowedDifferentFraction, $"{different:P2} of the window's pixels differ from the CPU image");
            // Himmelblau's four basins, ids by the CPU's ordering: 0 bottom-left, 1 top-left, 2 top-right, 3 bottom-right; colours by location.
            var quadrants = new[] { (40, 88), (40, 40), (88, 40), (88, 88) };
            Assert.Equal(slots[..4], quadrants.Select(p => NearestFixedPaletteId(window.Get(p.Item1, p.Item2))).ToArray());
            Assert.Equal(4, slots[..4].Distinct().Count());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void ViewScreenshot_PrintLevelTimes_PrintsEveryLevelCoarseFirstToStderr()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        string file = Path.Combine(Path.GetTempPath(), $"landscape-view-{Guid.NewGuid():N}.png");
        try
        {
            (int code, _, string error) = CliRunner.RunWith(
                new Dictionary<string, string?> { ["DISPLAY"] = display.Display },
                "view", "himmelblau", "--size", "128x128", "--device", "cpu", "--screenshot", file, "--print-level-times");
            if (code != 0 && error.Contains("cannot open the view", StringComparison.Ordinal))
            {
                GlEnvironment.SkipUnless(error.Trim());
            }

            Assert.True(code == 0, $"exit {code}: {error}");
            // The first request knows no rate yet: every level from 16x16 (128/8) to the window's 128x128.
            string[] levels = error.Split('\n').Where(line => line.StartsWith("level ", StringComparison.Ordinal)).Select(line => line.Trim()).ToArray();
            Assert.Equal(["16x16", "32x32", "64x64", "128x128"], levels.Select(line => line.Split(' ')[1].TrimEnd(':')).ToArray());
            Assert.All(levels, line => Assert.Matches(@"^level \d+x\d+: \d+\.\d{3} s \(descents and basins \d+\.\d{3} s, loss field and colours \d+\.\d{3} s; \d+\.\d{3} s after the request\)$", line));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void ScriptedZoomAndClick_ThroughTheCallbackHandlers_ZoomsRecomputesAndDrawsThePath()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        DescentProblem problem = TestMaps.Problem("himmelblau", 96);
        ExplorerWindow view;
        try
        {
            view = new ExplorerWindow(problem, 96, 96, () => new BorrowedEngine(TestMaps.SharedEngine));
        }
        catch (GlUnavailableException error)
        {
            GlEnvironment.SkipUnless(error.Message);
            return;
        }

        using (view)
        {
            view.Explorer.ShowOverlay = false;
            RgbImage home = view.RenderSettled(1, SettleTimeout);
            BasinExplorer explorer = view.Explorer;
            ComputedMap homeMap = explorer.Shown!;

            // The callbacks' path: cursor to the upper-left basin, three wheel clicks in.
            explorer.OnCursorMoved(24, 24);
            explorer.OnScroll(3);
            RgbImage zoomed = view.RenderSettled(1, SettleTimeout);

            Assert.Equal(Math.Pow(BasinExplorer.ZoomPerClick, 3), explorer.View.Magnification, 1e-9);
            Assert.Equal(explorer.View.Visible.X0, explorer.Shown!.Map.Grid.Box.X0, 1e-12);
            Assert.True(ImageComparison.FractionDifferent(home, zoomed, 8) > 0.2, "zooming did not change the picture");

            int whiteBefore = ImageComparison.CountWhite(zoomed);
            explorer.OnCursorMoved(80, 80);
            explorer.OnMouseButton(MouseButton.Left, pressed: true);
            explorer.OnMouseButton(MouseButton.Left, pressed: false);
            RgbImage withPath = view.RenderSettled(1, SettleTimeout);

            RecordedDescent path = Assert.IsType<RecordedDescent>(explorer.Path);
            Assert.Equal(DescentOutcome.Converged, path.Outcome);
            Assert.True(path.Steps > 2, $"the path has only {path.Steps} steps");
            Assert.True(ImageComparison.CountWhite(withPath) > whiteBefore + 20, "no path was drawn");
            Assert.Contains("loss", explorer.Title, StringComparison.Ordinal);

            // A drag pans: the content follows the cursor, and the new region is computed.
            WorldRect beforeDrag = explorer.View.Visible;
            explorer.OnCursorMoved(50, 50);
            explorer.OnMouseButton(MouseButton.Left, pressed: true);
            explorer.OnCursorMoved(70, 40);
            explorer.OnMouseButton(MouseButton.Left, pressed: false);
            view.RenderSettled(1, SettleTimeout);
            double perPixel = beforeDrag.Width / 96;
            Assert.Equal(beforeDrag.X0 - 20 * perPixel, explorer.View.Visible.X0, 1e-9);
            Assert.Equal(beforeDrag.Y0 - 10 * perPixel, explorer.View.Visible.Y0, 1e-9);
            Assert.Equal(explorer.View.Visible.X0, explorer.Shown!.Map.Grid.Box.X0, 1e-12);
            Assert.NotNull(explorer.Path);

            // Deep inside the top-left basin only its attractor is reached, renumbered 0 in its map; it keeps its home id (1) and colour.
            explorer.OnKey(Key.Space);
            explorer.OnCursorMoved(24, 24);
            explorer.OnScroll(9);
            RgbImage deep = view.RenderSettled(1, SettleTimeout);
            Assert.Single(explorer.Shown!.Map.Attractors);
            Assert.Equal(1, explorer.Shown.StableIds[0]);
            int homeSlot = homeMap.Slots[homeMap.StableIds.ToList().IndexOf(1)];
            Assert.Equal(homeSlot, explorer.Shown.Slots[0]);
            Assert.Equal(homeSlot, NearestFixedPaletteId(deep.Get(24, 24)));
        }
    }

    [SkippableFact]
    public void HomeView_ColoursByLocation_AgreeWithTheFigureOfTheSameMapAndWithAnotherOptimizersRun()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        ExplorerWindow? view = Open(TestMaps.Problem("himmelblau", 96), 96, 96);
        if (view is null)
        {
            return;
        }

        using (view)
        {
            view.Explorer.ShowOverlay = false;
            RgbImage window = view.RenderSettled(1, SettleTimeout);
            BasinMap map = view.Explorer.Shown!.Map;

            // The figure's own map-area raster of the same map: what basins.png shows.
            MapLayer? figureLayer = null;
            BasinFigure.Create(map, new FigureOptions { DrawMapArea = (layer, width, height) => MapRaster.Draw(figureLayer = layer, width, height) });
            RgbImage figure = MapRaster.Draw(figureLayer!, 96, 96);
            var box = map.Grid.Box;
            var markers = FigureLegend.Listed(map.Attractors).Select(p => ((p.X - box.X0) / box.Width * 96, 96 - (p.Y - box.Y0) / box.Height * 96)).ToList();
            bool AwayFromMarkers(int x, int y) => markers.All(m => Math.Pow(x - m.Item1, 2) + Math.Pow(y - m.Item2, 2) > MarkerExclusionRadius * MarkerExclusionRadius);
            double different = ImageComparison.FractionDifferent(window, figure, ImageComparison.ShadingLevels, AwayFromMarkers);
            Assert.True(different <= AllowedDifferentFraction, $"{different:P2} of the window's pixels differ from the figure's map area");

            // Another run (momentum, another grid) colours each minimum as the view does.
            DescentProblem other = TestMaps.Problem("himmelblau", 40) with
            {
                Optimizer = LandscapeGpu.Optimizers.OptimizerSettings.DefaultsFor(LandscapeGpu.Optimizers.OptimizerKind.Momentum, map.Problem.Landscape.Info.Defaults, map.Problem.Landscape.Info.Box).Validated(),
            };
            BasinMap otherMap = TestMaps.Run(other);
            int[] otherSlots = AttractorColours.SlotsOf(otherMap.Attractors, otherMap.Problem.Landscape.Info.Box);
            foreach (StationaryPoint point in map.Attractors)
            {
                StationaryPoint twin = otherMap.Attractors.Single(o => Math.Abs(o.X - point.X) < 1e-3 && Math.Abs(o.Y - point.Y) < 1e-3);
                Assert.Equal(otherSlots[twin.Id], view.Explorer.Shown.Slots[point.Id]);
            }
        }
    }

    [SkippableFact]
    public void KeyL_OverlayOnAndOff_DrawsAxesLegendAndHoverPanelOverTheMapOnlyWhenOn()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        const int Size = 240;
        ExplorerWindow? view = Open(TestMaps.Problem("himmelblau", Size), Size, Size, () => EngineFactory.Create(DeviceChoice.Cpu));
        if (view is null)
        {
            return;
        }

        using (view)
        {
            BasinExplorer explorer = view.Explorer;
            Assert.True(explorer.ShowOverlay);
            RgbImage with = view.RenderSettled(1, SettleTimeout);
            explorer.OnKey(Key.L);
            Assert.False(explorer.ShowOverlay);
            RgbImage without = view.RenderSettled(1, SettleTimeout);

            OverlayAxes axes = ViewOverlay.AxesOf(explorer.View, ["x", "y"], (0, 1));
            int left = (int)axes.DataArea.Left, bottom = (int)axes.DataArea.Bottom;
            double Differing(int x0, int x1, int y0, int y1) => DifferingIn(with, without, x0, x1, y0, y1);

            Assert.True(Differing(0, left, 0, bottom) > 0.5, "the left band (y ticks) is not drawn");
            Assert.True(Differing(left, Size, bottom, Size) > 0.5, "the bottom band (x ticks) is not drawn");
            // The lower-left quarter of the data area holds no legend: the map shows through, but for an id label or two.
            Assert.True(Differing(left + 2, left + (Size - left) / 2, bottom / 2, bottom - 2) < 0.1, "the overlay covers the map");
            Assert.True(Differing(Size / 2, Size, 0, 40) > 0.2, "no legend in the upper right");

            // Hover: the panel appears in the data area's bottom-left corner with the attractor under the cursor.
            explorer.OnKey(Key.L);
            RgbImage before = view.RenderSettled(1, SettleTimeout);
            explorer.OnCursorMoved(3 * Size / 4, Size / 4);
            RgbImage hovered = view.RenderSettled(1, SettleTimeout);
            Assert.Contains("attractor", explorer.HoverPanel!.Lines[2], StringComparison.Ordinal);
            int panelLeft = left + ExplorerWindow.PanelInset, panelBottom = bottom - ExplorerWindow.PanelInset;
            Assert.True(DifferingIn(before, hovered, panelLeft, panelLeft + 100, panelBottom - 40, panelBottom) > 0.5, "no hover panel in the map's bottom-left corner");
            Assert.True(DifferingIn(before, hovered, Size / 2, Size, 60, bottom / 2) < 0.05, "the hover panel is drawn elsewhere");
        }
    }

    [SkippableFact]
    public void ClickedStart_DrawsItsLossCurvePanelInACornerOfTheMapClearOfThePath_UntilSpaceClearsIt()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        const int Size = 420;
        ExplorerWindow? view = Open(TestMaps.Problem("himmelblau", Size), Size, Size, () => EngineFactory.Create(DeviceChoice.Cpu));
        if (view is null)
        {
            return;
        }

        using (view)
        {
            BasinExplorer explorer = view.Explorer;
            // The cursor stays here: the hover panel is the same in every frame compared.
            explorer.OnCursorMoved(3 * Size / 4, Size / 4);
            RgbImage before = view.RenderSettled(1, SettleTimeout);
            Assert.Null(view.LossPanelRect);

            // A click in the upper-right basin: its descent's path and loss curve.
            explorer.OnMouseButton(MouseButton.Left, pressed: true);
            explorer.OnMouseButton(MouseButton.Left, pressed: false);
            RgbImage frame = view.RenderSettled(1, SettleTimeout);
            Trajectory trajectory = Assert.IsType<Trajectory>(explorer.Trajectory);
            Assert.Equal(explorer.Path!.Points.Count, trajectory.Points.Count);
            ScottPlot.PixelRect rect = Assert.IsType<ScottPlot.PixelRect>(view.LossPanelRect);
            OverlayAxes axes = ViewOverlay.AxesOf(explorer.View, ["x", "y"], (0, 1));
            // The path lies under the map's top-left corner, where the panel goes by default: it goes to the bottom-right one.
            Assert.Equal((axes.DataArea.Right - ExplorerWindow.PanelInset - LossCurvePanel.Width, axes.DataArea.Bottom - ExplorerWindow.PanelInset - LossCurvePanel.Height), (rect.Left, rect.Top));
            Assert.Equal((LossCurvePanel.Width, LossCurvePanel.Height), ((int)rect.Width, (int)rect.Height));
            Assert.DoesNotContain(trajectory.Points, p => explorer.View.ToPixel(p.X, p.Y) is var (x, y) && x >= rect.Left && x < rect.Right && y >= rect.Top && y < rect.Bottom);

            // The window shows, there, the panel of the clicked descent's curve, pixel for pixel.
            byte[] panel = LossCurvePanel.Draw(LossCurve.Of(trajectory));
            int differing = 0;
            for (int y = 0; y < LossCurvePanel.Height; y++)
            {
                for (int x = 0; x < LossCurvePanel.Width; x++)
                {
                    int offset = 4 * (y * LossCurvePanel.Width + x);
                    var expected = new Rgb(panel[offset], panel[offset + 1], panel[offset + 2]);
                    differing += ImageComparison.Distance(expected, frame.Get((int)rect.Left + x, (int)rect.Top + y)) > 2 ? 1 : 0;
                }
            }

            Assert.True(differing <= 0.001 * LossCurvePanel.Width * LossCurvePanel.Height, $"{differing} pixels of the loss panel differ from its picture");
            Assert.True(DifferingIn(before, frame, (int)rect.Left, (int)rect.Right, (int)rect.Top, (int)rect.Bottom) > 0.3, "the panel does not cover the map");

            explorer.OnKey(Key.Space);
            RgbImage cleared = view.RenderSettled(1, SettleTimeout);
            Assert.Null(view.LossPanelRect);
            Assert.Null(explorer.Trajectory);
            Assert.True(DifferingIn(before, cleared, (int)rect.Left, (int)rect.Right, (int)rect.Top, (int)rect.Bottom) < 0.01, "the panel stayed after Space");
        }
    }

    [SkippableFact]
    public void Pan_WhileTheNewViewIsCoarse_ShowsThePreviousMapsDetailWhereTheViewsOverlap()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        const int Size = 128, Shift = 20;
        var engine = new SlowEngine(new BorrowedEngine(TestMaps.SharedEngine), fullWidth: Size);
        ExplorerWindow? view = Open(TestMaps.Problem("himmelblau", Size), Size, Size, () => engine);
        if (view is null)
        {
            return;
        }

        try
        {
            using (view)
            {
                BasinExplorer explorer = view.Explorer;
                explorer.ShowOverlay = false;
                explorer.OnKey(Key.S);
                RgbImage home = view.RenderSettled(1, SettleTimeout);
                Assert.False(view.BackdropShown);

                // Drag the map 20 pixels to the right; the new view's full level is held back.
                engine.Hold.Reset();
                explorer.OnCursorMoved(64, 64);
                explorer.OnMouseButton(MouseButton.Left, pressed: true);
                explorer.OnCursorMoved(64 + Shift, 64);
                explorer.OnMouseButton(MouseButton.Left, pressed: false);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                RgbImage? coarse = null;
                while (coarse is null || !view.BackdropShown)
                {
                    Assert.True(clock.Elapsed < SettleTimeout, "no coarse level of the new view arrived");
                    coarse = view.RenderFrame(0.02, capture: true, force: true);
                }

                Assert.False(explorer.Shown!.Final);
                // Where the views overlap, the previous (full-resolution) map is on screen, moved with the drag.
                int differing = 0, compared = 0;
                for (int y = 0; y < Size; y++)
                {
                    for (int x = Shift; x < Size; x++)
                    {
                        compared++;
                        differing += ImageComparison.Distance(coarse.Get(x, y), home.Get(x - Shift, y)) > ImageComparison.ShadingLevels ? 1 : 0;
                    }
                }

                Assert.True(differing <= 0.01 * compared, $"{differing} of {compared} overlapping pixels are not the previous map's");
                // The newly exposed margin shows the new view's coarse level, not the background.
                int background = 0;
                for (int y = 0; y < Size; y++)
                {
                    for (int x = 0; x < Shift - 1; x++)
                    {
                        background += ImageComparison.Distance(coarse.Get(x, y), new Rgb(250, 250, 250)) <= 2 ? 1 : 0;
                    }
                }

                Assert.True(background < 0.05 * Size * (Shift - 1), $"{background} pixels of the margin are empty");

                engine.Hold.Set();
                view.RenderSettled(1, SettleTimeout);
                Assert.False(view.BackdropShown);
                Assert.True(explorer.Shown!.Final);
            }
        }
        finally
        {
            engine.Hold.Set();
        }
    }

    [SkippableFact]
    public void ScriptedKeys_OptimizerAndLearningRate_ChangeTheProblemAndRecompute()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        DescentProblem problem = TestMaps.Problem("quartic", 64);
        ExplorerWindow view;
        try
        {
            view = new ExplorerWindow(problem, 128, 64, () => new BorrowedEngine(TestMaps.SharedEngine));
        }
        catch (GlUnavailableException error)
        {
            GlEnvironment.SkipUnless(error.Message);
            return;
        }

        using (view)
        {
            view.Explorer.ShowOverlay = false;
            view.RenderSettled(1, SettleTimeout);
            BasinExplorer explorer = view.Explorer;
            double rate = explorer.Problem.Optimizer.LearningRate;

            explorer.OnKey(Key.RightBracket);
            Assert.Equal(rate * BasinExplorer.LearningRateStep, explorer.Problem.Optimizer.LearningRate, 1e-12);
            explorer.OnKey(Key.O);
            Assert.Equal(LandscapeGpu.Optimizers.OptimizerKind.Momentum, explorer.Problem.Optimizer.Kind);
            view.RenderSettled(1, SettleTimeout);
            Assert.Equal(LandscapeGpu.Optimizers.OptimizerKind.Momentum, explorer.Shown!.Map.Problem.Optimizer.Kind);
            Assert.Equal(128, explorer.Shown.Map.Grid.Width);

            // C and S change the picture; P saves what is on screen.
            RgbImage plain = view.RenderSettled(1, SettleTimeout);
            explorer.OnKey(Key.S);
            Assert.True(ImageComparison.FractionDifferent(plain, view.RenderSettled(1, SettleTimeout), 2) > 0.01, "S did not change the shading");
            explorer.OnKey(Key.P);
            string saved = Path.GetFullPath(explorer.SaveRequest!);
            try
            {
                view.RenderFrame();
                Assert.Null(explorer.SaveRequest);
                Assert.Equal((128, 64), (ImageComparison.ReadPng(saved).Width, ImageComparison.ReadPng(saved).Height));
            }
            finally
            {
                File.Delete(saved);
            }

            // A click on the 1-D curve: the path's dots slide down frame by frame.
            explorer.OnCursorMoved(10, 30);
            explorer.OnMouseButton(MouseButton.Left, pressed: true);
            explorer.OnMouseButton(MouseButton.Left, pressed: false);
            int firstShown = explorer.PathShown;
            view.RenderFrame();
            view.RenderFrame();
            Assert.True(explorer.PathShown > firstShown, "the 1-D path did not advance");
        }
    }

    private static double DifferingIn(RgbImage a, RgbImage b, int x0, int x1, int y0, int y1)
    {
        int count = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                count += ImageComparison.Distance(a.Get(x, y), b.Get(x, y)) > 8 ? 1 : 0;
            }
        }

        return (double)count / ((x1 - x0) * (y1 - y0));
    }

    private static ExplorerWindow? Open(DescentProblem problem, int width, int height, Func<IDescentEngine>? createEngine = null)
    {
        try
        {
            return new ExplorerWindow(problem, width, height, createEngine ?? (() => new BorrowedEngine(TestMaps.SharedEngine)));
        }
        catch (GlUnavailableException error)
        {
            GlEnvironment.SkipUnless(error.Message);
            return null;
        }
    }

    /// <summary>
    /// The palette entry that, darkened as shading by steps darkens (by a factor from 1 - StepShading to 1), comes
    /// closest to <paramref name="colour"/>.
    /// </summary>
    private static int NearestFixedPaletteId(Rgb colour) =>
        Enumerable.Range(0, BasinPalette.Fixed.Count).MinBy(id => ShadedDistance(BasinPalette.Fixed[id], colour));

    private static double ShadedDistance(Rgb palette, Rgb colour)
    {
        double dot = palette.R * colour.R + palette.G * colour.G + palette.B * colour.B;
        double norm = palette.R * palette.R + palette.G * palette.G + palette.B * palette.B;
        double factor = Math.Clamp(dot / norm, 1 - MapRaster.StepShading, 1);
        return Math.Pow(palette.R * factor - colour.R, 2) + Math.Pow(palette.G * factor - colour.G, 2) + Math.Pow(palette.B * factor - colour.B, 2);
    }

    /// <summary>An engine slow enough that the view starts each new view at a coarse level, holding full-width bands while <see cref="Hold"/> is reset.</summary>
    private sealed class SlowEngine(IDescentEngine inner, int fullWidth) : IDescentEngine
    {
        public ManualResetEventSlim Hold { get; } = new(initialState: true);

        public string Description => inner.Description;

        public EngineKind Kind => inner.Kind;

        public void Run(DescentProblem problem, TileSpec tile, TileResult result)
        {
            Thread.Sleep(150);
            if (problem.Grid.Width == fullWidth)
            {
                Hold.Wait();
            }

            inner.Run(problem, tile, result);
        }

        public void Dispose() => inner.Dispose();
    }
}
