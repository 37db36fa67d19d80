using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs.Series;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>The bifurcation figure: named axes, a title saying what ran, a legend line per stationary point, one dot per pixel at most.</summary>
public sealed class BifurcationFigureTests
{
    private static BifurcationDiagram QuarticDiagram(bool logarithmic = false)
    {
        var problem = new DescentProblem(BuiltInLandscapes.Find("quartic")!, new OptimizerSettings(OptimizerKind.GradientDescent, 0.01),
            new GridSpec(new Box(-2, 2, 0, 0), 8, 1), 300, 1e-7, Precision.F64, FixedSteps: true);
        return Bifurcation.Compute(problem, new ParameterRange(SeriesParameter.LearningRate, 0.05, 0.25, 60, logarithmic), 8, 20, 0);
    }

    [Fact]
    public void Create_Quartic_NamesAxesTitleAndEveryStationaryPoint()
    {
        BifurcationFigure figure = BifurcationFigure.Create(QuarticDiagram(), new FigureOptions { Size = 400 });

        using var stream = new MemoryStream();
        figure.Save(stream, FigureFormat.Svg);
        stream.Position = 0;
        var texts = System.Xml.Linq.XDocument.Load(stream).Descendants()
            .Where(element => element.Name.LocalName == "text").Select(element => element.Value.Trim()).ToList();
        Assert.Contains("lr", texts);
        Assert.Contains("x", texts);
        Assert.Contains(texts, text => text.StartsWith("quartic: f = x^4 - 3x^2 + x", StringComparison.Ordinal));
        Assert.Contains(texts, text => text.Contains("last 20 of 300 steps from 8 starts", StringComparison.Ordinal));
        Assert.Contains("minimum x = -1.3008", texts);
        Assert.Contains("maximum x = 0.1699", texts);
        Assert.Contains("minimum x = 1.1309", texts);
    }

    [Fact]
    public void Create_MomentumVaried_TitleGivesTheOtherHyperparametersButNotMomentumsBaseValue()
    {
        var problem = new DescentProblem(BuiltInLandscapes.Find("quartic")!, new OptimizerSettings(OptimizerKind.Momentum, 0.05),
            new GridSpec(new Box(-2, 2, 0, 0), 4, 1), 50, 1e-7, Precision.F64, FixedSteps: true);
        BifurcationDiagram diagram = Bifurcation.Compute(problem, new ParameterRange(SeriesParameter.Momentum, 0, 0.9, 4), 4, 5, 0);

        BifurcationFigure figure = BifurcationFigure.Create(diagram, new FigureOptions { Size = 300 });

        using var stream = new MemoryStream();
        figure.Save(stream, FigureFormat.Svg);
        stream.Position = 0;
        string how = System.Xml.Linq.XDocument.Load(stream).Descendants().Where(element => element.Name.LocalName == "text")
            .Select(element => element.Value.Trim()).First(text => text.Contains("steps from", StringComparison.Ordinal));
        Assert.StartsWith("momentum lr=0.05, momentum 0 to 0.9 (4 values)", how);
        Assert.DoesNotContain("mu=", how);
    }

    [Fact]
    public void Create_ManyIteratesOnFewPixels_DrawsAtMostOneDotPerPixel()
    {
        BifurcationDiagram diagram = QuarticDiagram();
        var options = new FigureOptions { Size = 100, Dpi = 25 };

        BifurcationFigure figure = BifurcationFigure.Create(diagram, options);

        int pixels = (int)Math.Ceiling(100 * options.Scale) * (int)Math.Ceiling(100 / BifurcationFigure.Aspect * options.Scale);
        Assert.InRange(figure.DotsDrawn, 1, pixels + 100);
        Assert.True(figure.DotsDrawn < diagram.Iterates.Count(double.IsFinite), "dots on one pixel were not merged");
    }

    [Fact]
    public void Save_Png_HasTheFiguresSizeInPixels()
    {
        var options = new FigureOptions { Size = 400, Dpi = 150 };
        BifurcationFigure figure = BifurcationFigure.Create(QuarticDiagram(logarithmic: true), options);

        using var stream = new MemoryStream();
        figure.Save(stream, FigureFormat.Png);
        using SKBitmap bitmap = SKBitmap.Decode(stream.ToArray());

        Assert.Equal((int)Math.Round(figure.Width * 1.5), bitmap.Width);
        Assert.Equal((int)Math.Round(figure.Height * 1.5), bitmap.Height);
    }
}
