using LandscapeGpu.Cli;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Runs.Tiled;

/// <summary>Tiled, multi-engine and sharded runs against the untiled <see cref="MapRunner"/>, array for array.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class TiledRunTests(IlgpuCpuEngineFixture fixture) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"tiled-{Guid.NewGuid():N}");

    // Rastrigin has a hundred attractors in its box: id order and bucket merging are well exercised.
    private static DescentProblem Rastrigin() => TestProblems.For("rastrigin", 61, 47, steps: 300);

    [Theory]
    [InlineData("himmelblau", 16)]
    [InlineData("rastrigin", 13)]
    [InlineData("quartic", 7)]
    public void Run_TileSideNotDividingTheGrid_EqualsTheUntiledRunArrayForArray(string landscape, int tileSide)
    {
        DescentProblem problem = landscape == "rastrigin" ? Rastrigin() : TestProblems.For(landscape, 50, landscape == "quartic" ? 1 : 37);
        Assert.NotEqual(0, problem.Grid.Width % tileSide);
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);

        BasinMap tiled = RunTiled(problem, tileSide, Path.Combine(root, "run"), [fixture.Engine]);

        AssertSameMap(untiled, tiled);
    }

    [Fact]
    public void Run_TwoEnginesAtOnce_EqualsTheUntiledRun()
    {
        DescentProblem problem = Rastrigin();
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        using IDescentEngine second = EngineFactory.Create(DeviceChoice.IlgpuCpu);

        var progress = new RecordingProgress();
        var directory = RunDirectory.Open(Path.Combine(root, "two"), problem, new TileLayout(problem.Grid, 8), ShardSpec.Whole, resume: false);
        TiledRunStats stats = TiledRunner.Run(problem, directory, [fixture.Engine, second], progress);
        BasinMap tiled = TiledMaps.Whole(directory, TiledFinalizer.Finish(directory, problem));

        AssertSameMap(untiled, tiled);
        Assert.Equal(2, stats.Devices.Count);
        Assert.Equal(directory.Layout.Count, stats.Devices.Sum(d => d.Tiles));
        Assert.Equal(problem.Grid.Count, progress.Last!.Done);
        Assert.Equal(2, progress.Last.Devices.Count);
    }

    [Fact]
    public void Run_TwoSimdCpuEnginesAndOddTiles_EqualsTheUntiledSimdRun()
    {
        DescentProblem problem = Rastrigin();
        using IDescentEngine first = EngineFactory.Create(DeviceChoice.Cpu), second = EngineFactory.Create(DeviceChoice.Cpu);
        BasinMap untiled = MapRunner.Run(problem, first);

        BasinMap tiled = RunTiled(problem, 13, Path.Combine(root, "simd"), [first, second]);

        AssertSameMap(untiled, tiled);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Merge_ShardsOfOneRun_EqualsTheSingleRun(int shardCount)
    {
        DescentProblem problem = Rastrigin();
        BasinMap single = MapRunner.Run(problem, fixture.Engine);
        var layout = new TileLayout(problem.Grid, 10);
        var shardPaths = new List<string>();
        for (int k = 0; k < shardCount; k++)
        {
            string path = Path.Combine(root, $"shard-{k}");
            var shard = RunDirectory.Open(path, problem, layout, new ShardSpec(k, shardCount), resume: false);
            TiledRunner.Run(problem, shard, [fixture.Engine]);
            Assert.All(Enumerable.Range(0, layout.Count), index => Assert.Equal(index % shardCount == k, shard.IsDone(index)));
            shardPaths.Add(path);
        }

        RunDirectory merged = ShardMerger.Merge(shardPaths, Path.Combine(root, "merged"));
        BasinMap result = TiledMaps.Whole(merged, TiledFinalizer.Finish(merged, merged.Problem()));

        AssertSameMap(single, result);
    }

    [Fact]
    public void Finish_RunTwice_GivesTheSameIdsAndKeepsNoBucketFiles()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 30, 20);
        string path = Path.Combine(root, "twice");
        BasinMap first = RunTiled(problem, 8, path, [fixture.Engine]);
        var directory = RunDirectory.Open(path, problem, new TileLayout(problem.Grid, 8), ShardSpec.Whole, resume: true);
        BasinMap second = TiledMaps.Whole(directory, TiledFinalizer.Finish(directory, problem));

        AssertSameMap(first, second);
        Assert.Empty(Directory.GetFiles(directory.TilesPath, "*.buckets.npy"));
        Assert.True(File.Exists(Path.Combine(directory.TilesPath, TiledFinalizer.IndexName)));
    }

    [Fact]
    public void Open_ChangedCommandLine_RefusesNamingTheDifference()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 30, 20);
        string path = Path.Combine(root, "changed");
        RunDirectory.Open(path, problem, new TileLayout(problem.Grid, 8), ShardSpec.Whole, resume: false);
        DescentProblem other = TestProblems.For("himmelblau", 30, 20, steps: 77);

        var error = Assert.Throws<RunConflictException>(() =>
            RunDirectory.Open(path, other, new TileLayout(other.Grid, 8), ShardSpec.Whole, resume: true));
        Assert.Contains("holds a different run (steps '1000' there, '77' here)", error.Message);
    }

    [Fact]
    public void Open_SameRunWithoutResume_RefusesAndSuggestsResume()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 30, 20);
        string path = Path.Combine(root, "again");
        RunDirectory.Open(path, problem, new TileLayout(problem.Grid, 8), ShardSpec.Whole, resume: false);

        var error = Assert.Throws<RunConflictException>(() =>
            RunDirectory.Open(path, problem, new TileLayout(problem.Grid, 8), ShardSpec.Whole, resume: false));
        Assert.Contains("already holds this run (0 of 12 tiles done); add --resume", error.Describe(UsageException.FlagOf));
        Assert.Contains("add resume to finish it, or use another out", error.Message);
    }

    [Fact]
    public void Run_ResumedAfterSomeTilesAndAHalfWrittenOne_ComputesOnlyTheRestAndEqualsTheUntiledRun()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 30, 20);
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        string path = Path.Combine(root, "resume");
        var layout = new TileLayout(problem.Grid, 8);
        var first = RunDirectory.Open(path, problem, layout, ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, first, [fixture.Engine]);
        // Undo three tiles as an interruption would leave them: no record, stale arrays, a temporary.
        foreach (int index in new[] { 1, 5, 11 })
        {
            File.Delete(first.FileOf(index, "json"));
        }

        File.WriteAllText(first.FileOf(5, "steps.npy"), "half");
        File.WriteAllText(first.FileOf(11, "json") + AtomicFile.TemporaryMarker + "123", "{\"tile\": [");

        var resumed = RunDirectory.Open(path, problem, layout, ShardSpec.Whole, resume: true);
        TiledRunStats stats = TiledRunner.Run(problem, resumed, [fixture.Engine]);
        BasinMap result = TiledMaps.Whole(resumed, TiledFinalizer.Finish(resumed, problem));

        Assert.Equal(3, stats.ComputedTiles);
        Assert.Empty(Directory.GetFiles(resumed.TilesPath, $"*{AtomicFile.TemporaryMarker}*"));
        AssertSameMap(untiled, result);
    }

    [Fact]
    public void Overview_OfAFinishedRun_IsTheMajorityOfEachBlockOfTheWholeMap()
    {
        DescentProblem problem = TestProblems.For("rastrigin", 61, 47, steps: 300);
        string path = Path.Combine(root, "overview");
        var layout = new TileLayout(problem.Grid, 9);
        var directory = RunDirectory.Open(path, problem, layout, ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, directory, [fixture.Engine]);
        FinishedRun run = TiledFinalizer.Finish(directory, problem);
        BasinMap whole = TiledMaps.Whole(directory, run);

        var downsampler = new MajorityDownsampler(problem.Grid, 20);
        downsampler.Add(problem.Grid.Whole, whole.Ids, whole.Steps);
        (int[] expected, _) = downsampler.Result();
        var tiled = new MajorityDownsampler(problem.Grid, 20);
        for (int index = layout.Count - 1; index >= 0; index--)
        {
            TileSpec tile = layout[index];
            tiled.Add(tile, NpyReader.Read<int>(directory.FileOf(index, "basins.npy")).Data, NpyReader.Read<int>(directory.FileOf(index, "steps.npy")).Data);
        }

        Assert.Equal(expected, tiled.Result().Ids);
        Assert.Equal(new GridSpec(problem.Grid.Box, 16, 12), tiled.Coarse);
    }

    private BasinMap RunTiled(DescentProblem problem, int tileSide, string path, IReadOnlyList<IDescentEngine> engines)
    {
        var directory = RunDirectory.Open(path, problem, new TileLayout(problem.Grid, tileSide), ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, directory, engines);
        return TiledMaps.Whole(directory, TiledFinalizer.Finish(directory, problem));
    }

    internal static void AssertSameMap(BasinMap expected, BasinMap actual)
    {
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.EndX, actual.EndX);
        Assert.Equal(expected.EndY, actual.EndY);
        Assert.Equal(expected.DescentSteps, actual.DescentSteps);
        Assert.Equal(expected.Basins.DivergedFraction, actual.Basins.DivergedFraction);
        Assert.Equal(expected.Basins.UnconvergedFraction, actual.Basins.UnconvergedFraction);
        Assert.Equal(expected.Attractors, actual.Attractors);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class RecordingProgress : IProgress<TiledProgress>
    {
        public TiledProgress? Last { get; private set; }

        public void Report(TiledProgress value) => Last = value;
    }
}
