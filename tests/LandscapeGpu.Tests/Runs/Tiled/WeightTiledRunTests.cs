using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Runs.Tiled;

public sealed class WeightTiledRunTests : IDisposable
{
    private const string Xor = "w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"weight-tiles-{Guid.NewGuid():N}");

    // The 2-2-1 tanh network on XOR in all nine weights, 11x9 starts of (w1, w2): tiles of 4 leave a narrower last column and row.
    private static (WeightModelEntry Entry, WeightDescentProblem Problem, DescentProblem Slice) Xor9(Precision precision)
    {
        WeightModelEntry entry = WeightModels.Create(new WeightModelSpec(Xor, DataSets.Load("xor")));
        var grid = new GridSpec(new Box(-3, 3, -3, 3), 11, 9);
        var problem = new WeightDescentProblem(new OptimizerSettings(OptimizerKind.GradientDescent, 0.1).Validated(), grid, 1200, 1e-4, precision,
            [0, 0, 0.1, -0.5, 0.7, -0.2, 0.9, -0.8, 0.05], 0, 1).Validated();
        // The identity's 2-D part only: any slice with this grid and these rules keys the run.
        DescentProblem slice = TestProblems.For("himmelblau", 11, 9, precision: precision, box: grid.Box, learningRate: 0.1, steps: 1200, tolerance: 1e-4);
        return (entry, problem, slice);
    }

    private RunDirectory Open(string path, DescentProblem slice, WeightModelEntry entry, WeightDescentProblem problem, ShardSpec shard, bool resume)
    {
        var layout = new TileLayout(problem.Grid, 4);
        return RunDirectory.Open(path, WeightTiledRun.Identity(slice, problem, entry.Trained, layout.TileSide), layout, shard, resume);
    }

    [Theory]
    [InlineData(Precision.F32)]
    [InlineData(Precision.F64)]
    public void Finish_UnevenTiles_GivesTheUntiledMapExactly(Precision precision)
    {
        (WeightModelEntry entry, WeightDescentProblem problem, DescentProblem slice) = Xor9(precision);
        using var engine = new SimdDescentEngine();
        WeightBasinMap whole = WeightMapRunner.Run(entry, problem, engine);

        RunDirectory run = Open(directory, slice, entry, problem, ShardSpec.Whole, resume: false);
        TiledRunStats stats = WeightTiledRun.Run(entry, problem, run, engine);
        Assert.Equal(9, stats.ComputedTiles);
        WeightBasinMap tiled = WeightTiledRun.Finish(run, entry, problem);

        AssertSameMap(whole, tiled);
    }

    [Fact]
    public void Run_CancelledAfterSomeTiles_KeepsThemAndAResumeFinishesTheSameMap()
    {
        (WeightModelEntry entry, WeightDescentProblem problem, DescentProblem slice) = Xor9(Precision.F32);
        using var engine = new SimdDescentEngine();
        WeightBasinMap whole = WeightMapRunner.Run(entry, problem, engine);

        RunDirectory first = Open(directory, slice, entry, problem, ShardSpec.Whole, resume: false);
        using var cancellation = new CancellationTokenSource();
        var stop = new Progress(progress =>
        {
            if (progress.Devices[0].Tiles == 3)
            {
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => WeightTiledRun.Run(entry, problem, first, engine, stop, cancellation.Token));
        Assert.Equal(3, first.DoneTiles().Count());
        Assert.Throws<RunConflictException>(() => WeightTiledRun.Finish(first, entry, problem));

        RunDirectory resumed = Open(directory, slice, entry, problem, ShardSpec.Whole, resume: true);
        Assert.Equal(6, WeightTiledRun.Run(entry, problem, resumed, engine).ComputedTiles);
        AssertSameMap(whole, WeightTiledRun.Finish(resumed, entry, problem));
    }

    [Fact]
    public void Merge_TwoShards_FinishesTheUntiledMapAndRefusesOtherStarts()
    {
        (WeightModelEntry entry, WeightDescentProblem problem, DescentProblem slice) = Xor9(Precision.F32);
        using var engine = new SimdDescentEngine();
        WeightBasinMap whole = WeightMapRunner.Run(entry, problem, engine);
        string[] shards = [Path.Combine(directory, "s0"), Path.Combine(directory, "s1")];
        for (int shard = 0; shard < 2; shard++)
        {
            RunDirectory part = Open(shards[shard], slice, entry, problem, new ShardSpec(shard, 2), resume: false);
            WeightTiledRun.Run(entry, problem, part, engine);
        }

        RunDirectory merged = ShardMerger.Merge(shards, Path.Combine(directory, "merged"));
        Assert.True(merged.Identity.IsWeightMap);
        AssertSameMap(whole, WeightTiledRun.Finish(merged, entry, problem));

        // A shard whose other weights started elsewhere is another run: the start field names the difference.
        string other = Path.Combine(directory, "other");
        WeightDescentProblem moved = problem with { Start = [0, 0, 0.1, -0.5, 0.7, -0.2, 0.9, -0.8, 0.5] };
        WeightTiledRun.Run(entry, moved, Open(other, slice, entry, moved, new ShardSpec(1, 2), resume: false), engine);
        var error = Assert.Throws<RunConflictException>(() => ShardMerger.Merge([shards[0], other], Path.Combine(directory, "mixed")));
        Assert.Contains("start '", error.Message);
    }

    private static void AssertSameMap(WeightBasinMap expected, WeightBasinMap actual)
    {
        // Several attractors and unconverged starts: equal arrays are not equal by being uniform.
        Assert.True(expected.Basins.Attractors.Count >= 2, $"{expected.Basins.Attractors.Count} attractors");
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Endpoints, actual.Endpoints);
        Assert.Equal(expected.ValleyPositions, actual.ValleyPositions);
        Assert.Equal(expected.DescentSteps, actual.DescentSteps);
        Assert.Equal(expected.Basins.DivergedFraction, actual.Basins.DivergedFraction);
        Assert.Equal(expected.Basins.UnconvergedFraction, actual.Basins.UnconvergedFraction);
        Assert.Equal(expected.Basins.Attractors.Count, actual.Basins.Attractors.Count);
        for (int i = 0; i < expected.Basins.Attractors.Count; i++)
        {
            WeightSpaceAttractor a = expected.Basins.Attractors[i], b = actual.Basins.Attractors[i];
            Assert.Equal(a.Weights, b.Weights);
            Assert.Equal(a.Loss, b.Loss);
            Assert.Equal(a.Count, b.Count);
            Assert.Equal(a.KindName, b.KindName);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Reports on the calling thread, so that the cancellation lands before the next tile starts.
    private sealed class Progress(Action<TiledProgress> report) : IProgress<TiledProgress>
    {
        public void Report(TiledProgress value) => report(value);
    }
}
