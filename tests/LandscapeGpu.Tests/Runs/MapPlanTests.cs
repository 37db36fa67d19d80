using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs;

/// <summary>The tiled-or-whole decision and the room a run needs, decided in one place before any work.</summary>
public sealed class MapPlanTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}");

    private static DescentProblem Problem(int width, int height) => TestProblems.For("himmelblau", width, height);

    [Fact]
    public void For_SmallGridAndNoTilingAsked_IsWhole()
    {
        MapPlan plan = MapPlan.For(Problem(512, 512), directory, tileSide: null, resume: false, shard: null, severalDevices: false);
        Assert.False(plan.Tiled);
        Assert.Empty(plan.PendingTiles);
    }

    [Theory]
    [InlineData(8, false, false, false)]
    [InlineData(null, true, false, false)]
    [InlineData(null, false, true, false)]
    [InlineData(null, false, false, true)]
    public void For_TileResumeShardOrSeveralDevices_IsTiled(int? tileSide, bool resume, bool sharded, bool severalDevices)
    {
        MapPlan plan = MapPlan.For(Problem(40, 24), directory, tileSide, resume, sharded ? ShardSpec.Parse("1/3") : null, severalDevices);
        Assert.True(plan.Tiled);
        Assert.Equal(tileSide ?? TileLayout.DefaultTileSide, plan.Layout!.TileSide);
        Assert.Equal(sharded ? plan.Layout.Count / 3 : plan.Layout.Count, plan.ShardTiles.Count);
    }

    [Fact]
    public void For_GridOverTheSingleFileLimit_IsTiled()
    {
        Assert.True(MapPlan.For(Problem(4097, 4096), directory, null, false, null, false).Tiled);
        Assert.False(MapPlan.For(Problem(4096, 4096), directory, null, false, null, false).Tiled);
    }

    [Fact]
    public void For_Resume_PendsOnlyTheShardsUnfinishedTiles()
    {
        DescentProblem problem = Problem(40, 24);
        var layout = new TileLayout(problem.Grid, 8);
        // Tiles are finished once their record is on disk.
        Directory.CreateDirectory(Path.Combine(directory, "tiles"));
        foreach (int done in new[] { 0, 2, 3 })
        {
            File.WriteAllText(Path.Combine(directory, "tiles", $"{layout.StemOf(done)}.json"), "{}");
        }

        MapPlan plan = MapPlan.For(problem, directory, 8, resume: true, ShardSpec.Parse("0/2"), severalDevices: false);

        Assert.Equal(Enumerable.Range(0, layout.Count).Where(index => index % 2 == 0), plan.ShardTiles);
        Assert.Equal(plan.ShardTiles.Where(index => index is not (0 or 2)), plan.PendingTiles);
        Assert.Equal(plan.ShardTiles, MapPlan.For(problem, directory, 8, resume: false, ShardSpec.Parse("0/2"), false).PendingTiles);
    }

    [Fact]
    public void EnsureFits_WholeMapOverTheMemoryGiven_ThrowsNamingTheGrid()
    {
        MapPlan plan = MapPlan.For(Problem(1000, 1000), directory, null, false, null, false);
        var error = Assert.Throws<GridTooLargeException>(() => plan.EnsureFits(directory, availableMemoryBytes: 1_000_000));
        Assert.Contains("1000x1000", error.Message, StringComparison.Ordinal);
        plan.EnsureFits(directory, availableMemoryBytes: 1L << 40);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
