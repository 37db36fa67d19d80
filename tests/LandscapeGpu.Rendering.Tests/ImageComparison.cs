using LandscapeGpu.Rendering.Cpu;

namespace LandscapeGpu.Rendering.Tests;

/// <summary>Pixel comparisons with named tolerances.</summary>
public static class ImageComparison
{
    /// <summary>
    /// One 8-bit level: the CPU rounds a shaded channel with (byte)(c*f + 0.5) in float64, GL writes round(c*f)
    /// from float32 to the UNORM8 target; the two can differ by one where c*f lies near a half.
    /// </summary>
    public const int ShadingLevels = 1;

    /// <summary>The largest channel difference between two colours.</summary>
    public static int Distance(Rgb a, Rgb b) => Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));

    /// <summary>Fraction of the compared pixels whose colours differ by more than <paramref name="levels"/>.</summary>
    public static double FractionDifferent(RgbImage a, RgbImage b, int levels, Func<int, int, bool>? compared = null)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"images differ in size: {a.Width}x{a.Height} and {b.Width}x{b.Height}");
        }

        long total = 0, different = 0;
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                if (compared is not null && !compared(x, y))
                {
                    continue;
                }

                total++;
                if (Distance(a.Get(x, y), b.Get(x, y)) > levels)
                {
                    different++;
                }
            }
        }

        return total == 0 ? 0 : (double)different / total;
    }

    /// <summary>Pixels that are exactly white.</summary>
    public static int CountWhite(RgbImage image)
    {
        int count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (image.Get(x, y) == Rgb.White)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Reads a PNG back into an image (decoded by SkiaSharp).</summary>
    public static RgbImage ReadPng(string path) => PngFile.Read(path);
}
