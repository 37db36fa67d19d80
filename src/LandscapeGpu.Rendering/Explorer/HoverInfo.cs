using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// What the view says about the pixel under the cursor: the point there and its loss, the start of the computed
/// map in that pixel, where its descent ended, and the attractor it reached (session id, kind, location, loss) or
/// that it diverged or did not converge. Drawn in the window's corner and, in one line, in the title bar.
/// </summary>
/// <param name="Lines">The panel's lines.</param>
/// <param name="Summary">One line for the title bar.</param>
public sealed record HoverInfo(IReadOnlyList<string> Lines, string Summary)
{
    /// <summary>The hover of pixel (<paramref name="pixelX"/>, <paramref name="pixelY"/>) of <paramref name="view"/> showing <paramref name="shown"/>, or null outside the computed map.</summary>
    public static HoverInfo? Describe(ComputedMap shown, ViewState view, LandscapeProbe probe, double pixelX, double pixelY)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(probe);
        BasinMap map = shown.Map;
        GridSpec grid = map.Grid;
        (double x, double y) = view.ToWorld(pixelX, pixelY);
        // The layer's extent is in the view's coordinates: a log axis in log10 of its values (LogView).
        WorldRect extent = shown.Layer.Extent;
        int column = (int)Math.Floor((x - extent.X0) / extent.Width * grid.Width);
        int row = view.OneDimensional ? 0 : (int)Math.Floor((y - extent.Y0) / extent.Height * grid.Height);
        if (column < 0 || column >= grid.Width || row < 0 || row >= grid.Height)
        {
            return null;
        }

        var culture = CultureInfo.InvariantCulture;
        IReadOnlyList<string> axes = ViewOverlay.AxisNamesOf(map.Problem);
        string xName = axes[0], yName = axes.Count > 1 ? axes[1] : "y";
        bool axesMap = map.Problem.Axes is not null;
        // Digits enough to tell neighbouring pixels apart at any zoom.
        double perPixel = view.Visible.Width / view.Width;
        double reach = Math.Max(Math.Max(Math.Abs(view.Visible.X0), Math.Abs(view.Visible.X1)), view.OneDimensional ? 0 : Math.Max(Math.Abs(view.Visible.Y0), Math.Abs(view.Visible.Y1)));
        string Coordinate(double value) => AxisTicks.Label(value, perPixel, reach);
        // A log axis shows values: a pixel spans ln(10) * (its width in log10) of the value, relatively.
        (bool logX, bool logY) = LogView.AxesOf(map.Problem);
        double perPixelY = view.Visible.Height / view.Height;
        string Horizontal(double value) => logX ? AxisTicks.Label(value, value * Math.Log(10) * perPixel, value) : Coordinate(value);
        string Vertical(double value) => logY ? AxisTicks.Label(value, value * Math.Log(10) * perPixelY, value) : Coordinate(value);
        string Loss(double value) => value.ToString("G6", culture);

        // On an axes map the cursor is on hyperparameters (lr, momentum): no loss there, and the descent is in x, y.
        string cursor = view.OneDimensional
            ? $"{xName} = {Coordinate(x)}, f = {Loss(probe.Loss(x, 0))}"
            : axesMap ? $"{xName} = {Horizontal(LogView.ToValue(x, logX))}, {yName} = {Vertical(LogView.ToValue(y, logY))}"
            : $"{xName} = {Coordinate(x)}, {yName} = {Coordinate(y)}, f = {Loss(probe.Loss(x, y))}";
        int start = row * grid.Width + column;
        double endX = map.EndX[start], endY = map.EndY[start];
        string startAt = view.OneDimensional ? Coordinate(grid.StartX(column))
            : axesMap ? $"{xName} = {Horizontal(logX ? MapAxes.GeometricCentre(grid.Box.X0, grid.Box.X1, column, grid.Width) : grid.StartX(column))}, " +
                $"{yName} = {Vertical(logY ? MapAxes.GeometricCentre(grid.Box.Y0, grid.Box.Y1, row, grid.Height) : grid.StartY(row))}:"
            : $"({Coordinate(grid.StartX(column))}, {Coordinate(grid.StartY(row))})";
        string endAt = view.OneDimensional ? Coordinate(endX) : $"({Coordinate(endX)}, {Coordinate(endY)})";
        string descent = string.Create(culture, $"start {startAt} -> {endAt}, loss {Loss(probe.Loss(endX, endY))} in {map.Steps[start]} steps");
        string outcome = map.Ids[start] switch
        {
            BasinCatalog.DivergedId => "diverged",
            BasinCatalog.UnconvergedId => "not converged",
            int id => AttractorLine(map.Attractors.First(a => a.Id == id), shown.StableIds[id], view.OneDimensional),
        };
        string summary = string.Create(culture, $"{descent} ({outcome})");
        return new HoverInfo([cursor, descent, outcome], summary);
    }

    private static string AttractorLine(StationaryPoint point, int sessionId, bool oneDimensional)
    {
        string location = oneDimensional ? $"x = {FigureLegend.Format(point.X)}" : $"({FigureLegend.Format(point.X)}, {FigureLegend.Format(point.Y)})";
        return string.Create(CultureInfo.InvariantCulture,
            $"attractor {sessionId}: {point.KindName}{(point.IsGlobal ? " (global)" : "")} at {location}, f = {FigureLegend.Format(point.Loss)}");
    }
}
