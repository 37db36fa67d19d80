using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs.Tiled;

public sealed class MajorityDownsamplerTests
{
    private static readonly Box Unit = new(0, 1, 0, 1);

    [Fact]
    public void Result_BlocksOfTwo_TakesTheMostFrequentIdAndBreaksTiesToTheSmallerId()
    {
        var grid = new GridSpec(Unit, 4, 2);
        int[] ids = [3, 3, 1, 2, 3, 0, 2, 1];
        int[] steps = [10, 20, 1, 1, 30, 5, 3, 9];
        var downsampler = new MajorityDownsampler(grid, 2);

        downsampler.Add(grid.Whole, ids, steps);
        (int[] coarseIds, int[] coarseSteps) = downsampler.Result();

        Assert.Equal(new GridSpec(Unit, 2, 1), downsampler.Coarse);
        Assert.Equal([3, 1], coarseIds);
        Assert.Equal([20, 5], coarseSteps);
    }

    [Fact]
    public void Result_TilesInRandomOrderStraddlingBlocks_EqualsOneWholeTile()
    {
        var grid = new GridSpec(Unit, 37, 29);
        var random = new Random(20261128);
        int[] ids = Enumerable.Range(0, 37 * 29).Select(_ => random.Next(-2, 4)).ToArray();
        int[] steps = Enumerable.Range(0, 37 * 29).Select(_ => random.Next(0, 100)).ToArray();
        var whole = new MajorityDownsampler(grid, 8);
        whole.Add(grid.Whole, ids, steps);

        var layout = new TileLayout(grid, 6);
        var tiled = new MajorityDownsampler(grid, 8);
        foreach (int index in Enumerable.Range(0, layout.Count).OrderBy(_ => random.Next()))
        {
            TileSpec tile = layout[index];
            int[] tileIds = new int[tile.Count], tileSteps = new int[tile.Count];
            for (int row = 0; row < tile.Height; row++)
            {
                Array.Copy(ids, (tile.Y + row) * grid.Width + tile.X, tileIds, row * tile.Width, tile.Width);
                Array.Copy(steps, (tile.Y + row) * grid.Width + tile.X, tileSteps, row * tile.Width, tile.Width);
            }

            tiled.Add(tile, tileIds, tileSteps);
        }

        Assert.Equal(whole.Result().Ids, tiled.Result().Ids);
        Assert.Equal(whole.Result().Steps, tiled.Result().Steps);
    }

    [Fact]
    public void Result_TileMissing_ThrowsCountingTheEmptyCells()
    {
        var grid = new GridSpec(Unit, 4, 4);
        var downsampler = new MajorityDownsampler(grid, 2);
        downsampler.Add(new TileSpec(0, 0, 4, 2), new int[8], new int[8]);

        var error = Assert.Throws<InvalidOperationException>(() => downsampler.Result());
        Assert.Contains("2 cells of the 2x2 overview lack starts", error.Message);
    }
}
