using LandscapeGpu.Basins;
using LandscapeGpu.Metrics.Comparison;

namespace LandscapeGpu.Tests.Metrics.Comparison;

/// <summary>Distinct outcomes per start of hand-made label maps, diverged and not converged counted as outcomes.</summary>
public sealed class DisagreementTests
{
    private const int Diverged = BasinCatalog.DivergedId;
    private const int Unconverged = BasinCatalog.UnconvergedId;

    [Fact]
    public void Count_HandMadePair_OneWhereTheyAgreeTwoWhereTheyDiffer()
    {
        // Two 3 x 2 maps of matched rows: they agree on row 0 of the grid, differ on row 1, diverged included.
        int[] first = [0, 1, Diverged, 2, 0, Unconverged];
        int[] second = [0, 1, Diverged, 1, Diverged, Diverged];

        byte[] counts = Disagreement.Count([first, second]);

        Assert.Equal(new byte[] { 1, 1, 1, 2, 2, 2 }, counts);
        Assert.Equal([0.5, 0.5], Disagreement.Shares(counts, 2));
    }

    [Fact]
    public void Count_ThreeRuns_CountsDistinctValuesNotRuns()
    {
        int[] gd = [0, 0, 0, 1];
        int[] momentum = [0, 1, 1, Unconverged];
        int[] adam = [0, 0, 2, Diverged];

        byte[] counts = Disagreement.Count([gd, momentum, adam]);

        Assert.Equal(new byte[] { 1, 2, 3, 3 }, counts);
        Assert.Equal([0.25, 0.25, 0.5], Disagreement.Shares(counts, 3));
    }

    [Fact]
    public void Count_ManyStartsAcrossChunks_SameAsAPlainLoop()
    {
        var random = new Random(17);
        int[][] runs = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 200_003).Select(_ => random.Next(-2, 3)).ToArray()).ToArray();

        byte[] counts = Disagreement.Count(runs);

        for (int i = 0; i < counts.Length; i++)
        {
            Assert.Equal(runs.Select(run => run[i]).Distinct().Count(), counts[i]);
        }
    }

    [Fact]
    public void Count_RunsOfDifferentLengths_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Disagreement.Count([[0, 1], [0]]));

        Assert.Contains("lengths 2, 1", error.Message);
    }
}
