using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Basins.WeightSpace;

public sealed class WeightSpaceCatalogTests
{
    /// <summary>Refined points against analytic stationary points: Newton in float64 settles within a few ulps of weights of order 1.</summary>
    private const double PositionTolerance = 1e-12;

    /// <summary>Jacobi eigenvalues against closed forms: a few ulps of the Hessian's norm (about 10).</summary>
    private const double EigenvalueTolerance = 1e-12;

    private static readonly Box UnitBox = new(-2, 2, -2, 2);

    [Fact]
    public void Resolve_EndpointsScatteredAroundEveryStationaryPoint_FindsTheAnalyticPointsKindsAndEigenvalues()
    {
        var function = new CoupledWells();
        var grid = WeightSpaceGrid.For(3, UnitBox, 64, 64);
        double[][] minima = [[-1, -1, 0.5], [-1, 1, -0.5], [1, -1, -0.5], [1, 1, 0.5]];
        double[][] saddles = [[-1, 0, 0], [0, -1, 0], [0, 1, 0], [1, 0, 0]];
        double[] origin = [0, 0, 0];
        double[][] expected = [.. minima, .. saddles, origin];
        (double[] endpoints, int[] truth) = Scatter(expected, perPoint: 50, spread: 1.5 * grid.BucketSize, seed: 11);
        var catalog = new WeightSpaceCatalog(function, grid);
        int n = truth.Length;
        int[] steps = Enumerable.Range(0, n).Select(i => 10 + truth[i]).ToArray();
        int[] ids = new int[n];
        catalog.Add(endpoints, Enumerable.Repeat(DescentOutcome.Converged, n).ToArray(), steps, ids);

        WeightSpaceResolution resolution = catalog.Resolve();
        resolution.MapToIds(ids);

        Assert.Equal(9, resolution.Attractors.Count);
        Assert.True(catalog.BucketCount > 9, $"the scatter should hit several buckets per point, hit {catalog.BucketCount}");
        for (int id = 0; id < 9; id++)
        {
            WeightSpaceAttractor a = resolution.Attractors[id];
            Assert.Equal(id, a.Id);
            AssertClose(expected[id], a.Weights, PositionTolerance);
            Assert.True(a.Refined);
            Assert.Equal(StationaryShape.Point, a.Shape);
            Assert.Equal(id < 4 ? StationaryKind.Minimum : StationaryKind.Saddle, a.Kind);
            Assert.Equal(id < 4, a.IsGlobal);
            Assert.Equal(id < 4 ? 0 : id < 8 ? 1 : 2, a.Loss, 1e-20);
            Assert.Equal(50, a.Count);
            Assert.Equal(50.0 / 450, a.Fraction, 1e-15);
            Assert.Equal(10 + id, a.MeanSteps, 1e-12);
            Assert.Equal(0, a.FlatDirections);
        }

        // (1, 1, 1/2): (1, -1, 0) has eigenvalue 8; on (x, x, z) the Hessian acts as [[9, -1], [-2, 2]]: (11 ± √57) / 2.
        double[] atMinimum = [(11 - Math.Sqrt(57)) / 2, 8, (11 + Math.Sqrt(57)) / 2];
        AssertClose(atMinimum, resolution.Attractors[3].HessianEigenvalues, EigenvalueTolerance);
        // The origin: diag(-4, -4, 2), two directions of descent.
        AssertClose([-4, -4, 2], resolution.Attractors[8].HessianEigenvalues, EigenvalueTolerance);
        Assert.Equal("saddle", resolution.Attractors[8].KindName);
        Assert.Equal(truth, ids);
    }

    [Fact]
    public void Resolve_SwappedHiddenUnits_ReportsBothSymmetricMinimaAsDistinctAttractorsOfEqualLoss()
    {
        var function = new SwappedUnits();
        var box = new Box(-1, 1, -1, 1);
        var starts = ReferenceDescent.Grid([0, 0.3, 0, 0.3], 0, 2, box, 24, 24);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.05, 5000, 1e-7);
        var catalog = new WeightSpaceCatalog(function, WeightSpaceGrid.For(4, box, 24, 24));
        catalog.Add(endpoints, outcomes, steps, new int[starts.Count]);

        WeightSpaceResolution resolution = catalog.Resolve();

        Assert.Equal(3, resolution.Attractors.Count);
        WeightSpaceAttractor first = resolution.Attractors[0], second = resolution.Attractors[1], saddle = resolution.Attractors[2];
        AssertClose([-0.5, 1, 0.5, 1], first.Weights, PositionTolerance);
        AssertClose([0.5, 1, -0.5, 1], second.Weights, PositionTolerance);
        AssertClose([second.Weights[2], second.Weights[3], second.Weights[0], second.Weights[1]], first.Weights, PositionTolerance);
        Assert.Equal(first.Loss, second.Loss, 1e-20);
        Assert.All(new[] { first, second }, a => Assert.True(a.IsGlobal && a.Kind == StationaryKind.Minimum));
        AssertClose(first.HessianEigenvalues, second.HessianEigenvalues, EigenvalueTolerance);
        // The grid is symmetric under a <-> c, so each copy draws the same starts; the diagonal a = c keeps u = 0 and ends on the saddle.
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(24, saddle.Count);
        Assert.Equal(StationaryKind.Saddle, saddle.Kind);
        AssertClose([0, 1, 0, 1], saddle.Weights, PositionTolerance);
        Assert.Equal(1, saddle.Loss, 1e-20);
    }

    [Fact]
    public void Resolve_TanhNetworkFromAGrid_FindsSymmetricCopiesOfTheTeacherAsDistinctGlobalMinima()
    {
        var function = new TwoTanhUnits();
        var box = new Box(-3, 3, -3, 3);
        var starts = ReferenceDescent.Grid([0, 0.7, 0, -0.3], 0, 2, box, 12, 12);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.3, 20000, 1e-5);
        var catalog = new WeightSpaceCatalog(function, WeightSpaceGrid.For(4, box, 12, 12));
        catalog.Add(endpoints, outcomes, steps, new int[starts.Count]);

        WeightSpaceResolution resolution = catalog.Resolve();

        double[] t = TwoTanhUnits.Teacher;
        double[][] copies =
        [
            .. from first in new[] { 1, -1 }
               from second in new[] { 1, -1 }
               from swap in new[] { false, true }
               let unit1 = new[] { first * t[0], first * t[1] }
               let unit2 = new[] { second * t[2], second * t[3] }
               select swap ? unit2.Concat(unit1).ToArray() : unit1.Concat(unit2).ToArray(),
        ];
        var global = resolution.Attractors.Where(a => a.IsGlobal).ToList();
        Assert.True(global.Count >= 2, $"found {global.Count} global minima");
        var copyOf = global.Select(a => Array.FindIndex(copies, c => c.Zip(a.Weights).All(p => Math.Abs(p.First - p.Second) <= 1e-9))).ToList();
        Assert.DoesNotContain(-1, copyOf);
        Assert.Equal(global.Count, copyOf.Distinct().Count());
        Assert.All(global, a => Assert.Equal(0, a.Loss, 1e-20));
        Assert.All(global, a => Assert.Equal(StationaryShape.Point, a.Shape));
        Assert.All(global, a => AssertClose(global[0].HessianEigenvalues, a.HessianEigenvalues, 1e-9));
        Assert.Equal(global.Select(a => a.Id), Enumerable.Range(0, global.Count));
    }

    [Fact]
    public void Resolve_HyperbolaOfMinima_ReportsEachBranchAsOneValley()
    {
        var function = new HyperbolaValley();
        var starts = ReferenceDescent.Grid([0, 0, 0.5], 0, 1, UnitBox, 32, 32);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.05, 20000, 1e-8);
        var catalog = new WeightSpaceCatalog(function, WeightSpaceGrid.For(3, UnitBox, 32, 32));
        int[] ids = new int[starts.Count];
        catalog.Add(endpoints, outcomes, steps, ids);

        WeightSpaceResolution resolution = catalog.Resolve();
        var positions = new float[starts.Count];
        resolution.MapToValleyPositions(ids, positions);
        resolution.MapToIds(ids);

        Assert.Equal(0, resolution.UnconvergedFraction);
        var valleys = resolution.Attractors.Where(a => a.Shape == StationaryShape.Valley).ToList();
        Assert.Equal(2, valleys.Count);
        Assert.Equal([0, 1], valleys.Select(v => v.Id));
        foreach (WeightSpaceAttractor valley in valleys)
        {
            Assert.Equal("valley", valley.KindName);
            Assert.Equal(1, valley.FlatDirections);
            Assert.True(valley.IsGlobal);
            Assert.True(valley.Members > 10, $"a valley joins many buckets, this one {valley.Members}");
            Assert.Equal(0, valley.Loss, 1e-20);
            Assert.Equal(1, valley.Weights[0] * valley.Weights[1], 1e-12);
            Assert.True(valley.ExtentUpper[0] - valley.ExtentLower[0] > 1, "a branch spans a long stretch of the hyperbola");
        }

        Assert.True(valleys[0].Weights[0] < 0 && valleys[1].Weights[0] > 0);
        // Every start ends on a branch, except the anti-diagonal w1 = -w2, which slides into the saddle at the origin.
        WeightSpaceAttractor saddle = Assert.Single(resolution.Attractors, a => a.Shape == StationaryShape.Point);
        Assert.Equal(StationaryKind.Saddle, saddle.Kind);
        AssertClose([0, 0, 0], saddle.Weights, PositionTolerance);
        Assert.Equal(32, saddle.Count);
        for (int i = 0; i < starts.Count; i++)
        {
            double w1 = endpoints[3 * i];
            int expected = Math.Abs(starts[i][0] + starts[i][1]) < 1e-12 ? saddle.Id : w1 < 0 ? 0 : 1;
            Assert.Equal(expected, ids[i]);
            Assert.Equal(expected == saddle.Id, float.IsNaN(positions[i]));
        }

        // Along each branch the position runs from 0 at the end of smaller weights to 1, in the order of w1.
        foreach (int valley in new[] { 0, 1 })
        {
            var along = Enumerable.Range(0, starts.Count).Where(i => ids[i] == valley).OrderBy(i => endpoints[3 * i]).Select(i => positions[i]).ToList();
            Assert.True(along.Min() < 0.05 && along.Max() > 0.95, $"valley {valley} positions span [{along.Min()}, {along.Max()}]");
            int inversions = along.Zip(along.Skip(1)).Count(pair => pair.Second < pair.First - 0.05);
            Assert.Equal(0, inversions);
        }
    }

    [Fact]
    public void Resolve_FewEndpointsTwoLinkRadiiAlongTheirValley_JoinTheValley()
    {
        var function = new HyperbolaValley();
        var grid = WeightSpaceGrid.For(3, UnitBox, 32, 32);
        // Endpoints every 0.002 along w1·w2 = 1 for w1 in [0.8, 1.25], and a pair at w1 = 2.2 and 2.23: about 1.0 (two
        // link radii) beyond the others along the curve, a gap the descent's stretching leaves in K weights. The pair
        // links to itself first; as a fragment within one link radius it still looks farther.
        var weights = Enumerable.Range(0, 226).Select(i => 0.8 + 0.002 * i).Append(2.23).Append(2.2).ToList();
        double[] endpoints = weights.SelectMany(w1 => new[] { w1, 1 / w1, 0 }).ToArray();
        int n = weights.Count;
        var catalog = new WeightSpaceCatalog(function, grid);
        int[] ids = new int[n];
        catalog.Add(endpoints, Enumerable.Repeat(DescentOutcome.Converged, n).ToArray(), new int[n], ids);

        WeightSpaceResolution resolution = catalog.Resolve();
        resolution.MapToIds(ids);

        Assert.InRange(WeightNeighboursDistance(endpoints, n - 3, n - 1), grid.LinkRadius, 2.5 * grid.LinkRadius);
        WeightSpaceAttractor valley = Assert.Single(resolution.Attractors);
        Assert.Equal(StationaryShape.Valley, valley.Shape);
        Assert.Equal(2.23, valley.ExtentUpper[0], 2 * grid.BucketSize);
        Assert.All(ids, id => Assert.Equal(0, id));
    }

    private static double WeightNeighboursDistance(double[] endpoints, int a, int b) =>
        Math.Sqrt(Enumerable.Range(0, 3).Sum(k => (endpoints[3 * a + k] - endpoints[3 * b + k]) * (endpoints[3 * a + k] - endpoints[3 * b + k])));

    [Fact]
    public void Import_ValleyInTwoTilesOnFourThreads_GivesTheUntiledSetsIdsAndPositions()
    {
        var function = new HyperbolaValley();
        var starts = ReferenceDescent.Grid([0, 0, 0.5], 0, 1, UnitBox, 24, 24);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.05, 20000, 1e-8);
        var grid = WeightSpaceGrid.For(3, UnitBox, 24, 24);
        int n = starts.Count, half = n / 2;
        var whole = new WeightSpaceCatalog(function, grid);
        int[] wholeBuckets = new int[n];
        whole.Add(endpoints, outcomes, steps, wholeBuckets);
        var top = new WeightSpaceCatalog(function, grid);
        var bottom = new WeightSpaceCatalog(function, grid);
        int[] tileBuckets = new int[n];
        bottom.Add(endpoints.AsSpan(0, 3 * half), outcomes.AsSpan(0, half), steps.AsSpan(0, half), tileBuckets.AsSpan(0, half));
        top.Add(endpoints.AsSpan(3 * half), outcomes.AsSpan(half), steps.AsSpan(half), tileBuckets.AsSpan(half));
        var merged = new WeightSpaceCatalog(function, grid);
        int[] fromTop = merged.Import(top.Export()), fromBottom = merged.Import(bottom.Export());
        int[] mergedBuckets = Enumerable.Range(0, n).Select(i => tileBuckets[i] < 0 ? tileBuckets[i] : (i < half ? fromBottom : fromTop)[tileBuckets[i]]).ToArray();

        // The merged catalog also resolves on 4 threads (its valley's links walked in parallel batches).
        WeightSpaceResolution expected = whole.Resolve(), actual = merged.Resolve(degreeOfParallelism: 4);
        float[] expectedPositions = new float[n], actualPositions = new float[n];
        expected.MapToValleyPositions(wholeBuckets, expectedPositions);
        actual.MapToValleyPositions(mergedBuckets, actualPositions);
        expected.MapToIds(wholeBuckets);
        actual.MapToIds(mergedBuckets);

        Assert.Equal(2, expected.Attractors.Count(a => a.Shape == StationaryShape.Valley));
        Assert.Equal(expected.Attractors, actual.Attractors);
        Assert.Equal(wholeBuckets, mergedBuckets);
        Assert.Equal(expectedPositions, actualPositions);
    }

    [Fact]
    public void Resolve_HalfSpaceWhereTheHessianVanishes_ReportsOnePlateau()
    {
        // A learning rate small enough never to jump from outside the half-space deep into it: then every endpoint is on
        // one connected sheet (a jump would land on a line of the plateau farther than the link radius from the rest).
        var function = new HalfSpacePlateau();
        var box = new Box(-1, 1, -1, 1);
        var starts = ReferenceDescent.Grid([0, 0, 0], 0, 1, box, 24, 24);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.03, 20000, 1e-5);
        var catalog = new WeightSpaceCatalog(function, WeightSpaceGrid.For(3, box, 24, 24));
        int[] ids = new int[starts.Count];
        catalog.Add(endpoints, outcomes, steps, ids);

        WeightSpaceResolution resolution = catalog.Resolve();
        resolution.MapToIds(ids);

        Assert.Equal(1, outcomes.Count(o => o == DescentOutcome.Converged) / (double)starts.Count);
        WeightSpaceAttractor plateau = Assert.Single(resolution.Attractors);
        Assert.Equal(StationaryShape.Plateau, plateau.Shape);
        Assert.Equal("plateau", plateau.KindName);
        Assert.Equal(3, plateau.FlatDirections);
        Assert.Equal(1, plateau.Fraction);
        Assert.True(plateau.IsGlobal);
        Assert.True(plateau.Members > 100, $"the plateau holds most starts' buckets, it joined {plateau.Members}");
        Assert.All(ids, id => Assert.Equal(0, id));
        // Starts inside the half-space stay put (zero gradient, 0 steps); the others stop on its face.
        // Members are their buckets' centres (where the gradient is already zero): within half a bucket of the endpoints.
        Assert.Equal(-1 + 1.0 / 24, plateau.ExtentLower[0], catalog.Grid.BucketSize / 2);
        Assert.True(plateau.Weights[0] + plateau.Weights[1] + plateau.Weights[2] <= 0.5);
    }

    [Fact]
    public void Import_TablesOfChunksInAnyOrder_ResolvesExactlyAsOneCatalog()
    {
        var function = new CoupledWells();
        var starts = ReferenceDescent.Grid([0, 0, 0], 0, 1, UnitBox, 40, 40);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.02, 400, 1e-6);
        var grid = WeightSpaceGrid.For(3, UnitBox, 40, 40);
        int n = starts.Count;
        var whole = new WeightSpaceCatalog(function, grid);
        int[] wholeIds = new int[n];
        whole.Add(endpoints, outcomes, steps, wholeIds);
        WeightSpaceResolution expected = whole.Resolve();
        expected.MapToIds(wholeIds);
        Assert.Contains(outcomes, o => o == DescentOutcome.Unconverged);

        // Chunks of 97 starts, spread over three "tiles" in a shuffled order, each tile's table saved and read back.
        const int chunk = 97;
        int chunks = (n + chunk - 1) / chunk;
        int[] order = Enumerable.Range(0, chunks).ToArray();
        new Random(5).Shuffle(order);
        var tiles = Enumerable.Range(0, 3).Select(_ => new WeightSpaceCatalog(function, grid)).ToArray();
        var localBuckets = new int[n];
        var tileOfChunk = new int[chunks];
        for (int c = 0; c < chunks; c++)
        {
            int index = order[c], from = index * chunk, count = Math.Min(chunk, n - from);
            tileOfChunk[index] = c % 3;
            tiles[c % 3].Add(endpoints.AsSpan(3 * from, 3 * count), outcomes.AsSpan(from, count), steps.AsSpan(from, count), localBuckets.AsSpan(from, count));
        }

        var merged = new WeightSpaceCatalog(function, grid);
        var indexOfTile = new int[3][];
        foreach (int tile in new[] { 2, 0, 1 })
        {
            using var stream = new MemoryStream();
            tiles[tile].Export().Write(stream);
            stream.Position = 0;
            indexOfTile[tile] = merged.Import(WeightBucketTable.Read(stream));
        }

        WeightSpaceResolution actual = merged.Resolve(degreeOfParallelism: 4);

        Assert.Equal(expected.Attractors, actual.Attractors);
        Assert.Equal(expected.DivergedFraction, actual.DivergedFraction);
        Assert.Equal(expected.UnconvergedFraction, actual.UnconvergedFraction);
        Assert.Equal(expected.UnconvergedMeanSteps, actual.UnconvergedMeanSteps);
        for (int i = 0; i < n; i++)
        {
            int local = localBuckets[i];
            int id = local < 0 ? local : actual.AttractorOfBucket[indexOfTile[tileOfChunk[i / chunk]][local]];
            Assert.Equal(wholeIds[i], id);
        }
    }

    [Fact]
    public void Resolve_ChunksInAnotherOrderOrMoreThreads_GivesTheSameAttractors()
    {
        var function = new CoupledWells();
        var starts = ReferenceDescent.Grid([0, 0, 0.2], 0, 1, UnitBox, 30, 30);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.02, 2000, 1e-7);
        var grid = WeightSpaceGrid.For(3, UnitBox, 30, 30);
        var forward = new WeightSpaceCatalog(function, grid);
        forward.Add(endpoints, outcomes, steps, new int[starts.Count]);
        var backward = new WeightSpaceCatalog(function, grid);
        for (int from = starts.Count - 100; from >= 0; from -= 100)
        {
            backward.Add(endpoints.AsSpan(3 * from, 300), outcomes.AsSpan(from, 100), steps.AsSpan(from, 100), new int[100]);
        }

        WeightSpaceResolution expected = forward.Resolve();

        Assert.Equal(expected.Attractors, backward.Resolve().Attractors);
        Assert.Equal(expected.Attractors, forward.Resolve(degreeOfParallelism: 3).Attractors);
        // An even grid never starts on a = 0 or b = 0, so only the four minima are reached.
        Assert.Equal(4, expected.Attractors.Count);
    }

    [Fact]
    public void Add_Float32Endpoints_ResolvesToTheSameAttractorsAsFloat64()
    {
        var function = new CoupledWells();
        var starts = ReferenceDescent.Grid([0, 0, 0], 0, 1, UnitBox, 20, 20);
        (double[] endpoints, DescentOutcome[] outcomes, int[] steps) = ReferenceDescent.Run(function, starts, 0.02, 2000, 1e-6);
        var grid = WeightSpaceGrid.For(3, UnitBox, 20, 20);
        var doubles = new WeightSpaceCatalog(function, grid);
        doubles.Add(endpoints, outcomes, steps, new int[starts.Count]);
        var floats = new WeightSpaceCatalog(function, grid);
        floats.Add(endpoints.Select(w => (float)w).ToArray(), outcomes, steps, new int[starts.Count]);

        IReadOnlyList<WeightSpaceAttractor> expected = doubles.Resolve().Attractors, actual = floats.Resolve().Attractors;

        Assert.Equal(expected.Count, actual.Count);
        for (int id = 0; id < expected.Count; id++)
        {
            AssertClose(expected[id].Weights, actual[id].Weights, PositionTolerance);
            Assert.Equal(expected[id].Count, actual[id].Count);
            Assert.Equal(expected[id].Kind, actual[id].Kind);
        }
    }

    [Fact]
    public void Add_DivergedUnconvergedAndNonFiniteEndpoints_AreCountedApartWithTheirCodes()
    {
        var function = new CoupledWells();
        var catalog = new WeightSpaceCatalog(function, WeightSpaceGrid.For(3, UnitBox, 8, 8));
        double[] endpoints = [1, 1, 0.5, 1e300, 0, 0, 0.3, 0.2, 0.1, double.NaN, 1, 1, 1, 1, 0.5];
        DescentOutcome[] outcomes = [DescentOutcome.Converged, DescentOutcome.Diverged, DescentOutcome.Unconverged, DescentOutcome.Converged, DescentOutcome.Converged];
        int[] steps = [10, 3, 100, 7, 20];
        int[] codes = new int[5];

        catalog.Add(endpoints, outcomes, steps, codes);
        WeightSpaceResolution resolution = catalog.Resolve();
        resolution.MapToIds(codes);

        Assert.Equal([0, WeightSpaceCatalog.DivergedId, WeightSpaceCatalog.UnconvergedId, WeightSpaceCatalog.DivergedId, 0], codes);
        Assert.Equal(0.4, resolution.DivergedFraction, 1e-15);
        Assert.Equal(0.2, resolution.UnconvergedFraction, 1e-15);
        Assert.Equal(5, resolution.DivergedMeanSteps, 1e-15);
        Assert.Equal(100, resolution.UnconvergedMeanSteps, 1e-15);
        WeightSpaceAttractor minimum = Assert.Single(resolution.Attractors);
        Assert.Equal(2, minimum.Count);
        Assert.Equal(0.4, minimum.Fraction, 1e-15);
        Assert.Equal(15, minimum.MeanSteps, 1e-15);
    }

    [Fact]
    public void Resolve_NoConvergedStart_GivesNoAttractors()
    {
        var catalog = new WeightSpaceCatalog(new CoupledWells(), WeightSpaceGrid.For(3, UnitBox, 8, 8));
        catalog.Add(new double[6], [DescentOutcome.Diverged, DescentOutcome.Unconverged], [1, 2], new int[2]);

        WeightSpaceResolution resolution = catalog.Resolve();

        Assert.Empty(resolution.Attractors);
        Assert.Equal(0.5, resolution.DivergedFraction);
    }

    [Fact]
    public void Resolve_NineWeightsRotatedWell_FindsBothMinimaAndTheSaddleWithTheirEigenvalues()
    {
        var function = new RotatedWell();
        var grid = WeightSpaceGrid.For(RotatedWell.Weights, UnitBox, 64, 64);
        double[] Point(double v0) => function.Rotate([v0, .. RotatedWell.Centre]);
        double[][] expected = [Point(-1), Point(1), Point(0)];
        // Sorted by loss, then by the weights in order: the two minima tie at loss 0.
        if (expected[0].AsSpan().SequenceCompareTo(expected[1]) > 0)
        {
            (expected[0], expected[1]) = (expected[1], expected[0]);
        }

        (double[] endpoints, int[] truth) = Scatter(expected, perPoint: 40, spread: 2 * grid.BucketSize, seed: 3);
        var catalog = new WeightSpaceCatalog(function, grid);
        int[] ids = new int[truth.Length];
        catalog.Add(endpoints, Enumerable.Repeat(DescentOutcome.Converged, truth.Length).ToArray(), new int[truth.Length], ids);

        WeightSpaceResolution resolution = catalog.Resolve();
        resolution.MapToIds(ids);

        Assert.Equal(3, resolution.Attractors.Count);
        double[] stiff = RotatedWell.Curvatures.Select(c => 2 * c).ToArray();
        for (int id = 0; id < 3; id++)
        {
            WeightSpaceAttractor a = resolution.Attractors[id];
            AssertClose(expected[id], a.Weights, 1e-11);
            Assert.Equal(id < 2 ? StationaryKind.Minimum : StationaryKind.Saddle, a.Kind);
            Assert.Equal(id < 2 ? 0 : 1, a.Loss, 1e-20);
            AssertClose([.. stiff.Append(id < 2 ? 8 : -4).Order()], a.HessianEigenvalues, 1e-11);
            Assert.Equal(9, a.ExtentLower.Length);
        }

        Assert.Equal(truth, ids);
    }

    [Fact]
    public void Import_TableOfAnotherGrid_IsRefused()
    {
        var function = new CoupledWells();
        var fine = new WeightSpaceCatalog(function, WeightSpaceGrid.For(3, UnitBox, 8, 8));
        var coarse = new WeightSpaceCatalog(function, WeightSpaceGrid.For(3, new Box(-4, 4, -4, 4), 8, 8));

        var error = Assert.Throws<InvalidDataException>(() => fine.Import(coarse.Export()));

        Assert.Contains("they were made on different grids", error.Message);
    }

    [Fact]
    public void Validated_CountsThatDoNotAddUp_Throws()
    {
        var table = new WeightBucketTable(0.1, [0, 0], [1, 2, 3, 4], [3, 4], [10, 20], Starts: 9, Diverged: 1, Unconverged: 0);

        var error = Assert.Throws<InvalidDataException>(() => table.Validated());

        Assert.Contains("7 converged, 1 diverged and 0 unconverged starts, but 9 in all", error.Message);
    }

    [Fact]
    public void Add_ChunkOfWrongLength_IsRefusedNamingTheLengths()
    {
        var catalog = new WeightSpaceCatalog(new CoupledWells(), WeightSpaceGrid.For(3, UnitBox, 8, 8));

        var error = Assert.Throws<ArgumentException>(() => catalog.Add(new double[5], [DescentOutcome.Converged, DescentOutcome.Converged], [1, 1], new int[2]));

        Assert.Contains("needs 6 endpoint weights (3 per start)", error.Message);
    }

    [Fact]
    public void Constructor_FunctionOfOtherDimension_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeightSpaceCatalog(new CoupledWells(), WeightSpaceGrid.For(4, UnitBox, 8, 8)));

        Assert.Contains("the function has 3 weights but the grid 4", error.Message);
    }

    [Fact]
    public void WriteProperties_Resolution_WritesEveryAttractorFieldAndNullForNonFiniteValues()
    {
        var catalog = new WeightSpaceCatalog(new CoupledWells(), WeightSpaceGrid.For(3, UnitBox, 8, 8));
        catalog.Add([1, 1, 0.5, 0, 1, 0], [DescentOutcome.Converged, DescentOutcome.Converged], [4, 6], new int[2]);
        WeightSpaceResolution resolution = catalog.Resolve();
        var broken = resolution with
        {
            Attractors = [resolution.Attractors[0], resolution.Attractors[1] with { Loss = double.NaN }],
        };

        using var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            WeightSpaceAttractorsJson.WriteProperties(json, broken);
            json.WriteEndObject();
        }

        using var document = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var attractors = document.RootElement.GetProperty("attractors").EnumerateArray().ToList();
        Assert.Equal(2, attractors.Count);
        System.Text.Json.JsonElement minimum = attractors[0];
        Assert.Equal([1, 1, 0.5], minimum.GetProperty("weights").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("minimum", minimum.GetProperty("kind").GetString());
        Assert.Equal(0.5, minimum.GetProperty("fraction").GetDouble());
        Assert.Equal(4, minimum.GetProperty("meanSteps").GetDouble());
        Assert.True(minimum.GetProperty("global").GetBoolean());
        Assert.True(minimum.GetProperty("refined").GetBoolean());
        Assert.Equal([1, 1, 0.5], minimum.GetProperty("extentLower").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1, 1, 0.5], minimum.GetProperty("extentUpper").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(1, minimum.GetProperty("members").GetInt32());
        Assert.Equal(0, minimum.GetProperty("flatDirections").GetInt32());
        Assert.Equal(resolution.Attractors[0].HessianEigenvalues, minimum.GetProperty("hessianEigenvalues").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attractors[1].GetProperty("loss").ValueKind);
        Assert.Equal("undefined", attractors[1].GetProperty("kind").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("diverged").GetDouble());
    }

    // perPoint endpoints around each point, uniformly within ±spread in every weight; returns them and each one's point.
    private static (double[] Endpoints, int[] Truth) Scatter(double[][] points, int perPoint, double spread, int seed)
    {
        var random = new Random(seed);
        int k = points[0].Length;
        var endpoints = new List<double>();
        var truth = new List<int>();
        for (int i = 0; i < perPoint; i++)
        {
            for (int p = 0; p < points.Length; p++)
            {
                endpoints.AddRange(points[p].Select(w => w + spread * (2 * random.NextDouble() - 1)));
                truth.Add(p);
            }
        }

        return (endpoints.ToArray(), truth.ToArray());
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * (1 + Math.Abs(expected[k])),
                $"entry {k}: expected {expected[k]:R}, got {actual[k]:R} (all: [{string.Join(", ", actual.Select(a => a.ToString("G6")))}])");
        }
    }
}
