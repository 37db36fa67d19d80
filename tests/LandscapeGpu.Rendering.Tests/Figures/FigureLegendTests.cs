using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Figures;

namespace LandscapeGpu.Rendering.Tests.Figures;

public sealed class FigureLegendTests
{
    [Fact]
    public void Listed_ManySmallBasinsAndASmallGlobal_KeepsTheGlobalAndEveryBasinOverOnePercent()
    {
        // 40 basins over 1 %, 100 under, the global minimum among the smallest.
        var points = new List<StationaryPoint>();
        for (int id = 0; id < 140; id++)
        {
            double fraction = id < 40 ? 0.015 : 0.004;
            points.Add(new StationaryPoint(id, id, 0, id, StationaryKind.Minimum, true, 1, fraction, 10, IsGlobal: id == 139));
        }

        var listed = FigureLegend.Listed(points);
        string? summary = FigureLegend.Summary(points, listed);

        Assert.Contains(listed, p => p.Id == 139);
        Assert.All(points.Where(p => p.Fraction > FigureLegend.AlwaysShownFraction), p => Assert.Contains(p, listed));
        Assert.Equal(41, listed.Count);
        Assert.Equal("and 99 more minima holding 39.6 %", summary);
    }

    [Fact]
    public void Listed_FewBasins_ListsAllAndSummarisesNothing()
    {
        var points = Enumerable.Range(0, 3).Select(id => new StationaryPoint(id, id, 0, id, StationaryKind.Minimum, true, 1, 0.001, 10, id == 0)).ToList();

        var listed = FigureLegend.Listed(points);

        Assert.Equal(3, listed.Count);
        Assert.Null(FigureLegend.Summary(points, listed));
    }
}
