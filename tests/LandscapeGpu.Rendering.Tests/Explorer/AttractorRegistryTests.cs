using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering;
using LandscapeGpu.Rendering.Explorer;

namespace LandscapeGpu.Rendering.Tests.Explorer;

public sealed class AttractorRegistryTests
{
    private static readonly Box UsualBox = new(-5, 5, -5, 5);

    private static StationaryPoint Point(int id, double x, double y) => new(id, x, y, 0, StationaryKind.Minimum, true, 1, 0.5, 1, false);

    [Fact]
    public void Translate_FirstMap_KeepsItsIds()
    {
        var registry = new AttractorRegistry(1e-6, UsualBox);

        Assert.Equal([0, 1, 2], registry.Translate([Point(0, 3, 2), Point(1, -2.8, 3.1), Point(2, 3.6, -1.8)]));
    }

    [Fact]
    public void Translate_LaterMapWithFewerAndNewPoints_ReusesKnownIdsAndAppendsNewOnes()
    {
        var registry = new AttractorRegistry(1e-6, UsualBox);
        registry.Translate([Point(0, 3, 2), Point(1, -2.8, 3.1)]);

        int[] later = registry.Translate([Point(0, -2.8 + 1e-9, 3.1), Point(1, 0.27, 0.92)]);

        Assert.Equal([1, 2], later);
        Assert.Equal(3, registry.Count);
    }

    [Fact]
    public void Label_FirstFullResolutionMapAfterACoarseOne_IdsAndColoursAsTheFigure()
    {
        StationaryPoint[] points = [Point(0, 3, 2), Point(1, -2.805118, 3.131312), Point(2, -3.779310, -3.283186), Point(3, 3.584428, -1.848126)];
        var registry = new AttractorRegistry(1e-6, UsualBox);
        // The coarse level found two of them, numbered otherwise: provisional.
        AttractorLabels coarse = registry.Label([Point(0, points[2].X, points[2].Y), Point(1, points[0].X, points[0].Y)], final: false);

        AttractorLabels labels = registry.Label(points, final: true);

        Assert.Equal([0, 1], coarse.Ids);
        Assert.Equal(AttractorColours.SlotsOf(points, UsualBox), labels.Slots);
        Assert.Equal([0, 1, 2, 3], labels.Ids);
        Assert.Equal(4, registry.Count);
    }

    [Fact]
    public void Label_LaterMapsWithOtherNeighbours_KeepEachPointsColour()
    {
        var registry = new AttractorRegistry(1e-6, UsualBox);
        // Nine points fill the palette: every slot is kept by one of them.
        StationaryPoint[] home = Enumerable.Range(0, AttractorColours.PaletteSize).Select(i => Point(i, i - 4.0, 0.5 * i)).ToArray();
        int[] homeSlots = registry.Label(home, final: true).Slots;

        // A zoomed map holds two of them (renumbered) and a new point: the two keep their slots, the new one takes another.
        AttractorLabels zoomed = registry.Label([Point(0, home[5].X, home[5].Y), Point(1, 0.123, -4.2), Point(2, home[2].X, home[2].Y)], final: true);

        Assert.Equal(homeSlots[5], zoomed.Slots[0]);
        Assert.Equal(homeSlots[2], zoomed.Slots[2]);
        Assert.NotEqual(zoomed.Slots[0], zoomed.Slots[1]);
        Assert.NotEqual(zoomed.Slots[2], zoomed.Slots[1]);
        Assert.Equal([5, AttractorColours.PaletteSize, 2], zoomed.Ids);
    }
}
