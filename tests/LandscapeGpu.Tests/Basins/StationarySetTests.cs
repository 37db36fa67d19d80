using System.Text.Json;
using LandscapeGpu.Basins;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Basins;

/// <summary>
/// Valleys and plateaus: curves and regions of stationary points come out as one attractor each, on the SIMD CPU
/// engine (the grids here are too large for ILGPU's CPU simulator), and isolated points stay as they were.
/// </summary>
public sealed class StationarySetTests : IDisposable
{
    // Starts on the anti-diagonal of (x*y-1)^2 (256 of 65,536) run into the saddle; the rest split evenly.
    private const double HalfOfTheRest = 0.5 * (1 - 256.0 / 65536);

    // Fractions of a valley's basin: the grid's symmetric, so only starts that do not converge could differ.
    private const double FractionTolerance = 0.002;

    // Positions are per bucket (a thousandth of the box) along a tree of links a few start spacings long.
    private const double PositionTolerance = 0.03;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"sets-{Guid.NewGuid():N}");
    private readonly SimdDescentEngine engine = new();

    [Fact]
    public void Resolve_HyperbolaOfMinima_TwoValleysOfHalfTheStartsAndTheSaddle()
    {
        BasinMap map = MapRunner.Run(Hyperbola(256, Precision.F32), engine);

        Assert.Equal(3, map.Attractors.Count);
        StationaryPoint[] valleys = map.Attractors.Where(a => a.KindName == "valley").OrderBy(a => a.X).ToArray();
        Assert.Equal(2, valleys.Length);
        Assert.True(valleys[0].Extent.X1 < 0 && valleys[1].Extent.X0 > 0, string.Join("; ", valleys.Select(v => v.Extent)));
        Assert.All(valleys, v => Assert.InRange(v.Fraction, HalfOfTheRest - FractionTolerance, HalfOfTheRest + FractionTolerance));
        Assert.All(valleys, v => Assert.True(v.IsGlobal && v.Members > 100 && v.Loss < 1e-20, v.ToString()));
        // One eigenvalue zero along the curve, 2|(y, x)|^2 across it at the representative.
        Assert.All(valleys, v => Assert.Equal(2 * (v.X * v.X + v.Y * v.Y), v.HessianUpper, 1e-6));
        Assert.All(valleys, v => Assert.True(Math.Abs(v.HessianLower) <= Curvature.FlatRelative * v.HessianUpper, v.ToString()));
        StationaryPoint saddle = Assert.Single(map.Attractors, a => a.Kind == StationaryKind.Saddle);
        Assert.Equal((1, 0.0, 0.0), (saddle.Members, saddle.X, saddle.Y));
        Assert.Equal(new Box(0, 0, 0, 0), saddle.Extent);
        Assert.Equal((-2.0, 2.0), (saddle.HessianLower, saddle.HessianUpper));
    }

    [Fact]
    public void ValleyPositions_HyperbolaBranch_RunFromTheEndOfSmallerXAndAreHalfAtTheMiddle()
    {
        BasinMap map = MapRunner.Run(Hyperbola(128, Precision.F32), engine);
        float[] positions = map.ValleyPositions;
        for (int i = 0; i < positions.Length; i++)
        {
            StationaryPoint attractor = map.Attractors[map.Ids[i]];
            if (attractor.KindName != "valley")
            {
                Assert.True(float.IsNaN(positions[i]), $"start {i} reaches a {attractor.KindName} but has position {positions[i]}");
                continue;
            }

            // On x*y = 1 the arc from the end at smaller x passes (1, 1) (or (-1, -1)) halfway, by the x <-> y symmetry.
            double x = map.EndX[i], y = map.EndY[i];
            Assert.InRange(positions[i], 0, 1);
            if (Math.Abs(x - y) < 0.05)
            {
                Assert.InRange(positions[i], 0.5 - PositionTolerance, 0.5 + PositionTolerance);
            }
            else if (Math.Abs(x) < Math.Abs(y))
            {
                Assert.True((x > 0) == (positions[i] < 0.5), $"endpoint ({x}, {y}) at position {positions[i]}");
            }
        }
    }

    [Fact]
    public void Resolve_HyperbolaInFloat64_GivesTheSameSetsAsFloat32()
    {
        BasinMap f32 = MapRunner.Run(Hyperbola(128, Precision.F32), engine);
        BasinMap f64 = MapRunner.Run(Hyperbola(128, Precision.F64), engine);

        Assert.Equal(f32.Attractors.Select(a => (a.Id, a.KindName)), f64.Attractors.Select(a => (a.Id, a.KindName)));
        foreach ((StationaryPoint a, StationaryPoint b) in f32.Attractors.Zip(f64.Attractors))
        {
            Assert.Equal(a.Fraction, b.Fraction, FractionTolerance);
            Assert.Equal(a.Extent.X0, b.Extent.X0, 0.05);
            Assert.Equal(a.Extent.X1, b.Extent.X1, 0.05);
        }
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(50, 1)]
    [InlineData(40, 3)]
    public void Run_HyperbolaTiledOrSharded_EqualsTheUntiledRunPositionsIncluded(int tileSide, int shardCount)
    {
        DescentProblem problem = Hyperbola(128, Precision.F32);
        BasinMap untiled = MapRunner.Run(problem, engine);
        var layout = new TileLayout(problem.Grid, tileSide);
        var shardPaths = new List<string>();
        for (int k = 0; k < shardCount; k++)
        {
            string path = Path.Combine(root, $"shard-{k}");
            var shard = RunDirectory.Open(path, problem, layout, new ShardSpec(k, shardCount), resume: false);
            TiledRunner.Run(problem, shard, [engine]);
            shardPaths.Add(path);
        }

        RunDirectory merged = shardCount == 1 ? RunDirectory.Open(shardPaths[0], problem, layout, ShardSpec.Whole, resume: true) : ShardMerger.Merge(shardPaths, Path.Combine(root, "merged"));
        BasinMap tiled = TiledMaps.Whole(merged, TiledFinalizer.Finish(merged, problem));

        Assert.Equal(3, tiled.Attractors.Count);
        Assert.Equal(untiled.Attractors, tiled.Attractors);
        Assert.Equal(untiled.Ids, tiled.Ids);
        Assert.Equal(untiled.ValleyPositions, tiled.ValleyPositions);
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(40, 3)]
    public void Finish_HyperbolaOverTheSingleFileLimit_TilesAndOverviewHoldTheUntiledPositionsBitForBit(int tileSide, int shardCount)
    {
        DescentProblem problem = Hyperbola(96, Precision.F32);
        BasinMap untiled = MapRunner.Run(problem, engine);
        var layout = new TileLayout(problem.Grid, tileSide);
        var shardPaths = new List<string>();
        for (int k = 0; k < shardCount; k++)
        {
            string path = Path.Combine(root, $"shard-{k}");
            var shard = RunDirectory.Open(path, problem, layout, new ShardSpec(k, shardCount), resume: false);
            TiledRunner.Run(problem, shard, [engine]);
            shardPaths.Add(path);
        }

        RunDirectory merged = shardCount == 1 ? RunDirectory.Open(shardPaths[0], problem, layout, ShardSpec.Whole, resume: true) : ShardMerger.Merge(shardPaths, Path.Combine(root, "merged"));
        TiledRunOutputs.Finish(merged, FigureRequest.Default with { Renderer = MapImageRenderer.Cpu, Formats = [FigureFormat.Svg] }, problem, singleFileLimit: 0);

        Assert.False(File.Exists(Path.Combine(merged.Path, "valleyPosition.npy")));
        // The overview figure shades the valleys by position, and its legend says so.
        Assert.Contains(BasinFigure.ValleyRampNote, File.ReadAllText(Path.Combine(merged.Path, "basins.svg")), StringComparison.Ordinal);
        merged.EnsureIntact();
        using JsonDocument index = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged.TilesPath, TiledFinalizer.IndexName)));
        var assembled = new float[untiled.Ids.Length];
        foreach (JsonElement tile in index.RootElement.GetProperty("tiles").EnumerateArray())
        {
            int x = tile.GetProperty("x").GetInt32(), y = tile.GetProperty("y").GetInt32();
            int width = tile.GetProperty("width").GetInt32(), height = tile.GetProperty("height").GetInt32();
            (float[] positions, int[] shape) = NpyReader.Read<float>(Path.Combine(merged.TilesPath, tile.GetProperty("valleyPosition").GetString()!));
            Assert.Equal([height, width], shape);
            for (int row = 0; row < height; row++)
            {
                positions.AsSpan(row * width, width).CopyTo(assembled.AsSpan((y + row) * problem.Grid.Width + x));
            }
        }

        Assert.Equal(BitsOf(untiled.ValleyPositions), BitsOf(assembled));
        // The overview of a grid this small keeps every start: its positions are the untiled run's.
        BasinMap overview = TiledMaps.Overview(merged, TiledFinalizer.Finish(merged, problem));
        Assert.Equal(BitsOf(untiled.ValleyPositions), BitsOf(overview.ValleyPositions));
    }

    [Fact]
    public void Run_Twice_GivesTheSameSetsAndPositionsBitForBit()
    {
        BasinMap first = MapRunner.Run(Hyperbola(96, Precision.F32), engine);
        BasinMap second = MapRunner.Run(Hyperbola(96, Precision.F32), engine);

        Assert.Equal(first.Attractors, second.Attractors);
        Assert.Equal(first.ValleyPositions, second.ValleyPositions);
    }

    [Theory]
    [InlineData("(x + y - 1)^2", 1)]
    [InlineData("(x^2 + y^2 - 1)^2", 1)]
    [InlineData("((x + y)^2 - 0.01)^2", 2)]
    public void Resolve_CurvesOfMinima_OneValleyPerConnectedCurve(string formula, int valleys)
    {
        // ((x + y)^2 - 0.01)^2: two parallel lines 0.14 apart, closer than the link radius (0.25 here): the check along
        // a link between them must keep them apart (its midpoint is on the ridge x + y = 0, at loss 1e-4).
        bool close = formula.StartsWith("((x + y)^2", StringComparison.Ordinal);
        DescentProblem problem = Formula(formula, close ? new Box(-1, 1, -1, 1) : new Box(-2, 2, -2, 2), close ? 32 : 128, 0.01, Precision.F32);
        BasinMap map = MapRunner.Run(problem, engine);

        StationaryPoint[] found = map.Attractors.Where(a => a.Kind == StationaryKind.Minimum).ToArray();
        Assert.Equal(valleys, found.Length);
        Assert.All(found, a => Assert.Equal("valley", a.KindName));
        if (close)
        {
            // The starts on the ridge x + y = 0 have no gradient: they stay there, on a line of maxima.
            Assert.All(map.Attractors.Where(a => a.Kind != StationaryKind.Minimum), a => Assert.Equal("maximum-set", a.KindName));
        }
        else
        {
            Assert.Equal(1 - map.Basins.DivergedFraction - map.Basins.UnconvergedFraction, found.Sum(a => a.Fraction), 1e-9);
        }
    }

    [Fact]
    public void Resolve_TwoLayerLinearNetwork_OneValleyPerHyperbolaBranch()
    {
        // w2*w1*x fitted to y = 3x - 1: the least-squares slope (3, the intercept cannot be fitted) on w1*w2 = 3.
        LandscapeEntry entry = ModelLandscapes.Create(new ModelSpec("w2*w1*x", DataSets.Load("line")));
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, entry.Info.Defaults.LearningRate).Validated();
        var problem = new DescentProblem(entry, settings, new GridSpec(entry.Info.Box, 128, 128), entry.Info.Defaults.Steps, entry.Info.Defaults.Tolerance, Precision.F32);
        BasinMap map = MapRunner.Run(problem, engine);

        StationaryPoint[] valleys = map.Attractors.Where(a => a.KindName == "valley").OrderBy(a => a.X).ToArray();
        Assert.Equal(2, valleys.Length);
        Assert.True(valleys[0].Extent.X1 < 0 && valleys[1].Extent.X0 > 0);
        Assert.All(valleys, v => Assert.Equal(3, v.X * v.Y, 1e-6));
        Assert.All(valleys, v => Assert.InRange(v.Fraction, 0.4, 0.5));
    }

    [Fact]
    public void Resolve_DeadReluModel_OnePlateauTheGlobalMinimumAndFewAttractors()
    {
        BasinMap map = MapRunner.Run(DeadRelu(256), engine);

        Assert.True(map.Attractors.Count < 10, string.Join("; ", map.Attractors));
        StationaryPoint plateau = Assert.Single(map.Attractors, a => a.KindName == "plateau");
        StationaryPoint global = Assert.Single(map.Attractors, a => a.IsGlobal);
        Assert.Equal((1.5, -0.3), (Math.Round(global.X, 6), Math.Round(global.Y, 6)));
        Assert.InRange(global.Fraction, 0.40, 0.50);
        Assert.Equal(0, plateau.HessianLower);
        Assert.Equal(0, plateau.HessianUpper);
        // Starts inside the dead wedge w2 < -|w1| see no gradient: 0 steps, and they belong to the plateau.
        GridSpec grid = map.Grid;
        int inside = 0;
        for (int row = 0; row < grid.Height; row++)
        {
            for (int column = 0; column < grid.Width; column++)
            {
                double w1 = grid.StartX(column), w2 = grid.StartY(row);
                if (w2 < -Math.Abs(w1) - 0.05)
                {
                    int i = row * grid.Width + column;
                    Assert.Equal((0, plateau.Id), (map.Steps[i], map.Ids[i]));
                    inside++;
                }
            }
        }

        Assert.True(inside > grid.Count / 5, $"{inside} starts in the dead wedge");
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Resolve_BuiltIn_HasOnlyIsolatedPoints(string landscape)
    {
        BasinMap map = MapRunner.Run(TestProblems.For(landscape, 64), engine);

        Assert.All(map.Attractors, a => Assert.Equal((StationaryShape.Point, 1), (a.Shape, a.Members)));
        Assert.All(map.Attractors, a => Assert.Equal(new Box(a.X, a.X, a.Y, a.Y), a.Extent));
        Assert.All(map.ValleyPositions, p => Assert.True(float.IsNaN(p)));
        if (landscape == "himmelblau")
        {
            // Four distinct minima at the same loss stay four.
            Assert.Equal(4, map.Attractors.Count(a => a.IsGlobal));
        }
    }

    [Fact]
    public void Join_OneJoinableCandidateBesideIsolatedPoints_LeavesEachAloneWithoutPositionOrLinks()
    {
        LandscapeProbe probe = LandscapeProbe.For(FormulaLandscapes.Parse("(x*y-1)^2"));
        SetCandidate[] candidates =
        [
            new(1, 1, 0, default, 1, StationaryKind.Minimum, true),
            new(1.001, 0.999, 0, default, 0, StationaryKind.Minimum, false),
            new(-1, -1, 0, default, 0, StationaryKind.Minimum, false),
        ];

        SetPartition partition = StationarySets.Join(probe, candidates, 0.1, 0.001, 0.1);

        Assert.Equal([0, 1, 2], partition.SetOf);
        Assert.All(partition.Position, position => Assert.True(double.IsNaN(position)));
        Assert.Empty(partition.Links);
    }

    public static TheoryData<string> BuiltIns() => new(BuiltInLandscapes.All.Select(entry => entry.Info.Name));

    public void Dispose()
    {
        engine.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int[] BitsOf(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static DescentProblem Hyperbola(int grid, Precision precision) => Formula("(x*y-1)^2", new Box(-3, 3, -3, 3), grid, 0.01, precision);

    private static DescentProblem Formula(string formula, Box box, int grid, double learningRate, Precision precision)
    {
        LandscapeEntry entry = FormulaLandscapes.Parse(formula);
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, learningRate).Validated();
        double tolerance = precision == Precision.F32 ? 1e-3 : 1e-6;
        return new DescentProblem(entry, settings, new GridSpec(box, grid, grid), 1000, tolerance, precision);
    }

    // y = relu(1.5x - 0.3) on 32 points of [-1, 1], fitted by relu(w1*x + w2): where w1*x + w2 <= 0 for every x
    // (w2 <= -|w1|) the unit is dead and the loss is flat.
    private static DescentProblem DeadRelu(int grid)
    {
        var values = new double[64];
        for (int row = 0; row < 32; row++)
        {
            double x = -1 + 2.0 * row / 31;
            values[2 * row] = x;
            values[2 * row + 1] = Math.Max(0, 1.5 * x - 0.3);
        }

        LandscapeEntry entry = ModelLandscapes.Create(new ModelSpec("relu(w1*x + w2)", new DataSet("relu", ["x", "y"], values)));
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, entry.Info.Defaults.LearningRate).Validated();
        return new DescentProblem(entry, settings, new GridSpec(entry.Info.Box, grid, grid), entry.Info.Defaults.Steps, entry.Info.Defaults.Tolerance, Precision.F32);
    }
}
