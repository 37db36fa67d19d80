using System.Xml.Linq;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Figures;

public sealed class BasinFigureTests
{
    /// <summary>Figure units a tick label's anchor may lie from where its value falls: SVG coordinates are written to about 6 digits and ScottPlot snaps ticks to half pixels.</summary>
    public const double TickPlacementTolerance = 1.0;

    [Fact]
    public void Svg_Himmelblau_TickLabelsSitWhereTheirValuesFallInTheBox()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 64));
        BasinFigure figure = BasinFigure.Create(map, new FigureOptions());

        SvgFigure svg = SvgFigure.Of(figure);

        var box = map.Grid.Box;
        var xTicks = svg.XTicks(figure);
        var yTicks = svg.YTicks(figure);
        Assert.True(xTicks.Count >= 5, $"x ticks: {xTicks.Count}");
        Assert.True(yTicks.Count >= 5, $"y ticks: {yTicks.Count}");
        Assert.Contains(xTicks, t => t.Value == box.X0);
        Assert.Contains(xTicks, t => t.Value == box.X1);
        Assert.Contains(yTicks, t => t.Value == box.Y0);
        Assert.Contains(yTicks, t => t.Value == box.Y1);
        var area = figure.PlotArea;
        Assert.All(xTicks, t => Assert.InRange(t.X - (area.Left + (t.Value - box.X0) / box.Width * area.Width), -TickPlacementTolerance, TickPlacementTolerance));
        Assert.All(yTicks, t => Assert.InRange(t.Y - (area.Bottom - (t.Value - box.Y0) / box.Height * area.Height), -TickPlacementTolerance, TickPlacementTolerance));
        Assert.Contains("x", svg.Texts.Select(t => t.Text));
        Assert.Contains("y", svg.Texts.Select(t => t.Text));
    }

    [Fact]
    public void Svg_Himmelblau_TitleNamesTheLandscapeAndHowItWasMapped()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 64));

        string text = SvgFigure.Of(BasinFigure.Create(map, new FigureOptions())).AllText;

        Assert.Contains("himmelblau: f = (x^2+y-11)^2 + (x+y^2-7)^2", text, StringComparison.Ordinal);
        Assert.Contains("gd lr=0.01, 64x64 starts, up to 1000 steps, tol 0.001, f32", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OverviewOfALargerRun_TitleNamesTheRunsGrid()
    {
        // A tiled run's overview map holds a coarser grid than the run computed (TiledRunOutputs passes the run's).
        BasinMap overview = TestMaps.Run(TestMaps.Problem("himmelblau", 60));

        string text = SvgFigure.Of(BasinFigure.Create(overview, new FigureOptions { RunGrid = new GridSpec(overview.Grid.Box, 6000, 6000) })).AllText;

        Assert.Contains("6000x6000 starts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("60x60 starts", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WideBox_PlotAreaIsThreeTimesWiderThanTallWithEqualUnits()
    {
        DescentProblem problem = TestMaps.Problem("himmelblau", 96, 32) is var p ? p with { Grid = new GridSpec(new Box(-6, 6, -2, 2), 96, 32) } : null!;
        BasinMap map = TestMaps.Run(problem);

        BasinFigure figure = BasinFigure.Create(map, new FigureOptions());
        SvgFigure svg = SvgFigure.Of(figure);

        Assert.Equal(3.0, figure.PlotArea.Width / figure.PlotArea.Height, 2);
        var xTicks = svg.XTicks(figure).OrderBy(t => t.Value).ToList();
        var yTicks = svg.YTicks(figure).OrderBy(t => t.Value).ToList();
        double unitsPerX = (xTicks[^1].X - xTicks[0].X) / (xTicks[^1].Value - xTicks[0].Value);
        double unitsPerY = (yTicks[0].Y - yTicks[^1].Y) / (yTicks[^1].Value - yTicks[0].Value);
        Assert.Equal(1.0, unitsPerX / unitsPerY, 2);
    }

    [Fact]
    public void Colours_TwoOptimizers_GiveTheSameMinimumTheSameColour()
    {
        DescentProblem gd = TestMaps.Problem("himmelblau", 48);
        DescentProblem adam = gd with { Optimizer = new OptimizerSettings(OptimizerKind.Adam, 0.05).Validated(), Grid = new GridSpec(new Box(-4, 5, -5, 4), 40, 40) };
        BasinMap first = TestMaps.Run(gd), second = TestMaps.Run(adam);

        Box usual = gd.Landscape.Info.Box;
        int[] firstSlots = AttractorColours.SlotsOf(first.Attractors, usual), secondSlots = AttractorColours.SlotsOf(second.Attractors, usual);

        var minima = first.Attractors.Where(a => a.Kind == StationaryKind.Minimum).ToList();
        Assert.Equal(4, minima.Count);
        foreach (StationaryPoint point in minima)
        {
            StationaryPoint match = second.Attractors.Single(a => Math.Abs(a.X - point.X) < 1e-3 && Math.Abs(a.Y - point.Y) < 1e-3);
            Assert.Equal(firstSlots[point.Id], secondSlots[match.Id]);
        }

        Assert.Equal(minima.Count, minima.Select(m => firstSlots[m.Id]).Distinct().Count());
    }

    [Fact]
    public void SlotsOf_IdsPermuted_EachLocationKeepsItsSlot()
    {
        var points = new[] { Point(0, 3, 2), Point(1, -2.805, 3.131), Point(2, -3.779, -3.283), Point(3, 3.584, -1.848) };
        var permuted = points.Select((p, i) => p with { Id = 3 - i }).ToArray();
        var box = new Box(-5, 5, -5, 5);

        int[] slots = AttractorColours.SlotsOf(points, box), permutedSlots = AttractorColours.SlotsOf(permuted, box);

        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(slots[points[i].Id], permutedSlots[permuted[i].Id]);
        }
    }

    [Fact]
    public void Save_PngAndSvgAndPdf_DecodeAndParse()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 32));
        BasinFigure figure = BasinFigure.Create(map, new FigureOptions { Size = 300, Dpi = 200 });
        string directory = Directory.CreateTempSubdirectory("landscape-figure-").FullName;
        try
        {
            foreach (string name in new[] { "f.png", "f.svg", "f.pdf" })
            {
                figure.Save(Path.Combine(directory, name));
            }

            RgbImage png = PngFile.Read(Path.Combine(directory, "f.png"));
            Assert.Equal((2 * figure.Width, 2 * figure.Height), (png.Width, png.Height));
            XDocument svg = XDocument.Load(Path.Combine(directory, "f.svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            byte[] pdf = File.ReadAllBytes(Path.Combine(directory, "f.pdf"));
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Create_Quartic_MarksBothMinimaAndTheMaximumBetweenThem()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("quartic", 256));

        string text = SvgFigure.Of(BasinFigure.Create(map, new FigureOptions())).AllText;

        Assert.Equal(2, map.Attractors.Count(a => a.Kind == StationaryKind.Minimum));
        Assert.Contains("0 minimum (global) x = ", text, StringComparison.Ordinal);
        Assert.Contains("1 minimum x = ", text, StringComparison.Ordinal);
        // x^4 - 3x^2 + x has its maximum where 4x^3 - 6x + 1 = 0 between the minima: x = 0.169938, f = 0.084137.
        Assert.Contains("max x = 0.1699, f = 0.0841", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_GridOf100000By1_DrawsAFigureOfTheUsualSize()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 100_000, 1) with { MaxSteps = 50 });

        BasinFigure figure = BasinFigure.Create(map, new FigureOptions());

        Assert.Equal((FigureOptions.DefaultSize, FigureOptions.DefaultSize), ((int)figure.PlotArea.Width, (int)figure.PlotArea.Height));
    }

    private static StationaryPoint Point(int id, double x, double y) => new(id, x, y, 0, StationaryKind.Minimum, true, 1, 0.25, 10, true);
}
