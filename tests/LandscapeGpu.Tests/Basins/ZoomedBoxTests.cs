using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Basins;

/// <summary>Maps of tiny boxes, as the view computes when zoomed in: attractors far outside the box must still be found and told apart.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class ZoomedBoxTests(IlgpuCpuEngineFixture fixture)
{
    private const double PositionTolerance = 1e-6;

    [Fact]
    public void Map_BoxOneHundredMillionthWide_FindsTheMinimumFiveUnitsAway()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 8, precision: Precision.F64, box: new Box(0, 1e-8, 0, 1e-8));

        BasinMap map = MapRunner.Run(problem, fixture.Engine);

        StationaryPoint point = Assert.Single(map.Attractors);
        Assert.Equal(StationaryKind.Minimum, point.Kind);
        Assert.Equal(3, point.X, PositionTolerance);
        Assert.Equal(2, point.Y, PositionTolerance);
    }

    [Fact]
    public void Map_TinyBoxAtTheLocalMaximum_TellsTheBasinsAroundItApart()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 16, precision: Precision.F64, box: new Box(-0.2708455, -0.2708445, -0.923040, -0.923038));

        BasinMap map = MapRunner.Run(problem, fixture.Engine);

        Assert.True(map.Attractors.Count(a => a.Kind == StationaryKind.Minimum) >= 2, string.Join("; ", map.Attractors));
        Assert.All(map.Attractors.Where(a => a.Kind == StationaryKind.Minimum), a => Assert.InRange(Math.Abs(a.X), 2.5, 4));
    }
}
