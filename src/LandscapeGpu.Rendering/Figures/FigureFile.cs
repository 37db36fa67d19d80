using ScottPlot;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>Saves a laid-out ScottPlot figure as PNG (at a scale), SVG or PDF: the one writer every figure uses.</summary>
public static class FigureFile
{
    /// <summary>Writes <paramref name="plot"/>, <paramref name="width"/> x <paramref name="height"/> figure units (1/100 inch), in <paramref name="format"/>.</summary>
    /// <param name="plot">The figure.</param>
    /// <param name="width">Width in figure units.</param>
    /// <param name="height">Height in figure units.</param>
    /// <param name="scale">Pixels per figure unit of a PNG.</param>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="format">The file's format.</param>
    public static void Save(Plot plot, int width, int height, double scale, Stream stream, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(stream);
        switch (format)
        {
            case FigureFormat.Png:
                using (SKImage image = Snapshot(plot, width, height, scale))
                using (SKData data = image.Encode(SKEncodedImageFormat.Png, 100))
                {
                    data.SaveTo(stream);
                }

                break;
            case FigureFormat.Svg:
                using (var svg = new SKManagedWStream(stream))
                using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), svg))
                {
                    plot.Render(canvas, width, height);
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
                    plot.Render(page, width, height);
                    document.EndPage();
                    document.Close();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown figure format");
        }
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
