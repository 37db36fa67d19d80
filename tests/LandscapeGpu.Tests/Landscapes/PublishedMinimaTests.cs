using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Landscapes;

/// <summary>Maps every built-in landscape on ILGPU's CPU accelerator and checks the attractors against shared/MINIMA.md.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class PublishedMinimaTests(IlgpuCpuEngineFixture fixture)
{
    // Attractors are refined by float64 Newton; published values carry 5 to 11 digits.
    private const double CoordinateTolerance = 2e-5;

    public static TheoryData<string, int> Cases => new()
    {
        { "himmelblau", 32 },
        { "rosenbrock", 8 },
        { "rastrigin", 24 },
        { "beale", 16 },
        { "booth", 8 },
        { "goldstein-price", 32 },
        { "styblinski-tang", 16 },
        { "three-hump-camel", 16 },
        { "muller-brown", 24 },
        { "parabola", 16 },
        { "quartic", 32 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Map_WithDefaults_FindsEveryPublishedMinimum(string name, int grid)
    {
        BasinMap map = MapRunner.Run(TestProblems.For(name, grid), fixture.Engine);
        LandscapeInfo info = map.Problem.Landscape.Info;
        foreach (KnownPoint known in info.KnownMinima)
        {
            StationaryPoint? found = map.Attractors.FirstOrDefault(a =>
                Math.Abs(a.X - known.X) < CoordinateTolerance && Math.Abs(a.Y - known.Y) < CoordinateTolerance);
            Assert.True(found is not null, $"{name}: no attractor at ({known.X}, {known.Y}); found {string.Join("; ", map.Attractors.Select(a => $"({a.X}, {a.Y})"))}");
            Assert.Equal(StationaryKind.Minimum, found.Kind);
            Assert.Equal(known.Loss, found.Loss, 5);
        }

        StationaryPoint best = map.Attractors.Where(a => a.Kind == StationaryKind.Minimum).MinBy(a => a.Loss)!;
        Assert.True(best.IsGlobal);
        Assert.Equal(info.KnownMinima.Min(p => p.Loss), best.Loss, 5);
    }

    [Fact]
    public void Map_AckleyNearOrigin_FindsLocalMinimaAndOrbitsTheConePoint()
    {
        // The cone point (0, 0) has no vanishing gradient: starts there stay unconverged, close to it.
        DescentProblem problem = TestProblems.For("ackley", 24, box: new Box(-1.5, 1.5, -1.5, 1.5));
        BasinMap map = MapRunner.Run(problem, fixture.Engine);
        foreach (KnownPoint known in map.Problem.Landscape.Info.KnownMinima.Where(p => p.Loss > 0))
        {
            Assert.Contains(map.Attractors, a => Math.Abs(a.X - known.X) < 1e-4 && Math.Abs(a.Y - known.Y) < 1e-4 && Math.Abs(a.Loss - known.Loss) < 1e-4);
        }

        int centre = 12 * 24 + 12;
        Assert.Equal(BasinCatalog.UnconvergedId, map.Ids[centre]);
        double orbit = 3 * problem.Optimizer.LearningRate;
        Assert.True(Math.Abs(map.EndX[centre]) < orbit && Math.Abs(map.EndY[centre]) < orbit, $"ended at ({map.EndX[centre]}, {map.EndY[centre]})");
    }

    [Fact]
    public void Map_Himmelblau_ClassifiesTheCentralMaximumAndTheSaddles()
    {
        // Newton's method is attracted to every stationary point, so its map contains all nine of Himmelblau's.
        DescentProblem problem = TestProblems.For("himmelblau", 48, optimizer: LandscapeGpu.Optimizers.OptimizerKind.Newton, steps: 200);
        BasinMap map = MapRunner.Run(problem, fixture.Engine);
        StationaryPoint maximum = Assert.Single(map.Attractors, a => a.Kind == StationaryKind.Maximum);
        Assert.Equal(-0.270845, maximum.X, 5);
        Assert.Equal(-0.923039, maximum.Y, 5);
        Assert.Equal(181.61652152, maximum.Loss, 6);
        Assert.Equal(4, map.Attractors.Count(a => a.Kind == StationaryKind.Saddle));
        Assert.Equal(4, map.Attractors.Count(a => a.Kind == StationaryKind.Minimum && a.IsGlobal));
    }
}
