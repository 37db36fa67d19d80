using ScottPlot;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>Saves a drawing of a figure's size in PNG (at its scale), SVG or PDF: the one place figure files are encoded.</summary>
public static class FigureFile
{
    /// <summary>
    /// Writes what <paramref name="draw"/> draws on a <paramref name="width"/> x <paramref name="height"/> canvas (in
    /// figure units, 1/100 inch) to <paramref name="stream"/> in <paramref name="format"/>; a PNG has
    /// <paramref name="scale"/> pixels per unit.
    /// </summary>
    public static void Save(Stream stream, FigureFormat format, int width, int height, double scale, Action<SKCanvas> draw)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(draw);
        switch (format)
        {
            case FigureFormat.Png:
                var info = new SKImageInfo((int)Math.Round(width * scale), (int)Math.Round(height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
                using (SKSurface surface = SKSurface.Create(info))
                {
                    surface.Canvas.Scale((float)scale);
                    draw(surface.Canvas);
                    using SKImage image = surface.Snapshot();
                    using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
                    data.SaveTo(stream);
                }

                break;
            case FigureFormat.Svg:
                using (var svg = new SKManagedWStream(stream))
                using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), svg))
                {
                    draw(canvas);
                }

                break;
            case FigureFormat.Pdf:
                // PDF measures in points (1/72 inch); a figure unit is 1/100 inch.
                const float PointsPerUnit = 0.72f;
                using (var pdf = new SKManagedWStream(stream))
                using (SKDocument document = SKDocument.CreatePdf(pdf))
                {
                    SKCanvas page = document.BeginPage(width * PointsPerUnit, height * PointsPerUnit);
                    page.Scale(PointsPerUnit);
                    draw(page);
                    document.EndPage();
                    document.Close();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown figure format");
        }
    }
    /// <summary>Writes <paramref name="plot"/>, <paramref name="width"/> x <paramref name="height"/> figure units, in <paramref name="format"/>.</summary>
    public static void Save(Plot plot, int width, int height, double scale, Stream stream, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Save(stream, format, width, height, scale, canvas => plot.Render(canvas, width, height));
    }

    /// <summary>The figure drawn into pixels, (width · scale) x (height · scale).</summary>
    public static SKImage Snapshot(Plot plot, int width, int height, double scale)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var info = new SKImageInfo((int)Math.Round(width * scale), (int)Math.Round(height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info);
        surface.Canvas.Scale((float)scale);
        plot.Render(surface.Canvas, width, height);
        return surface.Snapshot();
    }
}
