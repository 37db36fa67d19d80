using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Metrics.Comparison;

namespace LandscapeGpu.Tests.Metrics.Comparison;

/// <summary>Attractors of several runs matched by location: within the clustering's merge distance, transitively, whatever the runs' order.</summary>
public sealed class AttractorMatchingTests
{
    // Himmelblau's usual box [-5, 5]^2: buckets of 10 / 1024, merged within 1.5 of them.
    private static readonly Box UsualBox = new(-5, 5, -5, 5);

    private static readonly double MatchDistance = 1.5 * 10.0 / 1024;

    private static StationaryPoint Point(int id, double x, double y, double loss, double fraction = 0.25, double meanSteps = 10) =>
        new(id, x, y, loss, StationaryKind.Minimum, Refined: true, Count: (long)(fraction * 10000), fraction, meanSteps, IsGlobal: loss == 0);

    private static ComparedRun[] ThreeRuns() =>
    [
        new("gd", [Point(0, 3, 2, 0, 0.4, 20), Point(1, -2.805118, 3.131313, 1e-12, 0.6, 30)]),
        // adam's copy of (3, 2) lies just inside the match distance; its third attractor is nobody else's.
        new("adam", [Point(0, 3 + 0.9 * MatchDistance, 2, 0, 0.5, 200), Point(1, 0.1, 0.1, 5, 0.3, 300), Point(2, -2.805118, 3.131313, 1e-12, 0.2, 100)]),
        new("momentum", [Point(0, -2.805118 + 1e-9, 3.131313, 1e-12, 1.0, 50)]),
    ];

    [Fact]
    public void MergeDistanceOf_UsualBox_IsOneAndAHalfBuckets()
    {
        Assert.Equal(MatchDistance, BasinCatalog.MergeDistanceOf(UsualBox), 15);
    }

    [Fact]
    public void Of_RunsReordered_SameRowsSharesAndOutcomes()
    {
        ComparedRun[] runs = ThreeRuns();
        AttractorMatching reference = AttractorMatching.Of(runs, UsualBox);
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (int[] order in orders)
        {
            AttractorMatching matching = AttractorMatching.Of(order.Select(i => runs[i]).ToArray(), UsualBox);

            Assert.Equal(Describe(reference), Describe(matching));
            foreach (ComparedRun run in runs)
            {
                int[] ids = run.Attractors.Select(point => point.Id).Append(-1).Append(-2).ToArray();
                Assert.Equal(reference.OutcomesOf(run.Name, ids), matching.OutcomesOf(run.Name, ids));
            }
        }
    }

    [Fact]
    public void Of_ThreeRuns_RowsByLossWithEachRunsShare()
    {
        AttractorMatching matching = AttractorMatching.Of(ThreeRuns(), UsualBox);

        Assert.Equal(3, matching.Rows.Count);
        MatchedAttractor first = matching.Rows[0];
        // The representative is the member of lowest loss, then x: gd's exact (3, 2) over adam's shifted copy.
        Assert.Equal((3.0, 2.0), (first.Representative.X, first.Representative.Y));
        Assert.Equal(["adam", "gd"], first.Shares.Keys);
        Assert.Equal(0.4, first.Shares["gd"].Fraction);
        Assert.Equal(200, first.Shares["adam"].MeanSteps);
        MatchedAttractor second = matching.Rows[1];
        Assert.Equal(["adam", "gd", "momentum"], second.Shares.Keys);
        Assert.Equal([2], second.Shares["adam"].Ids);
        Assert.Equal(["adam"], matching.Rows[2].Shares.Keys);
        Assert.Equal([0, 2, 1, -1, -2], matching.OutcomesOf("adam", [0, 1, 2, -1, -2]));
    }

    [Fact]
    public void Of_PointsJustBeyondTheMatchDistance_StayApart()
    {
        ComparedRun[] runs = [new("gd", [Point(0, 1, 1, 0)]), new("adam", [Point(0, 1 + 1.01 * MatchDistance, 1, 0)])];

        AttractorMatching matching = AttractorMatching.Of(runs, UsualBox);

        Assert.Equal(2, matching.Rows.Count);
        Assert.All(matching.Rows, row => Assert.Single(row.Shares));
    }

    [Fact]
    public void Of_ValleyWhoseExtentHoldsAnotherRunsPoint_Matched()
    {
        // One run ends along a valley y = 0, x in [-1, 1]; another converges to one point of it.
        var valley = Point(0, -0.9, 0, 0) with { Shape = StationaryShape.Valley, Extent = new Box(-1, 1, 0, 0), Members = 40 };
        ComparedRun[] runs = [new("gd", [valley]), new("newton", [Point(0, 0.5, 0, 0)])];

        AttractorMatching matching = AttractorMatching.Of(runs, UsualBox);

        MatchedAttractor row = Assert.Single(matching.Rows);
        Assert.Equal(["gd", "newton"], row.Shares.Keys);
        Assert.Equal("valley", row.Representative.KindName);
    }

    [Fact]
    public void Of_TwoRunsWithOneName_Throws()
    {
        ComparedRun[] runs = [new("gd", [Point(0, 1, 1, 0)]), new("gd", [Point(0, 2, 2, 0)])];

        var error = Assert.Throws<ArgumentException>(() => AttractorMatching.Of(runs, UsualBox));

        Assert.Contains("run names must be unique: gd, gd", error.Message);
    }

    [Fact]
    public void OutcomesOf_IdTheRunDoesNotHave_Throws()
    {
        AttractorMatching matching = AttractorMatching.Of(ThreeRuns(), UsualBox);

        var error = Assert.Throws<ArgumentException>(() => matching.OutcomesOf("momentum", [0, 1]));

        Assert.Contains("start 1 has id 1", error.Message);
    }

    private static string[] Describe(AttractorMatching matching) =>
        matching.Rows.Select(row => $"{row.Row} {row.Representative.X:R} {row.Representative.Y:R} {row.Representative.Loss:R} " +
            string.Join(" ", row.Shares.Select(share => $"{share.Key}:[{string.Join(",", share.Value.Ids)}]:{share.Value.Fraction:R}:{share.Value.MeanSteps:R}"))).ToArray();
}
