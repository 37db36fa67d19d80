using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Scenes;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>A map coloured by loss (<c>--color-by loss</c>): each start by the loss of the attractor it reached.</summary>
[Collection(GlCollection.Name)]
public sealed class LossColouringTests
{
    /// <summary>Starts an attractor must hold for its colour in the figure to be judged (fewer are mostly under markers and labels).</summary>
    public const int LeastStarts = 20;

    /// <summary>
    /// Rastrigin's losses span about 50 here; two losses this far apart are 1/50 of the colour map or more apart,
    /// several of its 256 steps: their colours must differ.
    /// </summary>
    public const double DistinctLossGap = 1;

    [Fact]
    public void Create_ColourByLossOnRastrigin_EqualLossesShareAColourAndDifferentLossesDiffer()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("rastrigin", 64));
        RgbImage image = Decoded(BasinFigure.Create(map, new FigureOptions { ColourBy = MapColouring.Loss }));

        Dictionary<int, Rgb> colourOf = ModeColours(map, image);
        StationaryPoint[] judged = map.Attractors.Where(a => colourOf.ContainsKey(a.Id)).ToArray();
        // Rastrigin's four minima next to the global one have one loss (0.995): four attractors, one colour.
        Assert.True(judged.Count(a => Math.Abs(a.Loss - 0.995) < 0.01) == 4, $"judged: {string.Join(", ", judged.Select(a => $"{a.Id}: {a.Loss:G4}"))}");
        int equalPairs = 0, distinctPairs = 0;
        foreach (StationaryPoint a in judged)
        {
            foreach (StationaryPoint b in judged.Where(b => b.Id > a.Id))
            {
                if (Math.Abs(a.Loss - b.Loss) <= LossColours.EqualLossTolerance * Math.Max(Math.Abs(a.Loss), 1))
                {
                    Assert.True(colourOf[a.Id] == colourOf[b.Id], $"attractors {a.Id} and {b.Id} have loss {a.Loss:G6} but colours {colourOf[a.Id]} and {colourOf[b.Id]}");
                    equalPairs++;
                }
                else if (Math.Abs(a.Loss - b.Loss) >= DistinctLossGap)
                {
                    Assert.True(colourOf[a.Id] != colourOf[b.Id], $"attractors {a.Id} (loss {a.Loss:G6}) and {b.Id} (loss {b.Loss:G6}) share colour {colourOf[a.Id]}");
                    distinctPairs++;
                }
            }
        }

        Assert.True(equalPairs >= 6 && distinctPairs >= 6, $"{equalPairs} pairs of equal loss and {distinctPairs} of distinct loss compared");
        Assert.Equal(LossColours.ColourAt(0), colourOf[map.Attractors.MinBy(a => a.Loss)!.Id]);
    }

    [Fact]
    public void Create_ColourByLoss_ColourBarIsNamedLossAndNoStepShading()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 48));

        SvgFigure figure = SvgFigure.Of(BasinFigure.Create(map, new FigureOptions { ColourBy = MapColouring.Loss }));
        string text = figure.AllText;

        Assert.Contains("loss", figure.Texts.Select(t => t.Text));
        Assert.DoesNotContain("steps (shade of the basin colour)", text, StringComparison.Ordinal);
        Assert.Contains("steps (shade of the basin colour)", SvgFigure.Of(BasinFigure.Create(map, new FigureOptions())).AllText, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Create_ColourByLossWithGlMapArea_MatchesTheCpuFigure()
    {
        GlEnvironment.RequireHeadless();
        BasinMap map = TestMaps.Run(TestMaps.Problem("rastrigin", 64));
        var options = new FigureOptions { ColourBy = MapColouring.Loss };

        RgbImage cpu = Decoded(BasinFigure.Create(map, options));
        RgbImage gl = Decoded(BasinFigure.Create(map, options with { DrawMapArea = BasinScene.DrawMapAreaHeadless }));

        double different = ImageComparison.FractionDifferent(cpu, gl, ImageComparison.ShadingLevels);
        Assert.True(different <= Scenes.BasinSceneTests.AllowedDifferentFraction, $"{different:P3} of the pixels differ by more than {ImageComparison.ShadingLevels} level");
    }

    [Fact]
    public void Of_LossesSpanningDecades_LogScaleSaidInTheLabel()
    {
        LossColours colours = LossColours.Of([Point(0, 1e-3), Point(1, 0.1), Point(2, 10)]);

        Assert.True(colours.Logarithmic);
        Assert.Equal("loss (log scale)", colours.Label);
        Assert.Equal(0.5, colours.PositionOf(0.1), 12);
        Assert.Equal(LossColours.ColourAt(0.5), colours.ById[1]);
    }

    [Theory]
    [InlineData(0.0, 10.0)]
    [InlineData(1e-12, 10.0)]
    [InlineData(1.0, 10.0)]
    [InlineData(-5.0, 10.0)]
    public void Of_ZeroNegativeOrNarrowLosses_LinearScale(double low, double high)
    {
        LossColours colours = LossColours.Of([Point(0, low), Point(1, high)]);

        Assert.False(colours.Logarithmic);
        Assert.Equal("loss", colours.Label);
        Assert.Equal(LossColours.ColourAt(0), colours.ById[0]);
        Assert.Equal(LossColours.ColourAt(1), colours.ById[1]);
    }

    [Fact]
    public void Of_LossesEqualUpToRounding_OneColourPerGroupAndNonFiniteGrey()
    {
        LossColours colours = LossColours.Of([Point(0, 3), Point(1, 3 + 1e-9), Point(2, 7), Point(3, 3 - 1e-12), Point(4, double.NaN)]);

        Assert.Equal(2, colours.Groups);
        Assert.Equal(colours.ById[0], colours.ById[1]);
        Assert.Equal(colours.ById[0], colours.ById[3]);
        Assert.NotEqual(colours.ById[0], colours.ById[2]);
        Assert.Equal(BasinPalette.Unconverged, colours.ById[4]);
    }

    [Theory]
    [InlineData("loss", MapColouring.Loss)]
    [InlineData("Attractor", MapColouring.Attractor)]
    public void Parse_ValidNames_RoundTrip(string name, MapColouring expected)
    {
        Assert.Equal(expected, MapColourings.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), MapColourings.NameOf(expected));
    }

    private static StationaryPoint Point(int id, double loss) => new(id, id, 0, loss, StationaryKind.Minimum, Refined: true, Count: 1, Fraction: 0.1, MeanSteps: 10, IsGlobal: id == 0);

    // Per attractor with enough starts, the pixel colour most of its starts' centres have in the figure.
    private static Dictionary<int, Rgb> ModeColours(BasinMap map, RgbImage image)
    {
        var figureColours = new Dictionary<int, Dictionary<Rgb, int>>();
        var box = map.Grid.Box;
        BasinFigure layout = BasinFigure.Create(map, new FigureOptions { ColourBy = MapColouring.Loss });
        for (int i = 0; i < map.Ids.Length; i++)
        {
            if (map.Ids[i] < 0)
            {
                continue;
            }

            double x = map.Grid.StartX(i % map.Grid.Width), y = map.Grid.StartY(i / map.Grid.Width);
            int column = (int)((layout.PlotArea.Left + (x - box.X0) / box.Width * layout.PlotArea.Width) * layout.Scale);
            int row = (int)((layout.PlotArea.Bottom - (y - box.Y0) / box.Height * layout.PlotArea.Height) * layout.Scale);
            Rgb pixel = image.Get(column, row);
            Dictionary<Rgb, int> counts = figureColours.TryGetValue(map.Ids[i], out var known) ? known : figureColours[map.Ids[i]] = new();
            counts[pixel] = counts.GetValueOrDefault(pixel) + 1;
        }

        return figureColours
            .Where(entry => entry.Value.Values.Sum() >= LeastStarts)
            .ToDictionary(entry => entry.Key, entry => entry.Value.MaxBy(count => count.Value).Key);
    }

    private static RgbImage Decoded(BasinFigure figure)
    {
        string path = Path.Combine(Path.GetTempPath(), $"loss-colouring-{Guid.NewGuid():N}.png");
        try
        {
            using (FileStream stream = File.Create(path))
            {
                figure.Save(stream, FigureFormat.Png);
            }

            return PngFile.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
