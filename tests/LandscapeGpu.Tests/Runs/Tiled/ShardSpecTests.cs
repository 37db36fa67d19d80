using LandscapeGpu.Cli;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs.Tiled;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("3/2", "--shard '3/2' is invalid: N must be at least 1 and K between 0 and N-1 (here K 3 >= N 2)")]
    [InlineData("0/0", "--shard '0/0' is invalid: N must be at least 1 and K between 0 and N-1 (here N is 0)")]
    [InlineData("-1/4", "--shard '-1/4' is invalid: give K/N with whole numbers")]
    [InlineData("1", "--shard '1' is invalid: give K/N with whole numbers")]
    [InlineData("a/b", "--shard 'a/b' is invalid: give K/N with whole numbers")]
    public void Parse_Invalid_ThrowsNamingTheValue(string text, string expected)
    {
        var error = Assert.Throws<InvalidParameterException>(() => ShardSpec.Parse(text));
        Assert.Equal("shard", error.Parameter);
        Assert.StartsWith(expected, error.Describe(UsageException.FlagOf));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Owns_EveryShard_EachTileExactlyOnce(int count)
    {
        var layout = new TileLayout(new GridSpec(new Box(0, 1, 0, 1), 100, 90), 16);
        for (int tile = 0; tile < layout.Count; tile++)
        {
            Assert.Equal(1, Enumerable.Range(0, count).Count(k => new ShardSpec(k, count).Owns(tile)));
        }
    }

    [Fact]
    public void TileLayout_SideNotDividingTheGrid_CoversEveryStartOnce()
    {
        var grid = new GridSpec(new Box(0, 1, 0, 1), 100, 90);
        var layout = new TileLayout(grid, 16);
        var covered = new int[grid.Count];
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            for (int y = tile.Y; y < tile.Y + tile.Height; y++)
            {
                for (int x = tile.X; x < tile.X + tile.Width; x++)
                {
                    covered[y * grid.Width + x]++;
                }
            }
        }

        Assert.All(covered, count => Assert.Equal(1, count));
        Assert.Equal((7, 6), (layout.Columns, layout.Rows));
        Assert.Equal(new TileSpec(96, 80, 4, 10), layout[layout.Count - 1]);
        Assert.Equal("r0005-c0006", layout.StemOf(layout.Count - 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void TileLayout_SideOutOfRange_ThrowsNamingIt(int side)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new TileLayout(new GridSpec(new Box(0, 1, 0, 1), 8, 8), side));
        Assert.Equal($"--tile {side} is invalid: it must be between 1 and 4096", error.Describe(UsageException.FlagOf));
    }
}
