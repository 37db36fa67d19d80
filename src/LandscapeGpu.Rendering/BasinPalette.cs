using LandscapeGpu.Rendering.Cpu;

namespace LandscapeGpu.Rendering;

/// <summary>
/// The colour of each palette slot (see <see cref="AttractorColours"/> for how an attractor gets its slot). The
/// first twelve are a qualitative palette chosen to stay distinct for colour-blind readers; later ids step the
/// hue by the golden angle. The GLSL shaders use the same table.
/// </summary>
public static class BasinPalette
{
    /// <summary>The fixed palette, id 0 first.</summary>
    public static IReadOnlyList<Rgb> Fixed { get; } =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40),
        new(148, 103, 189), new(140, 86, 75), new(227, 119, 194), new(188, 189, 34),
        new(23, 190, 207), new(174, 199, 232), new(255, 187, 120), new(152, 223, 138),
    ];

    /// <summary>Starts that diverged.</summary>
    public static Rgb Diverged => Rgb.Black;

    /// <summary>Starts that did not converge.</summary>
    public static Rgb Unconverged => new(128, 128, 128);

    /// <summary>The colour of attractor <paramref name="id"/>.</summary>
    public static Rgb ForId(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        if (id < Fixed.Count)
        {
            return Fixed[id];
        }

        double hue = (id * 0.618033988749895) % 1.0;
        return FromHsv(hue, 0.65, 0.9);
    }

    private static Rgb FromHsv(double hue, double saturation, double value)
    {
        double h = hue * 6;
        int sector = (int)h % 6;
        double f = h - Math.Floor(h);
        double p = value * (1 - saturation), q = value * (1 - f * saturation), t = value * (1 - (1 - f) * saturation);
        (double r, double g, double b) = sector switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
        return new Rgb((byte)(r * 255), (byte)(g * 255), (byte)(b * 255));
    }
}
