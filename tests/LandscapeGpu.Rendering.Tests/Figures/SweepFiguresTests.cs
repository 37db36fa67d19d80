using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs.Series;
using Box = LandscapeGpu.Landscapes.Box;

namespace LandscapeGpu.Rendering.Tests.Figures;

/// <summary>The sweep's fractions figure: each attractor in the colour its first frame's map gave it, the layers summing to 1.</summary>
public sealed class SweepFiguresTests
{
    private static readonly Box Himmelblau = new(-5, 5, -5, 5);

    private static readonly FrameAttractor[] Minima =
    [
        new(3, 2, "minimum", 0.25), new(-2.805118, 3.131312, "minimum", 0.25), new(-3.779310, -3.283186, "minimum", 0.25), new(3.584428, -1.848126, "minimum", 0.25),
    ];

    [Fact]
    public void SlotsOf_AttractorsOfTheFirstFrame_KeepThatFramesColours()
    {
        IReadOnlyList<FrameAttractor>[] frames = [Minima, [.. Minima, new FrameAttractor(3.385154, 0.073851, "saddle", 0)]];
        (IReadOnlyList<TrackedAttractor> tracked, _) = AttractorLocations.Match(frames, Himmelblau);

        int[] slots = SweepFigures.SlotsOf(tracked, frames, Himmelblau);

        var points = Minima.Select((attractor, id) => new StationaryPoint(id, attractor.X, attractor.Y, 0, StationaryKind.Minimum, true, 0, 0, 0, false)).ToList();
        Assert.Equal(AttractorColours.SlotsOf(points, Himmelblau), slots.Take(4));
        Assert.Equal(5, slots.Length);
    }

    [Fact]
    public void Fractions_TwoFrames_OneLayerPerAttractorThenNotConvergedAndDiverged()
    {
        IReadOnlyList<FrameAttractor>[] frames = [Minima, Minima[..2]];
        (IReadOnlyList<TrackedAttractor> tracked, double[][] fractions) = AttractorLocations.Match(frames, Himmelblau);

        ScottPlot.Plot plot = SweepFigures.Fractions("title", "lr", [0.01, 0.02], false, tracked, frames, fractions, [0, 0.3], [0, 0.2], Himmelblau);

        var layers = plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>().ToList();
        Assert.Equal(tracked.Count + 2, layers.Count);
        Assert.Equal(["not converged", "diverged"], layers.TakeLast(2).Select(layer => layer.LegendText));
    }
}
