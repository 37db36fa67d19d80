using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The view of an axes map (<c>view --axes lr,momentum</c>), under X (a private Xvfb unless DISPLAY is set).</summary>
[Collection(GlCollection.Name)]
public sealed class ExplorerAxesTests(DisplayFixture display)
{
    private const int Size = 64;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public void ViewScreenshot_LearningRateByMomentum_ShowsTheMapCommandsBasins() =>
        AssertScreenshotShowsTheMapCommandsBasins(LearningRateByMomentum(Size));

    [SkippableFact]
    public void ViewScreenshot_LogLearningRateByMomentum_ShowsTheMapCommandsBasins() =>
        AssertScreenshotShowsTheMapCommandsBasins(LearningRateByMomentum(Size, logLearningRate: true), "--log-axes", "x");

    [SkippableFact]
    public void ScriptedHover_LogLearningRate_HomeMapIsTheMapCommandsAndHoverShowsValues()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        DescentProblem problem = LearningRateByMomentum(Size, logLearningRate: true);
        ExplorerWindow view;
        try
        {
            view = new ExplorerWindow(problem, Size, Size, () => new BorrowedEngine(TestMaps.SharedEngine));
        }
        catch (GlUnavailableException error)
        {
            GlEnvironment.SkipUnless(error.Message);
            return;
        }

        using (view)
        {
            BasinExplorer explorer = view.Explorer;
            view.RenderSettled(1, SettleTimeout);
            // The view spans log10 of lr, and its home map is exactly the map command's (the box as given, not 10^log10).
            Assert.Equal(Math.Log10(0.001), explorer.View.Visible.X0, 1e-12);
            Assert.Equal(Math.Log10(0.03), explorer.View.Visible.X1, 1e-12);
            Assert.Equal(problem.Grid.Box, explorer.Shown!.Map.Grid.Box);
            Assert.Equal(TestMaps.Run(problem).Ids, explorer.Shown.Map.Ids);

            // The leftmost column starts at the geometric centre of its cell, 0.001 * 30^(0.5/64) = 0.00103.
            explorer.OnCursorMoved(0.5, 32);
            Assert.Contains("lr = 0.00103", explorer.Hover, StringComparison.Ordinal);

            // Zooming in recomputes the visible values: a box inside the home box, with the same log axes.
            explorer.OnScroll(2);
            view.RenderSettled(1, SettleTimeout);
            Box zoomed = explorer.Shown.Map.Grid.Box;
            Assert.True(zoomed.X0 > 0.001 && zoomed.X1 < 0.03, $"the zoomed box {zoomed} is not inside the home box {problem.Grid.Box}");
            Assert.Equal(Math.Pow(10, explorer.View.Visible.X0), zoomed.X0, 1e-15);
            Assert.Equal(problem.Axes, explorer.Shown.Map.Problem.Axes);
            Assert.Equal(TestMaps.Run(problem with { Grid = explorer.Shown.Map.Grid }).Ids, explorer.Shown.Map.Ids);
        }
    }

    // The view's screenshot of `problem` (himmelblau, momentum, lr across, momentum up) against the map command's basins.
    private void AssertScreenshotShowsTheMapCommandsBasins(DescentProblem problem, params string[] extra)
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        string file = Path.Combine(Path.GetTempPath(), $"landscape-view-axes-{Guid.NewGuid():N}.png");
        try
        {
            (int code, string output, string error) = CliRunner.RunWith(
                new Dictionary<string, string?> { ["DISPLAY"] = display.Display },
                ["view", "himmelblau", "--optimizer", "momentum", "--axes", "lr,momentum", "--box", "0.001,0.03,0.5,1", "--start", "0,0",
                "--size", $"{Size}x{Size}", "--device", "ilgpu-cpu", "--screenshot", file, "--frames", "2", "--no-overlay", .. extra]);
            if (code != 0 && error.Contains("cannot open the view", StringComparison.Ordinal))
            {
                GlEnvironment.SkipUnless(error.Trim());
            }

            Assert.True(code == 0, $"exit {code}: {error}");
            RgbImage window = ImageComparison.ReadPng(file);
            Assert.Equal((Size, Size), (window.Width, window.Height));

            // The map command's map of the same grid, drawn by the CPU colouriser with the figure's colours: no markers
            // on an axes map, so every pixel is compared.
            BasinMap map = TestMaps.Run(problem);
            int[] slots = AttractorColours.SlotsOf(map.Attractors, map.Problem.Landscape.Info.Box);
            RgbImage cpuMap = MapRaster.Draw(BasinScene.LayerOf(map, LandscapeProbe.For(map.Problem.Landscape), slots), Size, Size);
            double different = ImageComparison.FractionDifferent(window, cpuMap, ImageComparison.ShadingLevels, (_, _) => true);
            Assert.True(different <= ExplorerWindowTests.AllowedDifferentFraction, $"{different:P2} of the window's pixels differ from the map command's basins");
            Assert.True(map.Attractors.Count >= 2, "one basin only: the comparison would prove little");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void ScriptedZoom_LearningRateByMomentum_RecomputesTheVisibleAxesBoxAndNamesTheAxes()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        DescentProblem problem = LearningRateByMomentum(Size);
        ExplorerWindow view;
        try
        {
            view = new ExplorerWindow(problem, Size, Size, () => new BorrowedEngine(TestMaps.SharedEngine));
        }
        catch (GlUnavailableException error)
        {
            GlEnvironment.SkipUnless(error.Message);
            return;
        }

        using (view)
        {
            BasinExplorer explorer = view.Explorer;
            view.RenderSettled(1, SettleTimeout);
            // The home view is the axes' box itself (no common unit to make pixels square), and its map is the map command's.
            Assert.Equal(problem.Grid.Box, explorer.Shown!.Map.Grid.Box);
            Assert.Equal(TestMaps.Run(problem).Ids, explorer.Shown.Map.Ids);
            Assert.Equal(["lr", "momentum"], ViewOverlay.AxisNamesOf(explorer.Shown.Map.Problem));
            Assert.Empty(explorer.Style().Markers);

            explorer.OnCursorMoved(16, 16);
            Assert.Contains("lr = ", explorer.Hover, StringComparison.Ordinal);
            Assert.Contains("momentum = ", explorer.Hover, StringComparison.Ordinal);

            // Two wheel clicks in over the upper left: the visible part of the box, recomputed with the same axes.
            explorer.OnScroll(2);
            view.RenderSettled(1, SettleTimeout);
            Box zoomed = explorer.Shown.Map.Grid.Box;
            Assert.Equal(Math.Pow(BasinExplorer.ZoomPerClick, 2), explorer.View.Magnification, 1e-9);
            Assert.True(zoomed.X0 > problem.Grid.Box.X0 && zoomed.X1 < problem.Grid.Box.X1 && zoomed.Y0 > problem.Grid.Box.Y0 && zoomed.Y1 < problem.Grid.Box.Y1,
                $"the zoomed box {zoomed} is not inside the home box {problem.Grid.Box}");
            Assert.Equal(problem.Axes, explorer.Shown.Map.Problem.Axes);
            Assert.Equal(TestMaps.Run(problem with { Grid = explorer.Shown.Map.Grid }).Ids, explorer.Shown.Map.Ids);

            // O moves on to the next optimizer that has a momentum (nesterov), not to one that would drop an axis.
            explorer.OnKey(Key.O);
            Assert.Equal(OptimizerKind.Nesterov, explorer.Problem.Optimizer.Kind);
        }
    }

    // himmelblau from (0, 0) with momentum: lr across, momentum up (the README's picture, linear or with lr on a log scale).
    private static DescentProblem LearningRateByMomentum(int size, bool logLearningRate = false)
    {
        DescentProblem problem = TestMaps.Problem("himmelblau", size);
        return (problem with
        {
            Optimizer = new OptimizerSettings(OptimizerKind.Momentum, 0.01).Validated(),
            Grid = new GridSpec(new Box(0.001, 0.03, 0.5, 1), size, size),
            Axes = new MapAxes(MapAxis.LearningRate, MapAxis.Momentum, logLearningRate, false, 0, 0, problem.Landscape.Info.Box),
        }).Validated();
    }
}
