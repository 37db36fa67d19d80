using LandscapeGpu.Descents;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Rendering.Tests.Figures;

public sealed class MapReductionTests
{
    [Fact]
    public void Reduce_LargerThanTheFigure_EachCellHoldsTheMajorityOfItsBlock()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 96));

        var (grid, ids, _) = MapReduction.Reduce(map, 24);

        Assert.Equal((24, 24), (grid.Width, grid.Height));
        for (int row = 0; row < 24; row++)
        {
            for (int column = 0; column < 24; column++)
            {
                var votes = new Dictionary<int, int>();
                for (int y = 4 * row; y < 4 * row + 4; y++)
                {
                    for (int x = 4 * column; x < 4 * column + 4; x++)
                    {
                        int id = map.Ids[y * 96 + x];
                        votes[id] = votes.GetValueOrDefault(id) + 1;
                    }
                }

                int winner = votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key;
                Assert.Equal(winner, ids[row * 24 + column]);
            }
        }
    }

    [Theory]
    [InlineData(96, 96, 24)]
    [InlineData(100, 37, 16)]
    [InlineData(5000, 1, 64)]
    public void Reduce_AnyShape_EqualsTheTiledOverviewsDownsampler(int width, int height, int maxSide)
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", width, height) with { MaxSteps = 200 });
        var downsampler = new MajorityDownsampler(map.Grid, maxSide);
        downsampler.Add(new TileSpec(0, 0, width, height), map.Ids, map.Steps);

        var (grid, ids, steps) = MapReduction.Reduce(map, maxSide);

        (int[] expectedIds, int[] expectedSteps) = downsampler.Result();
        Assert.Equal(downsampler.Coarse, grid);
        Assert.Equal(expectedIds, ids);
        Assert.Equal(expectedSteps, steps);
    }

    [Fact]
    public void Reduce_SmallerThanTheFigure_ReturnsTheMapAsItIs()
    {
        BasinMap map = TestMaps.Run(TestMaps.Problem("himmelblau", 32));

        var (grid, ids, steps) = MapReduction.Reduce(map, 64);

        Assert.Equal(map.Grid, grid);
        Assert.Same(map.Ids, ids);
        Assert.Same(map.Steps, steps);
    }

    [Fact]
    public void MeanOfWinners_HyperbolaPositions_EachCellHoldsTheMeanPositionOfItsBlocksWinners()
    {
        BasinMap map = TestMaps.Hyperbola(96);
        float[] positions = map.ValleyPositions;

        var (_, ids, _) = MapReduction.Reduce(map, 24);
        float[] means = MapReduction.MeanOfWinners(map, 24, ids, positions);

        Assert.Equal(24 * 24, means.Length);
        for (int cell = 0; cell < means.Length; cell++)
        {
            int row = cell / 24, column = cell % 24;
            var winners = new List<double>();
            for (int y = 4 * row; y < 4 * row + 4; y++)
            {
                for (int x = 4 * column; x < 4 * column + 4; x++)
                {
                    if (map.Ids[y * 96 + x] == ids[cell] && !float.IsNaN(positions[y * 96 + x]))
                    {
                        winners.Add(positions[y * 96 + x]);
                    }
                }
            }

            Assert.Equal(winners.Count == 0 ? float.NaN : (float)winners.Average(), means[cell]);
        }

        Assert.Contains(means, m => !float.IsNaN(m));
        Assert.Same(positions, MapReduction.MeanOfWinners(map, 96, map.Ids, positions));
    }

    [Fact]
    public void MeanOfWinners_HyperbolaPositions_EqualsTheTiledOverviewsDownsampler()
    {
        BasinMap map = TestMaps.Hyperbola(96);
        var downsampler = new MajorityDownsampler(map.Grid, 24, averagesPositions: true);
        downsampler.Add(new TileSpec(0, 0, 96, 96), map.Ids, map.Steps, map.ValleyPositions);

        var (_, ids, _) = MapReduction.Reduce(map, 24);
        float[] means = MapReduction.MeanOfWinners(map, 24, ids, map.ValleyPositions);

        Assert.Equal(downsampler.Result().Ids, ids);
        Assert.Equal(downsampler.Positions, means);
    }
}
