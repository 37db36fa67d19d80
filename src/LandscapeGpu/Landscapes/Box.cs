using System.Globalization;

namespace LandscapeGpu.Landscapes;

/// <summary>The rectangle [X0, X1] × [Y0, Y1] of starting weights.</summary>
/// <param name="X0">Left edge.</param>
/// <param name="X1">Right edge, greater than <paramref name="X0"/>.</param>
/// <param name="Y0">Bottom edge.</param>
/// <param name="Y1">Top edge, greater than <paramref name="Y0"/>.</param>
public readonly record struct Box(double X0, double X1, double Y0, double Y1)
{
    /// <summary>The width X1 − X0.</summary>
    public double Width => X1 - X0;

    /// <summary>The height Y1 − Y0.</summary>
    public double Height => Y1 - Y0;

    /// <summary>The largest absolute coordinate of the box: the scale divergence is measured against.</summary>
    public double Reach => Math.Max(Math.Max(Math.Abs(X0), Math.Abs(X1)), Math.Max(Math.Abs(Y0), Math.Abs(Y1)));

    /// <summary>Parses "x0,x1,y0,y1"; a 1-D landscape may give just "x0,x1".</summary>
    /// <exception cref="FormatException">The text is not four (or, for 1-D, two) finite numbers in increasing pairs.</exception>
    public static Box Parse(string text, int dimensions = 2)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        bool oneDimensional = dimensions == 1 && parts.Length == 2;
        if (parts.Length != 4 && !oneDimensional)
        {
            throw new FormatException($"box '{text}' must be four numbers x0,x1,y0,y1{(dimensions == 1 ? " (or x0,x1 for a 1-D landscape)" : "")}");
        }

        var values = new double[4];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new FormatException($"box '{text}': '{parts[i]}' is not a finite number");
            }
        }

        var box = oneDimensional ? new Box(values[0], values[1], 0, 0) : new Box(values[0], values[1], values[2], values[3]);
        if (!(box.X1 > box.X0))
        {
            throw new FormatException($"box '{text}' is empty: x1 ({box.X1.ToString(CultureInfo.InvariantCulture)}) must be greater than x0 ({box.X0.ToString(CultureInfo.InvariantCulture)})");
        }

        if (dimensions == 2 && !(box.Y1 > box.Y0))
        {
            throw new FormatException($"box '{text}' is empty: y1 ({box.Y1.ToString(CultureInfo.InvariantCulture)}) must be greater than y0 ({box.Y0.ToString(CultureInfo.InvariantCulture)})");
        }

        return box;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(',', new[] { X0, X1, Y0, Y1 }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
