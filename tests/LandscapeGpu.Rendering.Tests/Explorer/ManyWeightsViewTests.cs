using System.CommandLine;
using LandscapeGpu.Basins;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>
/// The view of a map trained in all nine weights of the 2-2-1 tanh XOR network (issue 14): its levels, a clicked
/// start's full descent against a float64 reference written here, and the loss-curve panel in the window.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class ManyWeightsViewTests(DisplayFixture display)
{
    private const string Xor = "w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9";

    private const double LearningRate = 0.1;

    private const int Steps = 60;

    // The loop runs the generated model in float64 with fused multiply-adds where the reference rounds each product:
    // a few ulps per step, drift over 60 well-conditioned steps far below this.
    private const double StepTolerance = 1e-10;

    private static readonly double[] OtherStarts = [0.1, -0.5, 0.7, -0.2, 0.9, -0.8, 0.05];

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The many-weight run that <c>landscape view</c> resolves from its command line.</summary>
    private static ManyWeightsRun XorRun(int steps = Steps)
    {
        DescentOptions descent = ViewCommand.CreateDescentOptions();
        var weights = new WeightOptions();
        var command = new Command("view");
        descent.AddTo(command);
        descent.AddAxesTo(command);
        weights.AddTo(command);
        ParseResult parsed = command.Parse(
            ["--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--init", "w3=0.1,w4=-0.5,w5=0.7,w6=-0.2,w7=0.9,w8=-0.8,w9=0.05",
             "--optimizer", "gd", "--lr", "0.1", "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--box", "-2,2,-2,2"]);
        Assert.Empty(parsed.Errors);
        return weights.Resolve(parsed, descent) ?? throw new InvalidOperationException("--train all resolved to the 2-D map");
    }

    private static ManyWeightsView ViewOf(ManyWeightsRun run) => new(run.Model, run.Problem, ViewCommand.DescriptionOf(run));

    /// <summary>The float64 losses and (w1, w2) of plain gradient descent on the XOR network, written out by hand.</summary>
    private static (double Loss, double W1, double W2)[] ReferenceDescent(double w1, double w2, int steps) =>
        [.. XorReference.GradientDescent([w1, w2, .. OtherStarts], LearningRate, steps).Select(step => (step.Loss, step.Weights[0], step.Weights[1]))];

    [Fact]
    public void Record_ClickedStart_CurveIsTheFloat64ReferenceOfTheNineWeightDescentAndPointsAreItsFreeWeights()
    {
        ManyWeightsRun run = XorRun();
        ManyWeightsView view = ViewOf(run);
        Trajectory trajectory = view.Record(run.Slice, 0.6, -0.3);
        (double Loss, double W1, double W2)[] reference = ReferenceDescent(0.6, -0.3, Steps);
        Assert.Equal(Steps, trajectory.Steps);
        Assert.Equal(DescentOutcome.Unconverged, trajectory.Outcome);
        LossCurve curve = LossCurve.Of(trajectory);
        for (int step = 0; step <= Steps; step++)
        {
            Assert.Equal(step, curve.Steps[step]);
            Assert.True(Math.Abs(curve.Losses[step] - reference[step].Loss) <= StepTolerance * Math.Max(1, reference[step].Loss),
                $"step {step}: loss {curve.Losses[step]:R} but the reference has {reference[step].Loss:R}");
            Assert.Equal(reference[step].W1, trajectory.Points[step].X, StepTolerance);
            Assert.Equal(reference[step].W2, trajectory.Points[step].Y, StepTolerance);
        }

        // The full descent lowers the loss; a 2-D slice descent (the other weights held) would be another curve.
        Assert.True(curve.Losses[^1] < curve.Losses[0]);
        RecordedDescent slice = DescentPath.Record(run.Slice, 0.6, -0.3);
        Assert.NotEqual(slice.Points[Steps].X, trajectory.Points[Steps].X);
    }

    [Fact]
    public void Record_EveryPoint_IsTheFreeWeightsOfThatStepOfTheFullDescent()
    {
        ManyWeightsRun run = XorRun();
        ManyWeightsView view = ViewOf(run);
        var settings = new Optimizers.OptimizerSettings(Optimizers.OptimizerKind.Adam, 0.05).Validated();
        DescentProblem request = run.Slice with { Optimizer = settings };
        Trajectory trajectory = view.Record(request, -1.1, 0.4);
        RecordedWeightDescent full = WeightDescentPath.Record(run.Model, run.Problem with { Optimizer = settings }, -1.1, 0.4);
        Assert.Equal(full.Weights.Count, trajectory.Points.Count);
        for (int i = 0; i < full.Weights.Count; i++)
        {
            Assert.Equal((full.Weights[i][0], full.Weights[i][1], full.Losses[i]), (trajectory.Points[i].X, trajectory.Points[i].Y, trajectory.Points[i].Loss));
        }

        Assert.Equal(full.Outcome, trajectory.Outcome);
    }

    [Fact]
    public void Compute_Level_IsTheProjectedNineWeightMapAndStopsWhenCancelled()
    {
        ManyWeightsRun run = XorRun(steps: 200);
        ManyWeightsView view = ViewOf(run);
        DescentProblem request = run.Slice with { Grid = run.Slice.Grid with { Width = 24, Height = 16 } };
        using var engine = new SimdDescentEngine();
        BasinMap level = view.Compute(request, engine, CancellationToken.None);
        BasinMap expected = WeightMapRunner.Run(run.Model, run.Problem with { Grid = request.Grid }, engine).Projected(request);
        Assert.Equal(expected.Ids, level.Ids);
        Assert.Equal(expected.EndX, level.EndX);
        Assert.Equal(expected.EndY, level.EndY);
        Assert.Equal(24 * 16, level.Ids.Length);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => view.Compute(request, engine, cancelled.Token));
    }

    [SkippableFact]
    public void Window_ClickedStart_DrawsTheFullDescentsLossCurvePanelAndItsProjectedPath()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        const int Size = 420;
        ManyWeightsRun run = XorRun(steps: 200);
        ManyWeightsView manyWeights = ViewOf(run);
        ExplorerWindow view;
        try
        {
            view = new ExplorerWindow(run.Slice, Size, Size, () => new SimdDescentEngine(), null, manyWeights);
        }
        catch (GlUnavailableException error)
        {
            GlEnvironment.SkipUnless(error.Message);
            return;
        }

        using (view)
        {
            BasinExplorer explorer = view.Explorer;
            Assert.Contains("trained (9): w1, w2, w3, w4, w5, w6, w7, w8, w9, w1 and w2 on the axes; fixed: none", explorer.Title, StringComparison.Ordinal);
            explorer.OnCursorMoved(3 * Size / 4, Size / 4);
            RgbImage before = view.RenderSettled(1, SettleTimeout);
            Assert.Null(view.LossPanelRect);
            // The map on screen is the nine-weight one: a cell's endpoint is its start's full descent (float32 against
            // float64 over 200 well-conditioned steps: far inside 1e-3).
            BasinMap shown = explorer.Shown!.Map;
            int cellColumn = shown.Grid.Width / 3, cellRow = shown.Grid.Height / 2;
            RecordedWeightDescent cell = WeightDescentPath.Record(run.Model, manyWeights.ProblemOf(explorer.Problem), shown.Grid.StartX(cellColumn), shown.Grid.StartY(cellRow));
            Assert.Equal(cell.Weights[^1][0], shown.EndX[cellRow * shown.Grid.Width + cellColumn], 1e-3);
            Assert.Equal(cell.Weights[^1][1], shown.EndY[cellRow * shown.Grid.Width + cellColumn], 1e-3);

            explorer.OnMouseButton(MouseButton.Left, pressed: true);
            explorer.OnMouseButton(MouseButton.Left, pressed: false);
            RgbImage frame = view.RenderSettled(1, SettleTimeout);
            Trajectory trajectory = Assert.IsType<Trajectory>(explorer.Trajectory);
            (double x, double y) = (trajectory.Points[0].X, trajectory.Points[0].Y);
            Trajectory expected = manyWeights.Record(explorer.Problem, x, y);
            Assert.Equal(expected.Points, trajectory.Points);
            Assert.Equal(explorer.Path!.Points.Count, trajectory.Points.Count);

            // The panel shows the full descent's curve, pixel for pixel.
            ScottPlot.PixelRect rect = Assert.IsType<ScottPlot.PixelRect>(view.LossPanelRect);
            byte[] panel = LossCurvePanel.Draw(LossCurve.Of(trajectory));
            int differing = 0;
            for (int row = 0; row < LossCurvePanel.Height; row++)
            {
                for (int column = 0; column < LossCurvePanel.Width; column++)
                {
                    int offset = 4 * (row * LossCurvePanel.Width + column);
                    var colour = new Rgb(panel[offset], panel[offset + 1], panel[offset + 2]);
                    differing += ImageComparison.Distance(colour, frame.Get((int)rect.Left + column, (int)rect.Top + row)) > 2 ? 1 : 0;
                }
            }

            Assert.True(differing <= 0.001 * LossCurvePanel.Width * LossCurvePanel.Height, $"{differing} pixels of the loss panel differ from its picture");
            int changed = 0;
            for (int row = (int)rect.Top; row < (int)rect.Bottom; row++)
            {
                for (int column = (int)rect.Left; column < (int)rect.Right; column++)
                {
                    changed += ImageComparison.Distance(before.Get(column, row), frame.Get(column, row)) > 8 ? 1 : 0;
                }
            }

            Assert.True(changed > 0.3 * LossCurvePanel.Width * LossCurvePanel.Height, "the loss panel is not drawn over the nine-weight map");
        }
    }
}
