using SkiaSharp;

namespace LandscapeGpu.Rendering.Cpu;

/// <summary>PNG files of <see cref="RgbImage"/>s, encoded and decoded by SkiaSharp.</summary>
public static class PngFile
{
    /// <summary>Writes <paramref name="image"/> as an 8-bit PNG.</summary>
    public static void Write(Stream stream, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(image);
        using SKBitmap bitmap = ToBitmap(image);
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }

    /// <summary>Reads a PNG (any colour type Skia decodes) into an opaque RGB image.</summary>
    /// <exception cref="InvalidDataException">The file is not an image Skia can decode.</exception>
    public static RgbImage Read(string path)
    {
        using SKBitmap? decoded = SKBitmap.Decode(path);
        if (decoded is null)
        {
            throw new InvalidDataException($"{path} is not an image that can be decoded");
        }

        var image = new RgbImage(decoded.Width, decoded.Height);
        for (int y = 0; y < decoded.Height; y++)
        {
            for (int x = 0; x < decoded.Width; x++)
            {
                SKColor colour = decoded.GetPixel(x, y);
                image.Set(x, y, new Rgb(colour.Red, colour.Green, colour.Blue));
            }
        }

        return image;
    }

    /// <summary>An opaque RGBA bitmap holding <paramref name="image"/>'s pixels.</summary>
    public static SKBitmap ToBitmap(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        IntPtr pixels = bitmap.GetPixels();
        var rgba = new byte[image.Width * 4];
        for (int row = 0; row < image.Height; row++)
        {
            ReadOnlySpan<byte> rgb = image.Pixels.AsSpan(row * image.Width * 3, image.Width * 3);
            for (int column = 0; column < image.Width; column++)
            {
                rgba[4 * column] = rgb[3 * column];
                rgba[4 * column + 1] = rgb[3 * column + 1];
                rgba[4 * column + 2] = rgb[3 * column + 2];
                rgba[4 * column + 3] = 255;
            }

            System.Runtime.InteropServices.Marshal.Copy(rgba, 0, pixels + row * bitmap.RowBytes, rgba.Length);
        }

        return bitmap;
    }
}
