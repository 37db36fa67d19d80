using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>The figure of a map over other axes than x,y (<see cref="MapAxes"/>): named axes, log ticks, a square plot.</summary>
public sealed class BasinFigureAxesTests
{
    [Fact]
    public void Svg_LearningRateLogByMomentum_NamesTheAxesAndPutsLogTicksWhereTheirValuesFall()
    {
        DescentProblem plain = TestMaps.Problem("himmelblau", 24);
        DescentProblem problem = (plain with
        {
            Optimizer = new OptimizerSettings(OptimizerKind.Momentum, 0.01),
            Grid = new GridSpec(new Landscapes.Box(0.001, 0.1, 0, 0.9), 24, 24),
            Axes = new MapAxes(MapAxis.LearningRate, MapAxis.Momentum, true, false, 0, 0, plain.Landscape.Info.Box),
        }).Validated();
        BasinMap map = TestMaps.Run(problem);
        BasinFigure figure = BasinFigure.Create(map, new FigureOptions());

        SvgFigure svg = SvgFigure.Of(figure);

        Assert.Contains("lr", svg.Texts.Select(t => t.Text));
        Assert.Contains("momentum", svg.Texts.Select(t => t.Text));
        Assert.Contains("lr x momentum on the axes, from (0, 0)", svg.AllText, StringComparison.Ordinal);
        var area = figure.PlotArea;
        Assert.Equal(area.Width, area.Height);
        var xTicks = svg.XTicks(figure);
        foreach (double value in new[] { 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1 })
        {
            Assert.Contains(xTicks, t => t.Value == value);
        }

        Assert.All(xTicks, t => Assert.InRange(
            t.X - (area.Left + (Math.Log10(t.Value) - Math.Log10(0.001)) / (Math.Log10(0.1) - Math.Log10(0.001)) * area.Width),
            -BasinFigureTests.TickPlacementTolerance, BasinFigureTests.TickPlacementTolerance));
        Assert.All(svg.YTicks(figure), t => Assert.InRange(t.Y - (area.Bottom - t.Value / 0.9 * area.Height),
            -BasinFigureTests.TickPlacementTolerance, BasinFigureTests.TickPlacementTolerance));
    }
}
