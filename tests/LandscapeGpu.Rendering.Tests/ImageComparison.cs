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

    /// <summary>Reads a PNG written by <see cref="PngEncoder"/> (8-bit RGB, filter 0 rows) back into an image.</summary>
    public static RgbImage ReadPng(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int offset = 8, width = 0, height = 0;
        using var data = new MemoryStream();
        while (offset < file.Length)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            if (type == "IHDR")
            {
                width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset + 8));
                height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset + 12));
            }
            else if (type == "IDAT")
            {
                data.Write(file, offset + 8, length);
            }

            offset += 12 + length;
        }

        data.Position = 0;
        using var zlib = new System.IO.Compression.ZLibStream(data, System.IO.Compression.CompressionMode.Decompress);
        var image = new RgbImage(width, height);
        var row = new byte[1 + 3 * width];
        for (int y = 0; y < height; y++)
        {
            zlib.ReadExactly(row);
            if (row[0] != 0)
            {
                throw new InvalidDataException($"row {y} uses PNG filter {row[0]}; only filter 0 is read here");
            }

            row.AsSpan(1).CopyTo(image.Pixels.AsSpan(y * 3 * width));
        }

        return image;
    }
}
