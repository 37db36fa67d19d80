using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
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
                "view", "himmelblau", "--size", "128x128", "--device", "ilgpu-cpu", "--screenshot", file, "--frames", "3");
            if (code != 0 && error.Contains("cannot open the view", StringComparison.Ordinal))
            {
                GlEnvironment.SkipUnless(error.Trim());
            }

            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Contains("wrote", output, StringComparison.Ordinal);
            RgbImage window = ImageComparison.ReadPng(file);
            Assert.Equal((128, 128), (window.Width, window.Height));

            BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 128));
            RgbImage cpuMap = MapRaster.Draw(BasinScene.LayerOf(map, LandscapeProbe.For(map.Problem.Landscape)), 128, 128);
            var box = map.Grid.Box;
            var markers = FigureLegend.Listed(map.Attractors).Select(p => ((p.X - box.X0) / box.Width * 128, 128 - (p.Y - box.Y0) / box.Height * 128)).ToList();
            bool AwayFromMarkers(int x, int y) => markers.All(m => Math.Pow(x - m.Item1, 2) + Math.Pow(y - m.Item2, 2) > MarkerExclusionRadius * MarkerExclusionRadius);

            double different = ImageComparison.FractionDifferent(window, cpuMap, ImageComparison.ShadingLevels, AwayFromMarkers);
            Assert.True(different <= AllowedDifferentFraction, $"{different:P2} of the window's pixels differ from the CPU image");
            // Himmelblau's four basins, ids by the CPU's ordering: 0 bottom-left, 1 top-left, 2 top-right, 3 bottom-right.
            var quadrants = new[] { (40, 88), (40, 40), (88, 40), (88, 88) };
            Assert.Equal([0, 1, 2, 3], quadrants.Select(p => NearestFixedPaletteId(window.Get(p.Item1, p.Item2))).ToArray());
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
            RgbImage home = view.RenderSettled(1, SettleTimeout);
            BasinExplorer explorer = view.Explorer;

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

            // Deep inside the top-left basin only its attractor is reached; it keeps its home colour (id 1), not id 0's.
            explorer.OnKey(Key.Space);
            explorer.OnCursorMoved(24, 24);
            explorer.OnScroll(9);
            RgbImage deep = view.RenderSettled(1, SettleTimeout);
            Assert.Single(explorer.Shown!.Map.Attractors);
            Assert.Equal(1, NearestFixedPaletteId(deep.Get(24, 24)));
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
}
