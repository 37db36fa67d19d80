namespace LandscapeGpu.Rendering.Cpu;

/// <summary>An 8-bit RGB image, row 0 at the top.</summary>
public sealed class RgbImage
{
    /// <summary>A black image of the given size.</summary>
    public RgbImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>RGB bytes, row-major, top row first.</summary>
    public byte[] Pixels { get; }

    /// <summary>Sets one pixel; pixels outside the image are ignored, so shapes may overhang the edge.</summary>
    public void Set(int x, int y, Rgb colour)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        int offset = (y * Width + x) * 3;
        Pixels[offset] = colour.R;
        Pixels[offset + 1] = colour.G;
        Pixels[offset + 2] = colour.B;
    }

    /// <summary>The colour of one pixel.</summary>
    public Rgb Get(int x, int y)
    {
        int offset = (y * Width + x) * 3;
        return new Rgb(Pixels[offset], Pixels[offset + 1], Pixels[offset + 2]);
    }

    /// <summary>Fills a rectangle.</summary>
    public void Fill(int x, int y, int width, int height, Rgb colour)
    {
        for (int row = y; row < y + height; row++)
        {
            for (int column = x; column < x + width; column++)
            {
                Set(column, row, colour);
            }
        }
    }
}

/// <summary>An 8-bit RGB colour.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Black.</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>White.</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>This colour with each channel scaled by <paramref name="factor"/> in [0, 1].</summary>
    public Rgb Scaled(double factor) => new((byte)(R * factor + 0.5), (byte)(G * factor + 0.5), (byte)(B * factor + 0.5));
}
