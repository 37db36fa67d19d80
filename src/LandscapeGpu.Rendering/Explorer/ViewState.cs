using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// Which part of the plane the window shows, and the pixel-to-world arithmetic of panning and zooming, in
/// float64. Pixels are square: the home view is the landscape's box widened to the window's shape; a view whose
/// axes are not both coordinates (lr against momentum) has no common unit, so its home view is the box itself and
/// each axis keeps its own scale. A 1-D view pans and zooms along x only. Pixel coordinates run from the window's
/// top-left corner.
/// </summary>
public sealed class ViewState
{
    /// <summary>
    /// The narrowest view, in units of the float64 spacing at its centre, per pixel: below this adjacent pixels
    /// would start from the same float64 number.
    /// </summary>
    public const double MinimumUlpsPerPixel = 4;

    private readonly WorldRect box;

    /// <summary>
    /// Creates the home view of <paramref name="box"/> in a <paramref name="width"/> x <paramref name="height"/> window;
    /// with <paramref name="squarePixels"/> false the box fills the window whatever its shape.
    /// </summary>
    public ViewState(WorldRect box, bool oneDimensional, int width, int height, bool squarePixels = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        this.box = box;
        OneDimensional = oneDimensional;
        SquarePixels = squarePixels;
        Width = width;
        Height = height;
        Reset();
    }

    /// <summary>Whether only x is viewed.</summary>
    public bool OneDimensional { get; }

    /// <summary>Whether a pixel spans as much of x as of y (false: each axis has its own scale).</summary>
    public bool SquarePixels { get; }

    /// <summary>Window width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Window height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>The world rectangle shown.</summary>
    public WorldRect Visible { get; private set; }

    /// <summary>How many times narrower than the home view the view is.</summary>
    public double Magnification => HomeWidth() / Visible.Width;

    /// <summary>Back to the whole box.</summary>
    public void Reset()
    {
        if (OneDimensional || !SquarePixels)
        {
            Visible = box;
            return;
        }

        // Widen the box along one axis so that a pixel is as wide as it is tall.
        double perPixel = Math.Max(box.Width / Width, box.Height / Height);
        double centreX = 0.5 * (box.X0 + box.X1), centreY = 0.5 * (box.Y0 + box.Y1);
        Visible = Around(centreX, centreY, perPixel);
    }

    /// <summary>The window changed size: keep the centre and the scale.</summary>
    public void Resize(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return;
        }

        double perPixel = Visible.Width / Width, perPixelY = Visible.Height / Height;
        (double centreX, double centreY) = Centre();
        Width = width;
        Height = height;
        Visible = !SquarePixels && !OneDimensional
            ? new WorldRect(centreX - 0.5 * perPixel * width, centreX + 0.5 * perPixel * width, centreY - 0.5 * perPixelY * height, centreY + 0.5 * perPixelY * height)
            : OneDimensional ? Visible with { X0 = centreX - 0.5 * perPixel * width, X1 = centreX + 0.5 * perPixel * width } : Around(centreX, centreY, perPixel);
    }

    /// <summary>The world point under pixel (<paramref name="pixelX"/>, <paramref name="pixelY"/>); y is meaningless in 1-D.</summary>
    public (double X, double Y) ToWorld(double pixelX, double pixelY) =>
        (Visible.X0 + pixelX / Width * Visible.Width, Visible.Y1 - pixelY / Height * Visible.Height);

    /// <summary>The pixel (from the window's top-left corner, fractional) of world point (<paramref name="x"/>, <paramref name="y"/>); y is meaningless in 1-D.</summary>
    public (double X, double Y) ToPixel(double x, double y) =>
        ((x - Visible.X0) / Visible.Width * Width, (Visible.Y1 - y) / Visible.Height * Height);

    /// <summary>Moves the view so that the content follows a drag of (<paramref name="dx"/>, <paramref name="dy"/>) pixels.</summary>
    public void Pan(double dx, double dy)
    {
        double shiftX = -dx / Width * Visible.Width;
        double shiftY = OneDimensional ? 0 : dy / Height * Visible.Height;
        Visible = new WorldRect(Visible.X0 + shiftX, Visible.X1 + shiftX, Visible.Y0 + shiftY, Visible.Y1 + shiftY);
    }

    /// <summary>
    /// Zooms by <paramref name="factor"/> (above 1: in) keeping the point under pixel (<paramref name="pixelX"/>,
    /// <paramref name="pixelY"/>) in place. Refuses to zoom in past float64's resolution; returns whether it zoomed.
    /// </summary>
    public bool ZoomAt(double pixelX, double pixelY, double factor)
    {
        if (!(factor > 0) || !double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"zoom factor {factor} must be a positive finite number");
        }

        (double anchorX, double anchorY) = ToWorld(pixelX, pixelY);
        double width = Visible.Width / factor;
        double reach = Math.Max(Math.Max(Math.Abs(Visible.X0), Math.Abs(Visible.X1)), OneDimensional ? 0 : Math.Max(Math.Abs(Visible.Y0), Math.Abs(Visible.Y1)));
        double ulp = Math.BitIncrement(reach) - reach;
        if (factor > 1 && width / Width < MinimumUlpsPerPixel * ulp)
        {
            return false;
        }

        double x0 = anchorX - pixelX / Width * width;
        if (OneDimensional)
        {
            Visible = Visible with { X0 = x0, X1 = x0 + width };
            return true;
        }

        double height = Visible.Height / factor;
        double y1 = anchorY + pixelY / Height * height;
        Visible = new WorldRect(x0, x0 + width, y1 - height, y1);
        return true;
    }

    private (double X, double Y) Centre() => (0.5 * (Visible.X0 + Visible.X1), 0.5 * (Visible.Y0 + Visible.Y1));

    private WorldRect Around(double centreX, double centreY, double perPixel) => new(
        centreX - 0.5 * perPixel * Width, centreX + 0.5 * perPixel * Width,
        centreY - 0.5 * perPixel * Height, centreY + 0.5 * perPixel * Height);

    private double HomeWidth() => OneDimensional || !SquarePixels ? box.Width : Math.Max(box.Width / Width, box.Height / Height) * Width;
}
