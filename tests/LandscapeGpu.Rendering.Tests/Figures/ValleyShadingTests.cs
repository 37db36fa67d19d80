using System.Security.Cryptography;
using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>basins.png shades a valley's basin by position along the valley; maps without valleys are drawn as before.</summary>
public sealed class ValleyShadingTests
{
    /// <summary>
    /// SHA-256 of the pixels of the Himmelblau 64x64 figure (decoded RGB, row-major) drawn by the CPU before valley
    /// shading was added: a map with no valley must keep exactly this image.
    /// </summary>
    public const string HimmelblauFigureBeforeValleyShading = "99E7FB26ECB8C1DF983597BD754934338A8DF57CE4EB39FAAAE4B1220F15B5A3";

    [Fact]
    public void Create_MapWithoutValleys_PixelsUnchangedFromBeforeValleyShading()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 64));

        string hash = PixelHash(BasinFigure.Create(map, new FigureOptions()));

        Assert.Equal(HimmelblauFigureBeforeValleyShading, hash);
    }

    [Fact]
    public void WarmUp_BeforeAFigure_PixelsUnchanged()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 64));

        BasinFigure.WarmUp();

        Assert.Equal(HimmelblauFigureBeforeValleyShading, PixelHash(BasinFigure.Create(map, new FigureOptions())));
    }

    /// <summary>
    /// Least difference in mean brightness (sum of the three channels, 0 to 765) between a valley basin's light end and
    /// its dark end: the ramp runs from 60 % of the way to white to 40 % of the colour, hundreds of levels apart, so
    /// this leaves room for the markers and labels drawn over some of the starts.
    /// </summary>
    public const double LeastEndContrast = 150;

    [Fact]
    public void Create_HyperbolaValleys_EachValleyBasinIsLightAtOneEndAndDarkAtTheOther()
    {
        BasinMap map = TestMaps.Hyperbola(128);
        BasinFigure figure = BasinFigure.Create(map, new FigureOptions());
        RgbImage image = Decoded(figure);

        StationaryPoint[] valleys = map.Attractors.Where(a => a.KindName == "valley").ToArray();
        Assert.Equal(2, valleys.Length);
        float[] positions = map.ValleyPositions;
        foreach (StationaryPoint valley in valleys)
        {
            double light = MeanBrightness(map, figure, image, i => map.Ids[i] == valley.Id && positions[i] < 0.15);
            double dark = MeanBrightness(map, figure, image, i => map.Ids[i] == valley.Id && positions[i] > 0.85);
            Assert.True(light - dark >= LeastEndContrast, $"valley {valley.Id}: mean brightness {light:F0} at position < 0.15, {dark:F0} at > 0.85");
        }

        Assert.Contains(BasinFigure.ValleyRampNote, SvgFigure.Of(figure).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MapWithoutValleys_LegendHasNoValleyNote()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 48));

        Assert.False(BasinFigure.ShadesValleys(map));
        Assert.DoesNotContain(BasinFigure.ValleyRampNote, SvgFigure.Of(BasinFigure.Create(map, new FigureOptions())).AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void RampColourOf_Positions_LightThroughTheColourToDark()
    {
        Rgb colour = BasinPalette.ForId(0);

        Assert.Equal(colour, MapRaster.RampColourOf(0, 0.5));
        Rgb light = MapRaster.RampColourOf(0, 0), dark = MapRaster.RampColourOf(0, 1);
        Assert.Equal((byte)(colour.R + MapRaster.RampLightening * (255 - colour.R) + 0.5), light.R);
        Assert.Equal(colour.Scaled(1 - MapRaster.RampDarkening), dark);
        Assert.Equal(light, MapRaster.RampColourOf(0, -3));
        Assert.Equal(dark, MapRaster.RampColourOf(0, 7));
    }

    // The mean brightness of the figure's pixels at the starts chosen by index.
    private static double MeanBrightness(BasinMap map, BasinFigure figure, RgbImage image, Func<int, bool> chosen)
    {
        var box = map.Grid.Box;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < map.Ids.Length; i++)
        {
            if (!chosen(i))
            {
                continue;
            }

            double x = map.Grid.StartX(i % map.Grid.Width), y = map.Grid.StartY(i / map.Grid.Width);
            int column = (int)((figure.PlotArea.Left + (x - box.X0) / box.Width * figure.PlotArea.Width) * figure.Scale);
            int row = (int)((figure.PlotArea.Bottom - (y - box.Y0) / box.Height * figure.PlotArea.Height) * figure.Scale);
            Rgb pixel = image.Get(column, row);
            sum += pixel.R + pixel.G + pixel.B;
            count++;
        }

        Assert.True(count > 100, $"only {count} starts chosen");
        return sum / count;
    }

    private static string PixelHash(BasinFigure figure) => Convert.ToHexString(SHA256.HashData(Decoded(figure).Pixels));

    private static RgbImage Decoded(BasinFigure figure)
    {
        string path = Path.Combine(Path.GetTempPath(), $"valley-shading-{Guid.NewGuid():N}.png");
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
