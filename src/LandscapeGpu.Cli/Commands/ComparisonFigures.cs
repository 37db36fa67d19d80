using LandscapeGpu.Descents;
using LandscapeGpu.Metrics.Comparison;
using LandscapeGpu.Rendering.Figures;

namespace LandscapeGpu.Cli.Commands;

/// <summary>Draws <c>compare.png</c>: each optimizer's map figure with the chosen renderer, coloured by matched attractor, side by side.</summary>
public static class ComparisonFigures
{
    /// <summary>
    /// Draws every map of <paramref name="comparison"/> as its own figure (as <c>map</c> draws it), with the colours of
    /// the matched attractors resolved over all maps, and lays them out left to right in the order given.
    /// </summary>
    public static ComparisonFigure Draw(OptimizerComparison comparison, FigureRequest request, TextWriter notes)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(request);
        int[] slotOfRow = ComparisonFigure.SlotsOfRows(comparison.Matching.Rows.Select(row => row.Representative).ToArray(), comparison.Problem.Landscape.Info.Box);
        var panels = comparison.Maps.Select(map =>
        {
            int[] slots = comparison.RowsOf(map).Select(row => slotOfRow[row]).ToArray();
            string title = FigureTitle.Hyperparameters(map.Map.Problem.Optimizer);
            return MapImageRenderers.Draw(map.Map, request with { Options = request.Options with { ColourSlots = slots, Title = title } }, notes);
        }).ToArray();
        // The heading says what every panel shares: the landscape, and how it was mapped but for the optimizer.
        DescentProblem problem = comparison.Problem;
        string how = FigureTitle.How(problem, problem.Grid)[(FigureTitle.Hyperparameters(problem.Optimizer).Length + 2)..];
        return new ComparisonFigure(panels, $"{FigureTitle.What(problem.Landscape.Info)}\n{how}; one colour per attractor in every panel");
    }
}
