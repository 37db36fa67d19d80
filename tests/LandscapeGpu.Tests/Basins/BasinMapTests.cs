using LandscapeGpu.Arithmetic;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Basins;

[Collection(IlgpuCpuCollection.Name)]
public sealed class BasinMapTests(IlgpuCpuEngineFixture fixture)
{
    // The bound: float32 kernel fractions within half a percentage point of a float64 reference.
    private const double FractionTolerance = 0.005;

    [Theory]
    [InlineData("himmelblau", 64)]
    [InlineData("styblinski-tang", 48)]
    [InlineData("muller-brown", 40)]
    public void Fractions_OfFloat32Kernel_MatchFloat64Reference(string name, int grid)
    {
        DescentProblem problem = TestProblems.For(name, grid);
        BasinMap map = MapRunner.Run(problem, fixture.Engine);
        double[] reference = ReferenceFractions(problem, map.Attractors);
        foreach (StationaryPoint point in map.Attractors)
        {
            Assert.True(Math.Abs(point.Fraction - reference[point.Id]) <= FractionTolerance,
                $"{name} attractor {point.Id} at ({point.X}, {point.Y}): kernel {point.Fraction}, float64 reference {reference[point.Id]}");
        }
    }

    // A plain loop over the same struct methods in float64; each endpoint goes to the nearest attractor.
    private static double[] ReferenceFractions(DescentProblem problem, IReadOnlyList<StationaryPoint> attractors)
    {
        var counts = new double[attractors.Count];
        var reference = problem with { Precision = Precision.F64, Tolerance = problem.Tolerance * 1e-3 };
        var collector = new ReferenceRun(reference);
        Specialization.Dispatch<Real64, Real64>(reference, collector);
        for (int i = 0; i < collector.EndX.Length; i++)
        {
            if (collector.Outcomes[i] != DescentOutcome.Converged)
            {
                continue;
            }

            StationaryPoint nearest = attractors.MinBy(a => Math.Pow(a.X - collector.EndX[i], 2) + Math.Pow(a.Y - collector.EndY[i], 2))!;
            counts[nearest.Id]++;
        }

        return counts.Select(c => c / collector.EndX.Length).ToArray();
    }

    [Fact]
    public void Map_RunTwice_GivesIdenticalArrays()
    {
        DescentProblem problem = TestProblems.For("rastrigin", 40);
        BasinMap first = MapRunner.Run(problem, fixture.Engine);
        BasinMap second = MapRunner.Run(problem, fixture.Engine);
        Assert.Equal(first.Ids, second.Ids);
        Assert.Equal(first.Steps, second.Steps);
        Assert.Equal(first.EndX, second.EndX);
        Assert.Equal(first.EndY, second.EndY);
        Assert.Equal(first.Attractors, second.Attractors);
    }

    [Fact]
    public void Map_StyblinskiTangOnSymmetricBox_IsSymmetricUnderSwappingXAndY()
    {
        // f(x, y) = f(y, x) and the starts along x and y are the same numbers, so the map transposes exactly.
        const int n = 40;
        BasinMap map = MapRunner.Run(TestProblems.For("styblinski-tang", n), fixture.Engine);
        int[] mirrorOf = map.Attractors.Select(a => map.Attractors.Single(b => Math.Abs(b.X - a.Y) < 1e-9 && Math.Abs(b.Y - a.X) < 1e-9).Id).ToArray();
        for (int row = 0; row < n; row++)
        {
            for (int column = 0; column < n; column++)
            {
                int id = map.Ids[row * n + column];
                int transposed = map.Ids[column * n + row];
                Assert.Equal(id < 0 ? id : mirrorOf[id], transposed);
            }
        }
    }

    [Fact]
    public void Map_RastriginOnSymmetricBox_IsMirrorSymmetricInX()
    {
        // Rastrigin is even in x; mirrored starts agree except where rounding of the start lands on a basin boundary.
        const int n = 40;
        BasinMap map = MapRunner.Run(TestProblems.For("rastrigin", n), fixture.Engine);
        int mismatches = 0;
        for (int row = 0; row < n; row++)
        {
            for (int column = 0; column < n; column++)
            {
                StationaryPoint a = map.Attractors[map.Ids[row * n + column]];
                StationaryPoint b = map.Attractors[map.Ids[row * n + (n - 1 - column)]];
                if (Math.Abs(a.X + b.X) > 1e-9 || Math.Abs(a.Y - b.Y) > 1e-9)
                {
                    mismatches++;
                }
            }
        }

        Assert.True(mismatches <= n * n / 200, $"{mismatches} of {n * n} mirrored starts reached non-mirrored attractors");
    }

    [Fact]
    public void Ids_AreOrderedByLoss_AndIdZeroIsGlobal()
    {
        BasinMap map = MapRunner.Run(TestProblems.For("goldstein-price", 32), fixture.Engine);
        Assert.True(map.Attractors.Count >= 4);
        for (int id = 1; id < map.Attractors.Count; id++)
        {
            Assert.True(map.Attractors[id - 1].Loss <= map.Attractors[id].Loss + 1e-9);
        }

        Assert.True(map.Attractors[0].IsGlobal);
        Assert.Equal(3, map.Attractors[0].Loss, 9);
        long counted = map.Ids.Count(id => id >= 0);
        Assert.Equal(counted, map.Attractors.Sum(a => a.Count));
        double total = map.Attractors.Sum(a => a.Fraction) + map.Basins.DivergedFraction + map.Basins.UnconvergedFraction;
        Assert.Equal(1, total, 12);
    }

    private sealed class ReferenceRun(DescentProblem problem) : ISpecializedDescent
    {
        public double[] EndX { get; } = new double[problem.Grid.Count];

        public double[] EndY { get; } = new double[problem.Grid.Count];

        public DescentOutcome[] Outcomes { get; } = new DescentOutcome[problem.Grid.Count];

        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            GridSpec grid = problem.Grid;
            double radius = problem.DivergenceRadius;
            for (int row = 0; row < grid.Height; row++)
            {
                for (int column = 0; column < grid.Width; column++)
                {
                    T x = T.Of(grid.StartX(column)), y = T.Of(grid.StartY(row));
                    Descent.RunSingle(landscape, optimizer, ref x, ref y, problem.MaxSteps,
                        T.Of(problem.Tolerance * problem.Tolerance), T.Of(radius * radius), out T status, out _);
                    int i = row * grid.Width + column;
                    EndX[i] = T.GetLane(x, 0);
                    EndY[i] = T.GetLane(y, 0);
                    Outcomes[i] = (DescentOutcome)(int)T.GetLane(status, 0);
                }
            }
        }
    }
}
