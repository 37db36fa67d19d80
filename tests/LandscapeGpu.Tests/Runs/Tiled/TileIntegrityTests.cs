using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Runs.Tiled;

/// <summary>Tile files are trusted only when they match the content hashes in their records.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class TileIntegrityTests(IlgpuCpuEngineFixture fixture) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"integrity-{Guid.NewGuid():N}");

    private static DescentProblem Problem() => TestProblems.For("himmelblau", 30, 20);

    private static TileLayout Layout(DescentProblem problem) => new(problem.Grid, 8);

    [Fact]
    public void Open_WithResumeAfterAByteFlippedInEachKindOfTileFile_RecomputesThoseTilesAndEqualsTheUntiledRun()
    {
        DescentProblem problem = Problem();
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        string path = Path.Combine(root, "run");
        var first = RunDirectory.Open(path, problem, Layout(problem), ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, first, [fixture.Engine]);
        FlipLastByte(first.FileOf(1, RunDirectory.BucketsKind));
        FlipLastByte(first.FileOf(4, RunDirectory.StepsKind));
        FlipLastByte(first.FileOf(7, RunDirectory.EndpointsKind));
        Truncate(first.FileOf(10, "json"));

        var resumed = RunDirectory.Open(path, problem, Layout(problem), ShardSpec.Whole, resume: true);

        Assert.Equal(4, resumed.Damaged.Count);
        Assert.Contains(resumed.Damaged, line => line.Contains(first.FileOf(1, RunDirectory.BucketsKind), StringComparison.Ordinal));
        Assert.Contains(resumed.Damaged, line => line.Contains(first.FileOf(4, RunDirectory.StepsKind), StringComparison.Ordinal));
        Assert.Contains(resumed.Damaged, line => line.Contains(first.FileOf(7, RunDirectory.EndpointsKind), StringComparison.Ordinal));
        Assert.Contains(resumed.Damaged, line => line.Contains(first.FileOf(10, "json"), StringComparison.Ordinal));
        Assert.Equal([1, 4, 7, 10], Enumerable.Range(0, resumed.Layout.Count).Where(index => !resumed.IsDone(index)));
        TiledRunStats stats = TiledRunner.Run(problem, resumed, [fixture.Engine]);
        Assert.Equal(4, stats.ComputedTiles);
        TiledRunTests.AssertSameMap(untiled, TiledMaps.Whole(resumed, TiledFinalizer.Finish(resumed, problem)));
    }

    [Fact]
    public void Open_WithResumeAfterAFinishedTilesGlobalIdsWereZeroed_RecomputesThatTile()
    {
        DescentProblem problem = Problem();
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        string path = Path.Combine(root, "finished");
        var first = RunDirectory.Open(path, problem, Layout(problem), ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, first, [fixture.Engine]);
        TiledFinalizer.Finish(first, problem);
        string ids = first.FileOf(5, RunDirectory.BasinsKind);
        byte[] bytes = File.ReadAllBytes(ids);
        Array.Clear(bytes, 128, bytes.Length - 128);
        File.WriteAllBytes(ids, bytes);

        var resumed = RunDirectory.Open(path, problem, Layout(problem), ShardSpec.Whole, resume: true);
        Assert.Contains(ids, Assert.Single(resumed.Damaged), StringComparison.Ordinal);
        TiledRunner.Run(problem, resumed, [fixture.Engine]);

        TiledRunTests.AssertSameMap(untiled, TiledMaps.Whole(resumed, TiledFinalizer.Finish(resumed, problem)));
    }

    [Fact]
    public void Finish_ATileFileDamagedAfterItWasWritten_ThrowsNamingTheFileBeforeWritingAnything()
    {
        DescentProblem problem = Problem();
        var directory = RunDirectory.Open(Path.Combine(root, "damaged"), problem, Layout(problem), ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, directory, [fixture.Engine]);
        string steps = directory.FileOf(11, RunDirectory.StepsKind);
        FlipLastByte(steps);

        var error = Assert.Throws<DamagedRunException>(() => TiledFinalizer.Finish(directory, problem));

        Assert.Contains(steps, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.TilesPath, "*.basins.npy"));
        Assert.False(File.Exists(Path.Combine(directory.TilesPath, TiledFinalizer.IndexName)));
    }

    [Theory]
    [InlineData(RunDirectory.BucketsKind)]
    [InlineData(RunDirectory.StepsKind)]
    [InlineData(RunDirectory.EndpointsKind)]
    [InlineData("json")]
    public void Merge_AShardTileDamaged_RefusesNamingTheFileAndLeavesNoOutput(string kind)
    {
        DescentProblem problem = Problem();
        string[] shards = RunShards(problem, 2);
        var damaged = RunDirectory.OpenExisting(shards[1]);
        string file = damaged.FileOf(3, kind);
        if (kind == "json")
        {
            Truncate(file);
        }
        else
        {
            FlipLastByte(file);
        }

        string output = Path.Combine(root, "merged");
        var error = Assert.Throws<DamagedRunException>(() => ShardMerger.Merge(shards, output));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Equal(["shard-0", "shard-1"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Merge_OutputAlreadyHoldsFiles_RefusesUnlessReplaceThenEqualsTheSingleRun()
    {
        DescentProblem problem = Problem();
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        string[] shards = RunShards(problem, 3);
        string output = Path.Combine(root, "merged");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "old.txt"), "an earlier merge");

        var error = Assert.Throws<RunConflictException>(() => ShardMerger.Merge(shards, output));
        Assert.Contains("already exists and is not empty", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "old.txt")));

        RunDirectory merged = ShardMerger.Merge(shards, output, replace: true);

        Assert.False(File.Exists(Path.Combine(output, "old.txt")));
        TiledRunTests.AssertSameMap(untiled, TiledMaps.Whole(merged, TiledFinalizer.Finish(merged, problem)));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(root), entry => Path.GetFileName(entry).StartsWith('.'));
    }

    [Fact]
    public void Merge_AStaleTemporaryDirectoryOfAKilledMerge_IsDeleted()
    {
        DescentProblem problem = Problem();
        string[] shards = RunShards(problem, 2);
        string stale = Path.Combine(root, $".merged.merge{AtomicFile.TemporaryMarker}12345-00");
        Directory.CreateDirectory(Path.Combine(stale, "tiles"));

        ShardMerger.Merge(shards, Path.Combine(root, "merged"));

        Assert.False(Directory.Exists(stale));
    }

    private string[] RunShards(DescentProblem problem, int count)
    {
        var paths = new string[count];
        for (int k = 0; k < count; k++)
        {
            paths[k] = Path.Combine(root, $"shard-{k}");
            var shard = RunDirectory.Open(paths[k], problem, Layout(problem), new ShardSpec(k, count), resume: false);
            TiledRunner.Run(problem, shard, [fixture.Engine]);
        }

        return paths;
    }

    private static void FlipLastByte(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }

    private static void Truncate(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
