using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Tests.Basins;

/// <summary>
/// The parallel counting pass of <see cref="BasinCatalog.Add(TileResult, int, Span{int})"/> against the pass it
/// replaced, one start at a time on one thread: the same buckets in the same order, the same counts and step sums,
/// the same outcome totals and every start's bucket index the same, whatever the chunk size.
/// </summary>
public sealed class BasinCatalogCountingTests
{
    // One start per chunk, chunks that split the SIMD groups of four, and the default.
    private static readonly int[] ChunkSizes = [1, 3, 4, 5, 777, 4096, BasinCatalog.CountingChunkStarts];

    [Theory]
    [InlineData("ackley", 160, 150, 100)] // hundreds of local minima; the cone at the origin never converges
    [InlineData("beale", 96, 300, 1)] // one minimum, but starts in the corners diverge and slow valleys run out of steps
    public void Add_RealDescentsInBands_MatchesOneStartAtATime(string landscape, int width, int steps, int leastBuckets)
    {
        DescentProblem problem = TestProblems.For(landscape, width, steps: steps);
        using var engine = new SimdDescentEngine();
        var whole = new TileResult(checked((int)problem.Grid.Count));
        engine.Run(problem, problem.Grid.Whole, whole);
        // Three bands of rows, as a map adds them: later bands meet the buckets of earlier ones.
        int[] bandEnds = [problem.Grid.Width * 7, problem.Grid.Width * (problem.Grid.Height / 2), whole.Capacity];
        TileResult[] bands = Bands(whole, bandEnds);

        Reference expected = Reference.Of(problem.Grid, bands);
        Assert.True(expected.Keys.Count >= leastBuckets, $"{landscape}: only {expected.Keys.Count} buckets; the test needs many");
        Assert.True(expected.Unconverged + expected.Diverged > 0, $"{landscape}: every start converged; the test needs other outcomes");
        if (landscape == "beale")
        {
            Assert.True(expected.Diverged > 0 && expected.Unconverged > 0, "beale: the test needs both diverged and unconverged starts");
        }

        foreach (int chunkStarts in ChunkSizes)
        {
            AssertSame(expected, Counted(problem.Landscape, problem.Grid, bands, chunkStarts), $"{landscape}, {chunkStarts} starts per chunk");
        }
    }

    [Fact]
    public void Add_SeededClustersEveryOutcomeAndEdgeValues_MatchesOneStartAtATime()
    {
        var grid = new GridSpec(new Box(-3, 5, -2, 2), 300, 200);
        var random = new Random(20261202);
        double size = BasinCatalog.BucketSizeOf(grid.Box);
        double[] centreX = Enumerable.Range(0, 400).Select(_ => -3 + 8 * random.NextDouble()).ToArray();
        double[] centreY = Enumerable.Range(0, 400).Select(_ => -2 + 4 * random.NextDouble()).ToArray();
        // Values where a key is easy to get wrong: NaN, infinities, beyond 32-bit bucket coordinates, signed
        // zeros, bucket edges (the origin plus whole buckets) and a hair either side of them.
        double[] edges =
        [
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 0.0, -0.0,
            -3 + size * int.MaxValue, -3 + size * int.MinValue, -3 + 2 * size * int.MaxValue, -3 - 2 * size * int.MaxValue,
            -3, -3 + size, -3 + 17 * size, Math.BitDecrement(-3 + 17 * size), Math.BitIncrement(-3 + 17 * size), double.Epsilon,
        ];

        var result = new TileResult(grid.Width * grid.Height);
        int start = 0;
        while (start < result.Capacity)
        {
            // Runs of starts in one cluster (the SIMD fast path), broken by other outcomes and edge values.
            int run = Math.Min(result.Capacity - start, random.Next(1, 40));
            int cluster = random.Next(centreX.Length);
            for (int i = start; i < start + run; i++)
            {
                double pick = random.NextDouble();
                result.Outcomes[i] = pick < 0.08 ? DescentOutcome.Diverged : pick < 0.16 ? DescentOutcome.Unconverged : DescentOutcome.Converged;
                result.Steps[i] = random.Next(0, 5000);
                if (pick > 0.97)
                {
                    result.EndX[i] = edges[random.Next(edges.Length)];
                    result.EndY[i] = edges[random.Next(edges.Length)];
                }
                else
                {
                    result.EndX[i] = centreX[cluster] + size * 0.3 * random.NextDouble();
                    result.EndY[i] = centreY[cluster] + size * 0.3 * random.NextDouble();
                }
            }

            start += run;
        }

        TileResult[] bands = Bands(result, [1, 5003, 5004, 30000, result.Capacity]);
        Reference expected = Reference.Of(grid, bands);
        Assert.True(expected.Keys.Count > 400, $"only {expected.Keys.Count} buckets");
        foreach (int chunkStarts in ChunkSizes)
        {
            AssertSame(expected, Counted(BuiltInLandscapes.Find("himmelblau")!, grid, bands, chunkStarts), $"{chunkStarts} starts per chunk");
        }
    }

    [Fact]
    public void Add_CountLargerThanResult_Throws()
    {
        var grid = new GridSpec(new Box(-1, 1, -1, 1), 4, 4);
        var catalog = new BasinCatalog(LandscapeProbe.For(BuiltInLandscapes.Find("himmelblau")!), grid);

        Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Add(new TileResult(8), 9, new int[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Add(new TileResult(16), 9, new int[8]));
    }

    private static void AssertSame(Reference expected, (BucketTable Table, int[] Ids) actual, string what)
    {
        Assert.True(expected.Keys.SequenceEqual(actual.Table.Keys), $"{what}: bucket keys or their order differ");
        Assert.True(expected.Counts.SequenceEqual(actual.Table.Counts), $"{what}: bucket counts differ");
        Assert.True(expected.StepSums.SequenceEqual(actual.Table.StepSums), $"{what}: step sums differ");
        Assert.Equal(expected.Diverged, actual.Table.Diverged);
        Assert.Equal(expected.Unconverged, actual.Table.Unconverged);
        Assert.Equal(expected.Ids.Length, actual.Table.Starts);
        int first = Enumerable.Range(0, expected.Ids.Length).FirstOrDefault(i => expected.Ids[i] != actual.Ids[i], -1);
        Assert.True(first < 0, $"{what}: start {first} has bucket {(first < 0 ? 0 : actual.Ids[first])}, expected {(first < 0 ? 0 : expected.Ids[first])}");
    }

    // The bands one after another into one catalog, with the chunk size given.
    private static (BucketTable Table, int[] Ids) Counted(LandscapeEntry landscape, GridSpec grid, TileResult[] bands, int chunkStarts)
    {
        var catalog = new BasinCatalog(LandscapeProbe.For(landscape), grid);
        var ids = new List<int>();
        foreach (TileResult band in bands)
        {
            // Room past the band's end, filled with a marker the pass must leave alone.
            int[] bandIds = Enumerable.Repeat(int.MinValue, band.Capacity + 3).ToArray();
            catalog.Add(band, band.Capacity, bandIds.AsSpan(), chunkStarts);
            Assert.All(bandIds[band.Capacity..], id => Assert.Equal(int.MinValue, id));
            ids.AddRange(bandIds[..band.Capacity]);
        }

        return (catalog.Export(), ids.ToArray());
    }

    private static TileResult[] Bands(TileResult whole, int[] ends)
    {
        var bands = new TileResult[ends.Length];
        int start = 0;
        for (int band = 0; band < ends.Length; band++)
        {
            int length = ends[band] - start;
            bands[band] = new TileResult(length);
            whole.EndX.AsSpan(start, length).CopyTo(bands[band].EndX);
            whole.EndY.AsSpan(start, length).CopyTo(bands[band].EndY);
            whole.Steps.AsSpan(start, length).CopyTo(bands[band].Steps);
            whole.Outcomes.AsSpan(start, length).CopyTo(bands[band].Outcomes);
            start = ends[band];
        }

        return bands;
    }

    /// <summary>The counting pass as it was: one thread, one start at a time, a dictionary of first-seen buckets.</summary>
    private sealed record Reference(List<long> Keys, List<long> Counts, List<double> StepSums, long Diverged, long Unconverged, int[] Ids)
    {
        public static Reference Of(GridSpec grid, TileResult[] bands)
        {
            double size = BasinCatalog.BucketSizeOf(grid.Box);
            var bucketOfKey = new Dictionary<long, int>();
            var keys = new List<long>();
            var counts = new List<long>();
            var stepSums = new List<double>();
            var ids = new List<int>();
            long diverged = 0, unconverged = 0;
            foreach (TileResult band in bands)
            {
                for (int i = 0; i < band.Capacity; i++)
                {
                    switch (band.Outcomes[i])
                    {
                        case DescentOutcome.Diverged:
                            ids.Add(BasinCatalog.DivergedId);
                            diverged++;
                            continue;
                        case DescentOutcome.Unconverged:
                            ids.Add(BasinCatalog.UnconvergedId);
                            unconverged++;
                            continue;
                    }

                    long key = BasinCatalog.KeyOf(band.EndX[i], band.EndY[i], grid.Box.X0, grid.Box.Y0, size);
                    if (!bucketOfKey.TryGetValue(key, out int bucket))
                    {
                        bucket = keys.Count;
                        bucketOfKey.Add(key, bucket);
                        keys.Add(key);
                        counts.Add(0);
                        stepSums.Add(0);
                    }

                    ids.Add(bucket);
                    counts[bucket]++;
                    stepSums[bucket] += band.Steps[i];
                }
            }

            return new Reference(keys, counts, stepSums, diverged, unconverged, ids.ToArray());
        }
    }
}
