namespace LandscapeGpu.Rendering.Gl;

/// <summary>A rectangle of the plane in world (weight) coordinates, [X0, X1] x [Y0, Y1].</summary>
/// <param name="X0">Left.</param>
/// <param name="X1">Right.</param>
/// <param name="Y0">Bottom.</param>
/// <param name="Y1">Top.</param>
public readonly record struct WorldRect(double X0, double X1, double Y0, double Y1)
{
    /// <summary>X1 - X0.</summary>
    public double Width => X1 - X0;

    /// <summary>Y1 - Y0.</summary>
    public double Height => Y1 - Y0;
}

/// <summary>How a marker is drawn.</summary>
public enum MarkerShape
{
    /// <summary>A ring (a minimum).</summary>
    Ring = 0,

    /// <summary>A diagonal cross (a saddle).</summary>
    Cross = 1,

    /// <summary>A square outline (any other point).</summary>
    Square = 2,

    /// <summary>A filled dot (one step of a path).</summary>
    Dot = 3,
}

/// <summary>A marker at a world position; in a 1-D scene Y is the loss.</summary>
/// <param name="X">World x.</param>
/// <param name="Y">World y, or the loss in a 1-D scene.</param>
/// <param name="Shape">How it is drawn.</param>
public readonly record struct Marker(double X, double Y, MarkerShape Shape);

/// <summary>
/// The data drawn as the map: per cell an integer class (an attractor id; -1 and -2 for the two special
/// classes), an integer count that darkens it (steps), and a float field (the loss) for contour lines and the
/// 1-D curve. Rows are bottom-up: row 0 lies at <see cref="WorldRect.Y0"/> of <see cref="Extent"/>.
/// </summary>
public sealed class MapLayer
{
    /// <summary>Creates a layer; each array must hold <paramref name="width"/> x <paramref name="height"/> values.</summary>
    public MapLayer(int width, int height, int[] classes, int[] counts, float[] field, WorldRect extent, bool oneDimensional)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(field);
        long cells = (long)width * height;
        if (classes.Length != cells || counts.Length != cells || field.Length != cells)
        {
            throw new ArgumentException($"a {width}x{height} layer needs {cells} classes, counts and field values; got {classes.Length}, {counts.Length}, {field.Length}");
        }

        if (oneDimensional && height != 1)
        {
            throw new ArgumentException($"a 1-D layer has one row, not {height}", nameof(height));
        }

        Width = width;
        Height = height;
        Classes = classes;
        Counts = counts;
        Field = field;
        Extent = extent;
        OneDimensional = oneDimensional;
        int largest = 1;
        float minimum = float.PositiveInfinity, maximum = float.NegativeInfinity;
        for (int i = 0; i < classes.Length; i++)
        {
            if (classes[i] >= 0)
            {
                largest = Math.Max(largest, counts[i]);
            }

            if (float.IsFinite(field[i]))
            {
                minimum = Math.Min(minimum, field[i]);
                maximum = Math.Max(maximum, field[i]);
            }
        }

        LargestCount = largest;
        FieldMinimum = float.IsFinite(minimum) ? minimum : 0;
        FieldMaximum = float.IsFinite(maximum) ? maximum : 1;
    }

    /// <summary>Cells across.</summary>
    public int Width { get; }

    /// <summary>Cells down (1 for a 1-D layer).</summary>
    public int Height { get; }

    /// <summary>Class of each cell, row-major, bottom row first.</summary>
    public int[] Classes { get; }

    /// <summary>Count of each cell (shading).</summary>
    public int[] Counts { get; }

    /// <summary>Field value of each cell.</summary>
    public float[] Field { get; }

    /// <summary>The world rectangle the cells cover.</summary>
    public WorldRect Extent { get; }

    /// <summary>Whether this is a 1-D landscape (a curve and a W-axis strip), not a 2-D map.</summary>
    public bool OneDimensional { get; }

    /// <summary>The largest count of any cell with a class of 0 or more (at least 1): shading is relative to it.</summary>
    public int LargestCount { get; }

    /// <summary>
    /// Per cell, where it lies on a light-to-dark ramp of its class's colour, 0 (light) to 1 (dark): a start's position
    /// along its valley. Cells holding NaN, and every cell when this is null, are shaded by their count instead.
    /// </summary>
    /// <exception cref="ArgumentException">The array does not hold one value per cell.</exception>
    public float[]? RampPositions
    {
        get;
        init
        {
            if (value is not null && value.Length != Classes.Length)
            {
                throw new ArgumentException($"a {Width}x{Height} layer needs {Classes.Length} ramp positions, not {value.Length}", nameof(RampPositions));
            }

            field = value;
        }
    }

    /// <summary>
    /// A flat colour per class, indexed by class: every cell of class 0 or more is drawn in its class's colour, with no
    /// shading by count and no ramp (a map coloured by a continuous quantity such as the loss, where a darker shade would
    /// read as another value). Null: the palette colour of the class, shaded.
    /// </summary>
    /// <exception cref="ArgumentException">A class of some cell has no colour.</exception>
    public IReadOnlyList<Cpu.Rgb>? ClassColours
    {
        get;
        init
        {
            if (value is not null && Classes.Length > 0 && Classes.Max() is var largest && largest >= value.Count)
            {
                throw new ArgumentException($"the layer has class {largest} but only {value.Count} class colours", nameof(ClassColours));
            }

            field = value;
        }
    }

    /// <summary>The smallest finite field value.</summary>
    public float FieldMinimum { get; }

    /// <summary>The largest finite field value.</summary>
    public float FieldMaximum { get; }
}

/// <summary>What to draw over the uploaded layer in one frame.</summary>
public sealed record FrameStyle
{
    /// <summary>How much darker the slowest start is drawn than the fastest when <see cref="ShadeByCounts"/> is on (as the CPU image).</summary>
    public const double StepShading = Cpu.MapRaster.StepShading;

    /// <summary>Fraction of the height a 1-D scene gives to the W-axis strip.</summary>
    public const double StripHeight = 0.12;

    /// <summary>The world rectangle shown; for a 1-D scene only X0 and X1 are used.</summary>
    public required WorldRect View { get; init; }

    /// <summary>Darken cells by their count.</summary>
    public bool ShadeByCounts { get; init; } = true;

    /// <summary>Draw contour lines of the field (2-D only).</summary>
    public bool Contours { get; init; }

    /// <summary>Spacing of contour lines in log(1 + field - minimum).</summary>
    public double ContourSpacing { get; init; } = 0.35;

    /// <summary>Markers (stationary points), drawn over the map.</summary>
    public IReadOnlyList<Marker> Markers { get; init; } = [];

    /// <summary>Marker size in pixels.</summary>
    public double MarkerSize { get; init; } = 15;

    /// <summary>A path drawn as a line with a dot per point; in a 1-D scene Y is the loss.</summary>
    public IReadOnlyList<Marker> Path { get; init; } = [];

    /// <summary>How many points of <see cref="Path"/> to show, from its start (a 1-D path slides down the curve).</summary>
    public int PathShown { get; init; } = int.MaxValue;

    /// <summary>The loss range shown vertically in a 1-D scene; null: the layer's field range with a margin.</summary>
    public (double Bottom, double Top)? CurveRange { get; init; }

    /// <summary>Colour outside the layer's extent.</summary>
    public Cpu.Rgb Background { get; init; } = new(250, 250, 250);
}
