using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The view shades a valley's basin by position along the valley, as basins.png does.</summary>
[Collection(GlCollection.Name)]
public sealed class ValleyViewTests(DisplayFixture display)
{
    /// <summary>
    /// Least difference in mean brightness (sum of the three channels) between a valley basin's light end and its dark
    /// end in the window: the ramp puts hundreds of levels between them; markers and the path cover only a few starts.
    /// </summary>
    public const double LeastEndContrast = 150;

    [SkippableFact]
    public void ViewScreenshot_HyperbolaValleys_EachValleyBasinIsLightAtOneEndAndDarkAtTheOther()
    {
        GlEnvironment.SkipUnless(display.UnavailableReason);
        string file = Path.Combine(Path.GetTempPath(), $"landscape-view-valleys-{Guid.NewGuid():N}.png");
        try
        {
            (int code, string output, string error) = CliRunner.RunWith(
                new Dictionary<string, string?> { ["DISPLAY"] = display.Display },
                "view", "(x*y-1)^2", "--box", "-3,3,-3,3", "--lr", "0.01", "--size", "128x128", "--device", "cpu", "--screenshot", file, "--frames", "3", "--no-overlay");
            if (code != 0 && error.Contains("cannot open the view", StringComparison.Ordinal))
            {
                GlEnvironment.SkipUnless(error.Trim());
            }

            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Contains("wrote", output, StringComparison.Ordinal);
            RgbImage window = ImageComparison.ReadPng(file);
            Assert.Equal((128, 128), (window.Width, window.Height));

            BasinMap map = TestMaps.Hyperbola(128);
            float[] positions = map.ValleyPositions;
            StationaryPoint[] valleys = map.Attractors.Where(a => a.KindName == "valley").ToArray();
            Assert.Equal(2, valleys.Length);
            foreach (StationaryPoint valley in valleys)
            {
                double light = MeanBrightness(window, map, i => map.Ids[i] == valley.Id && positions[i] < 0.15);
                double dark = MeanBrightness(window, map, i => map.Ids[i] == valley.Id && positions[i] > 0.85);
                Assert.True(light - dark >= LeastEndContrast, $"valley {valley.Id}: mean brightness {light:F0} at position < 0.15, {dark:F0} at > 0.85");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The window shows the grid one start a pixel, row 0 of the grid at the bottom.
    private static double MeanBrightness(RgbImage window, BasinMap map, Func<int, bool> chosen)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < map.Ids.Length; i++)
        {
            if (chosen(i))
            {
                Rgb pixel = window.Get(i % map.Grid.Width, map.Grid.Height - 1 - i / map.Grid.Width);
                sum += pixel.R + pixel.G + pixel.B;
                count++;
            }
        }

        Assert.True(count > 100, $"only {count} starts chosen");
        return sum / count;
    }
}
