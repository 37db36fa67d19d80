using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>compare.png's panels side by side, colour slots given to a map figure, and the disagreement figure.</summary>
public sealed class ComparisonFigureTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("landscape-compare-figure-").FullName;

    [Fact]
    public void Save_TwoPanels_EachPanelDrawnAsItsOwnFigureSideBySide()
    {
        DescentProblem gd = TestMaps.Problem("himmelblau", 32);
        DescentProblem adam = gd with { Optimizer = new OptimizerSettings(OptimizerKind.Adam, 0.05).Validated() };
        var options = new FigureOptions { Size = 200 };
        BasinFigure left = BasinFigure.Create(TestMaps.Run(gd), options), right = BasinFigure.Create(TestMaps.Run(adam), options);
        var figure = new ComparisonFigure([left, right]);

        Save(path => { using var stream = File.Create(path); figure.Save(stream, FigureFormat.Png); }, "both.png");
        left.Save(Path.Combine(directory, "left.png"));
        right.Save(Path.Combine(directory, "right.png"));

        RgbImage both = PngFile.Read(Path.Combine(directory, "both.png"));
        Assert.Equal((left.Width + ComparisonFigure.Gap + right.Width, Math.Max(left.Height, right.Height)), (both.Width, both.Height));
        AssertRegionEquals(PngFile.Read(Path.Combine(directory, "left.png")), both, 0);
        AssertRegionEquals(PngFile.Read(Path.Combine(directory, "right.png")), both, left.Width + ComparisonFigure.Gap);
    }

    [Fact]
    public void Create_ColourSlotsGiven_ReplaceTheLocationColours()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 32));
        var options = new FigureOptions { Size = 200 };
        int[] own = AttractorColours.SlotsOf(map.Attractors, map.Problem.Landscape.Info.Box);
        int[] shifted = own.Select(slot => (slot + 1) % AttractorColours.PaletteSize).ToArray();

        BasinFigure.Create(map, options).Save(Path.Combine(directory, "own.png"));
        BasinFigure.Create(map, options with { ColourSlots = own }).Save(Path.Combine(directory, "given.png"));
        BasinFigure.Create(map, options with { ColourSlots = shifted }).Save(Path.Combine(directory, "shifted.png"));

        Assert.Equal(File.ReadAllBytes(Path.Combine(directory, "own.png")), File.ReadAllBytes(Path.Combine(directory, "given.png")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(directory, "own.png")), File.ReadAllBytes(Path.Combine(directory, "shifted.png")));
        var error = Assert.Throws<ArgumentException>(() => BasinFigure.Create(map, options with { ColourSlots = own[..^1] }));
        Assert.Contains($"for attractor {map.Attractors.Max(point => point.Id)}", error.Message);
    }

    [Fact]
    public void SlotsOfRows_RowsOfRepresentatives_TheLocationSlotsOfThosePoints()
    {
        var points = new[] { Point(7, 3, 2), Point(2, -2.805, 3.131), Point(5, -3.779, -3.283) };
        var box = new Box(-5, 5, -5, 5);

        int[] rows = ComparisonFigure.SlotsOfRows(points, box);

        int[] byId = AttractorColours.SlotsOf(points, box);
        Assert.Equal(points.Select(point => byId[point.Id]), rows);
    }

    [Fact]
    public void DisagreementFigure_CountsOfTwoOptimizers_LightWhereTheyAgreeDarkWhereTheyDiffer()
    {
        var grid = new GridSpec(new Box(-5, 5, -5, 5), 4, 2);
        LandscapeInfo info = TestMaps.Problem("himmelblau", 4).Landscape.Info;
        byte[] counts = [1, 1, 1, 1, 2, 2, 2, 2];

        DisagreementFigure figure = DisagreementFigure.Create(counts, grid, info, ["gd", "adam"], new FigureOptions { Size = 200 });
        Save(path => { using var stream = File.Create(path); figure.Save(stream, FigureFormat.Png); }, "disagreement.png");

        RgbImage png = PngFile.Read(Path.Combine(directory, "disagreement.png"));
        Assert.Equal((figure.Width, figure.Height), (png.Width, png.Height));
        Rgb agree = DisagreementFigure.ColourOf(1, 2), differ = DisagreementFigure.ColourOf(2, 2);
        Assert.NotEqual(agree, differ);
        // Row 0 of the grid (all agree) is the lower half of the plot, row 1 (all differ) the upper half.
        int Count(Rgb colour) => Enumerable.Range(0, png.Width * png.Height).Count(i => png.Get(i % png.Width, i / png.Width) == colour);
        Assert.True(Count(agree) > 1000 && Count(differ) > 1000, $"agree {Count(agree)} px, differ {Count(differ)} px");
        Assert.True(MeanRow(png, agree) > MeanRow(png, differ), "the agreeing row 0 must be drawn below the differing row 1");
        var error = Assert.Throws<ArgumentException>(() => DisagreementFigure.Create([1, 1, 1, 1, 2, 3, 2, 2], grid, info, ["gd", "adam"], new FigureOptions()));
        Assert.Contains("start (1, 1) has 3 distinct outcomes; 2 optimizers reach 1 to 2", error.Message);
    }

    [Fact]
    public void DisagreementFigure_OneDimensionalLandscape_DrawsAWideStripOfTheCounts()
    {
        DescentProblem quartic = TestMaps.Problem("quartic", 100);
        byte[] counts = Enumerable.Range(0, 100).Select(i => (byte)(i < 50 ? 1 : 2)).ToArray();

        DisagreementFigure figure = DisagreementFigure.Create(counts, quartic.Grid, quartic.Landscape.Info, ["gd", "adam"], new FigureOptions { Size = 400 });
        Save(path => { using var stream = File.Create(path); figure.Save(stream, FigureFormat.Png); }, "strip.png");

        RgbImage png = PngFile.Read(Path.Combine(directory, "strip.png"));
        var strip = Enumerable.Range(0, png.Width * png.Height).Select(i => (X: i % png.Width, Y: i / png.Width))
            .Where(p => png.Get(p.X, p.Y) == DisagreementFigure.ColourOf(1, 2) || png.Get(p.X, p.Y) == DisagreementFigure.ColourOf(2, 2)).ToList();
        int agree = strip.Count(p => png.Get(p.X, p.Y) == DisagreementFigure.ColourOf(1, 2));
        // Half the starts agree, half differ; the colour bar's bands are narrow beside the strip's halves.
        Assert.InRange(agree / (double)(strip.Count - agree), 0.9, 1.1);
        // A strip, not a square of nothing: several times wider than tall, left half agreeing.
        int width = strip.Max(p => p.X) - strip.Min(p => p.X), height = strip.Max(p => p.Y) - strip.Min(p => p.Y);
        Assert.True(width > 3 * height, $"the strip is {width} x {height} pixels");
        Assert.True(strip.Where(p => png.Get(p.X, p.Y) == DisagreementFigure.ColourOf(1, 2)).Average(p => p.X)
            < strip.Where(p => png.Get(p.X, p.Y) == DisagreementFigure.ColourOf(2, 2)).Average(p => p.X));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static double MeanRow(RgbImage image, Rgb colour)
    {
        var rows = Enumerable.Range(0, image.Width * image.Height).Where(i => image.Get(i % image.Width, i / image.Width) == colour).Select(i => i / image.Width).ToList();
        return rows.Average();
    }

    private static StationaryPoint Point(int id, double x, double y) =>
        new(id, x, y, 0, StationaryKind.Minimum, Refined: true, Count: 1, Fraction: 0.25, MeanSteps: 10, IsGlobal: true);

    private void Save(Action<string> save, string name) => save(Path.Combine(directory, name));

    private static void AssertRegionEquals(RgbImage panel, RgbImage whole, int left)
    {
        int different = 0;
        for (int y = 0; y < panel.Height; y++)
        {
            for (int x = 0; x < panel.Width; x++)
            {
                if (ImageComparison.Distance(panel.Get(x, y), whole.Get(left + x, y)) > 2)
                {
                    different++;
                }
            }
        }

        // Anti-aliased text may round differently at another origin; the map, axes and legend must not move.
        Assert.True(different < panel.Width * panel.Height / 1000, $"{different} of {panel.Width * panel.Height} pixels differ from the panel drawn alone");
    }
}
