using LandscapeGpu.Basins;
using LandscapeGpu.Rendering.Explorer;

namespace LandscapeGpu.Rendering.Tests.Explorer;

public sealed class AttractorRegistryTests
{
    private static StationaryPoint Point(int id, double x, double y) => new(id, x, y, 0, StationaryKind.Minimum, true, 1, 0.5, 1, false);

    [Fact]
    public void Translate_FirstMap_KeepsItsIds()
    {
        var registry = new AttractorRegistry(1e-6);

        Assert.Equal([0, 1, 2], registry.Translate([Point(0, 3, 2), Point(1, -2.8, 3.1), Point(2, 3.6, -1.8)]));
    }

    [Fact]
    public void Translate_LaterMapWithFewerAndNewPoints_ReusesKnownIdsAndAppendsNewOnes()
    {
        var registry = new AttractorRegistry(1e-6);
        registry.Translate([Point(0, 3, 2), Point(1, -2.8, 3.1)]);

        int[] later = registry.Translate([Point(0, -2.8 + 1e-9, 3.1), Point(1, 0.27, 0.92)]);

        Assert.Equal([1, 2], later);
        Assert.Equal(3, registry.Count);
    }
}
