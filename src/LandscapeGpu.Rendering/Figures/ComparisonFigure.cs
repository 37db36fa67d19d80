using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Figures;

/// <summary>
/// Map figures side by side in one file (<c>compare.png</c>): each panel a whole <see cref="BasinFigure"/> with its own
/// title, axes, legend and colour bar, top-aligned on a white page under a heading of what they share.
/// </summary>
public sealed class ComparisonFigure
{
    /// <summary>Blank space between two panels, in figure units.</summary>
    public const int Gap = 20;

    /// <summary>Height of one line of the heading, in figure units.</summary>
    public const int HeadingLineHeight = 20;

    private const float HeadingFontSize = 14;

    private readonly IReadOnlyList<BasinFigure> panels;
    private readonly string[] heading;

    /// <summary>Lays out <paramref name="panels"/> left to right under <paramref name="heading"/> (lines separated by \n); all must share one scale (dpi).</summary>
    /// <exception cref="ArgumentException">There is no panel, or their scales differ.</exception>
    public ComparisonFigure(IReadOnlyList<BasinFigure> panels, string heading = "")
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            throw new ArgumentException("a comparison figure needs at least one panel", nameof(panels));
        }

        if (panels.Any(panel => panel.Scale != panels[0].Scale))
        {
            throw new ArgumentException("every panel must have the same dpi", nameof(panels));
        }

        this.panels = panels;
        this.heading = heading.Length == 0 ? [] : heading.Split('\n');
        HeadingHeight = this.heading.Length == 0 ? 0 : HeadingLineHeight * this.heading.Length + Gap / 2;
        Width = panels.Sum(panel => panel.Width) + Gap * (panels.Count - 1);
        Height = HeadingHeight + panels.Max(panel => panel.Height);
    }

    /// <summary>The height the heading takes above the panels, in figure units.</summary>
    public int HeadingHeight { get; }

    /// <summary>Width in figure units (1/100 inch).</summary>
    public int Width { get; }

    /// <summary>Height in figure units.</summary>
    public int Height { get; }

    /// <summary>
    /// The palette slot of each matched attractor, by its row: the location colours of <see cref="AttractorColours"/>
    /// resolved over the attractors of every panel at once, so that one attractor has one colour in all of them.
    /// </summary>
    /// <param name="representatives">One point per matched attractor, in row order.</param>
    /// <param name="usualBox">The landscape's usual box.</param>
    public static int[] SlotsOfRows(IReadOnlyList<StationaryPoint> representatives, Box usualBox)
    {
        ArgumentNullException.ThrowIfNull(representatives);
        return AttractorColours.SlotsOf(representatives.Select((point, row) => point with { Id = row }).ToArray(), usualBox);
    }

    /// <summary>Writes the panels side by side in <paramref name="format"/>.</summary>
    public void Save(Stream stream, FigureFormat format) =>
        FigureFile.Save(stream, format, Width, Height, panels[0].Scale, canvas =>
        {
            using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
            {
                canvas.DrawRect(0, 0, Width, Height, white);
            }

            using (var font = new SKFont(SKTypeface.FromFamilyName(BasinFigure.FontName), HeadingFontSize))
            using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
            {
                for (int line = 0; line < heading.Length; line++)
                {
                    canvas.DrawText(heading[line], Width / 2f, HeadingLineHeight * (line + 1) - 4, SKTextAlign.Center, font, ink);
                }
            }

            float left = 0;
            foreach (BasinFigure panel in panels)
            {
                canvas.Save();
                canvas.Translate(left, HeadingHeight);
                canvas.ClipRect(SKRect.Create(panel.Width, panel.Height));
                panel.Plot.Render(canvas, panel.Width, panel.Height);
                canvas.Restore();
                left += panel.Width + Gap;
            }
        });
}
