using System.Runtime.InteropServices;
using Candidate = LandscapeGpu.Basins.AttractorCandidate<double[]>;
using RefinedBucket = LandscapeGpu.Basins.RefinedBucket<double[]>;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>Resolving the buckets seen so far into ordered, classified attractors, step by named step.</summary>
public sealed partial class WeightSpaceCatalog
{
    /// <summary>Newton's method and projections may move a bucket's centre this many buckets in any weight at most (as on the 2-D map).</summary>
    public const double RefineBuckets = 64;

    /// <summary>Refined bucket points within this many buckets of each other in every weight are one attractor (the 2-D map's <see cref="BasinCatalog.MergeBuckets"/>).</summary>
    public const double MergeBuckets = BasinCatalog.MergeBuckets;

    /// <summary>
    /// Refines, merges, joins stationary sets, classifies and orders the attractors found so far. Ids go by loss (ties
    /// by the weights in order; a set by its lowest member), so id 0 has the lowest loss. The result depends only on the
    /// buckets and counts seen, whatever <paramref name="degreeOfParallelism"/>: with more than one thread the bucket
    /// refinements run in parallel, so the function must then be safe to call from several threads at once.
    /// </summary>
    public WeightSpaceResolution Resolve(int degreeOfParallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreeOfParallelism);
        int[] byKey = BucketsInKeyOrder();
        RefinedBucket[] points = RefineAll(byKey, degreeOfParallelism);
        int[] component = MergeNearby(points, byKey, MergeBuckets * Grid.BucketSize);
        List<Candidate> candidates = AttractorCandidates.OfComponents(points, component, byKey, counts, stepSums, point => function.Loss(point));
        (List<Candidate> attractors, int[] attractorOfCandidate, double[] positionOfBucket) = JoinStationarySets(candidates, points, component, byKey, degreeOfParallelism);
        SortByLoss(attractors);
        List<WeightSpaceAttractor> result = Number(attractors);
        int[] attractorOfBucket = AttractorCandidates.IdsOfBuckets(candidates, attractors, attractorOfCandidate, component);
        return new WeightSpaceResolution(
            result, attractorOfBucket, Starts == 0 ? 0 : (double)Diverged / Starts, Starts == 0 ? 0 : (double)Unconverged / Starts,
            Diverged == 0 ? 0 : DivergedStepSum / Diverged, Unconverged == 0 ? 0 : UnconvergedStepSum / Unconverged)
        {
            ValleyPositionOfBucket = positionOfBucket,
        };
    }

    private ReadOnlySpan<int> KeyOf(int bucket) => CollectionsMarshal.AsSpan(coordinates).Slice(bucket * dimension, dimension);

    // Every later step visits buckets in key order (lexicographic in the coordinates), so the result never depends on
    // the order buckets were first seen.
    private int[] BucketsInKeyOrder()
    {
        int[] order = Enumerable.Range(0, counts.Count).ToArray();
        Array.Sort(order, (a, b) => KeyOf(a).SequenceCompareTo(KeyOf(b)));
        return order;
    }

    // Each bucket's centre polished by damped Newton in float64, or where Newton fails, projected onto the stationary
    // set it lies by (see WeightSpaceRefinement.Project); a bucket where both fail keeps its centre.
    private RefinedBucket[] RefineAll(int[] byKey, int degreeOfParallelism)
    {
        var points = new RefinedBucket[counts.Count];
        double reach = RefineBuckets * Grid.BucketSize;
        Parallel.For(0, byKey.Length, new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism }, rank =>
        {
            int bucket = byKey[rank];
            var centre = new double[dimension];
            CentreOf(bucket, centre);
            var point = (double[])centre.Clone();
            bool refined = WeightSpaceRefinement.Newton(function, point, reach) && point.All(double.IsFinite);
            if (!refined)
            {
                // A zero eigenvalue (a valley, or a network's symmetry, common in K weights) stops Newton; the
                // stationary point it sits on is still found by Newton steps along the stiff directions alone.
                centre.CopyTo(point, 0);
                refined = WeightSpaceRefinement.Project(function, point, reach, Grid.Reach) && point.All(double.IsFinite) &&
                          WeightSpaceRefinement.IsStationary(function, point, Grid.Reach);
            }

            points[bucket] = refined ? new RefinedBucket(point, true) : new RefinedBucket(centre, false);
        });

        return points;
    }

    // Connected components of "refined points within radius in every weight". Points are first grouped by their cell
    // of side radius (points of one cell are within it of each other, so a cluster of thousands of buckets refined to
    // one point is joined without comparing its members pairwise); then neighbouring cells are compared point by point
    // until one pair is close enough.
    private int[] MergeNearby(RefinedBucket[] points, int[] byKey, double radius)
    {
        var components = new UnionFind(points.Length);
        var groupOfCell = new Dictionary<CellOfPoint, int>();
        var groups = new List<List<int>>();
        var groupCells = new List<double[]>();
        foreach (int bucket in byKey)
        {
            var cell = CellOfPoint.Of(points[bucket].Point, radius);
            if (!groupOfCell.TryGetValue(cell, out int group))
            {
                group = groups.Count;
                groupOfCell[cell] = group;
                groups.Add(new List<int>());
                groupCells.Add(cell.AsDoubles());
            }
            else
            {
                components.Union(groups[group][0], bucket);
            }

            groups[group].Add(bucket);
        }

        WeightNeighbours.CandidatePairs(groupCells, Enumerable.Range(0, groups.Count).ToList(), 1, (g, h) =>
        {
            if (WeightNeighbours.MaxDistance(groupCells[g], groupCells[h]) > 1 || components.Find(groups[g][0]) == components.Find(groups[h][0]))
            {
                return;
            }

            foreach (int a in groups[g])
            {
                foreach (int b in groups[h])
                {
                    if (WeightNeighbours.MaxDistance(points[a].Point, points[b].Point) <= radius)
                    {
                        components.Union(a, b);
                        return;
                    }
                }
            }
        });

        return components.Roots();
    }

    // Buckets whose points are stationary with a flat direction and connected through stationary points at one loss
    // join their components into one attractor (a valley or plateau) when together they span more than a bucket; every
    // other component stays exactly as it was. Returns the attractors, each component's attractor, and each bucket's
    // position along its valley (NaN off valleys).
    private (List<Candidate> Attractors, int[] AttractorOfCandidate, double[] PositionOfBucket) JoinStationarySets(
        List<Candidate> candidates, RefinedBucket[] points, int[] component, int[] byKey, int degreeOfParallelism)
    {
        int[] candidateOfRank = AttractorCandidates.CandidateOfRank(candidates, component, byKey);
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };

        // A component whose representative is a refined point with no zero eigenvalue is an isolated point: its buckets
        // refined onto it cannot join a set, so only the other components' buckets are probed (a minimum refined from
        // tens of thousands of buckets costs one eigen-decomposition here, not one per bucket).
        bool[] isolated = new bool[candidates.Count];
        Parallel.For(0, candidates.Count, options, i => isolated[i] = IsIsolated(candidates[i]));
        var probes = new WeightSetCandidate[byKey.Length];
        double maxDistance = RefineBuckets * Grid.BucketSize;
        Parallel.For(0, byKey.Length, options, rank =>
        {
            RefinedBucket point = points[byKey[rank]];
            probes[rank] = isolated[candidateOfRank[rank]] && point.Refined
                ? new WeightSetCandidate(point.Point, double.NaN, [], 0, StationaryKind.Minimum, false)
                : WeightStationarySets.Probe(function, point.Point, maxDistance, Grid.Reach, stationary: point.Refined);
        });
        (int[] _, (int A, int B)[] links, double[] position) = WeightStationarySets.Join(
            function, probes, Grid.LinkRadius, Grid.BucketSize, Grid.Reach, degreeOfParallelism);
        return AttractorCandidates.JoinSets(
            candidates, candidateOfRank, component, byKey, links, position,
            linked => Spans(probes, linked), (members, index) => JoinedSet(members, probes, index));
    }

    private bool IsIsolated(Candidate candidate)
    {
        if (!candidate.Refined || !double.IsFinite(candidate.Loss))
        {
            return false;
        }

        var hessian = new double[dimension * dimension];
        var eigenvalues = new double[dimension];
        function.Hessian(candidate.Point, hessian);
        return SymmetricEigen.Decompose(hessian, dimension, eigenvalues, []) &&
               WeightSpaceRefinement.FlatDirections(eigenvalues, candidate.Loss, Grid.Reach) == 0;
    }

    // Members spread over more than a bucket in some weight: a degenerate but isolated point (w⁴ at 0) refines to one spot.
    private bool Spans(WeightSetCandidate[] probes, List<int> linked)
    {
        if (linked.Count < 2)
        {
            return false;
        }

        for (int k = 0; k < dimension; k++)
        {
            if (linked.Max(r => probes[r].Weights[k]) - linked.Min(r => probes[r].Weights[k]) > Grid.BucketSize)
            {
                return true;
            }
        }

        return false;
    }

    // A set is shown at its member nearest the members' centroid and sorted by its lowest member (ties by position).
    private Candidate JoinedSet(List<int> members, WeightSetCandidate[] probes, int index)
    {
        var centre = new double[dimension];
        var lower = new double[dimension];
        var upper = new double[dimension];
        for (int k = 0; k < dimension; k++)
        {
            centre[k] = members.Average(m => probes[m].Weights[k]);
            lower[k] = members.Min(m => probes[m].Weights[k]);
            upper[k] = members.Max(m => probes[m].Weights[k]);
        }

        int representative = members.MinBy(m => WeightNeighbours.Distance(probes[m].Weights, centre));
        int lowest = members.Order(Comparer<int>.Create((a, b) =>
        {
            int byLoss = probes[a].Loss.CompareTo(probes[b].Loss);
            return byLoss != 0 ? byLoss : probes[a].Weights.AsSpan().SequenceCompareTo(probes[b].Weights);
        })).First();
        int plateau = members.Count(m => probes[m].FlatDirections == dimension);
        WeightSetCandidate shown = probes[representative];
        return new Candidate(0, shown.Weights, true, shown.Loss, 0, 0)
        {
            Index = index,
            SortLoss = probes[lowest].Loss,
            SortPoint = probes[lowest].Weights,
            Shape = 2 * plateau > members.Count ? StationaryShape.Plateau : StationaryShape.Valley,
            SetKind = shown.Kind,
            Lower = lower,
            Upper = upper,
            Members = members.Count,
        };
    }

    // By loss rounded to 1e-9 of the largest loss (so float noise cannot reorder equal minima), then by the weights in
    // order; a set by its lowest member (as on the 2-D map). A loss that is not a number sorts last, not first as
    // double's ordering would put it: id 0 is always the lowest loss found.
    private static void SortByLoss(List<Candidate> attractors)
    {
        double lossScale = 1e-9 * (1 + attractors.Select(a => double.IsFinite(a.Loss) ? Math.Abs(a.Loss) : 0).DefaultIfEmpty(0).Max());
        double Rank(Candidate a) => double.IsNaN(a.SortLoss) ? double.PositiveInfinity : Math.Round(a.SortLoss / lossScale);
        attractors.Sort((a, b) =>
        {
            int byLoss = Rank(a).CompareTo(Rank(b));
            if (byLoss == 0 && double.IsNaN(a.SortLoss) != double.IsNaN(b.SortLoss))
            {
                byLoss = double.IsNaN(a.SortLoss) ? 1 : -1;
            }

            return byLoss != 0 ? byLoss : a.SortPoint.AsSpan().SequenceCompareTo(b.SortPoint);
        });
    }

    // Ids in sorted order, each with its Hessian's eigenvalues and kind; the minima within 1e-8 (relative) of the lowest
    // minimum are global.
    private List<WeightSpaceAttractor> Number(List<Candidate> attractors)
    {
        var hessian = new double[dimension * dimension];
        var eigenvalues = new double[attractors.Count][];
        var kinds = new StationaryKind[attractors.Count];
        var flats = new int[attractors.Count];
        for (int id = 0; id < attractors.Count; id++)
        {
            Candidate a = attractors[id];
            function.Hessian(a.Point, hessian);
            eigenvalues[id] = new double[dimension];
            SymmetricEigen.Decompose(hessian, dimension, eigenvalues[id], []);
            kinds[id] = a.Shape == StationaryShape.Point ? WeightSpaceRefinement.Classify(eigenvalues[id]) : a.SetKind;
            flats[id] = double.IsFinite(a.Loss) ? WeightSpaceRefinement.FlatDirections(eigenvalues[id], a.Loss, Grid.Reach) : 0;
        }

        double lowestMinimum = Enumerable.Range(0, attractors.Count)
            .Where(id => kinds[id] == StationaryKind.Minimum && double.IsFinite(attractors[id].Loss))
            .Select(id => attractors[id].Loss).DefaultIfEmpty(double.NaN).Min();
        var result = new List<WeightSpaceAttractor>(attractors.Count);
        for (int id = 0; id < attractors.Count; id++)
        {
            Candidate a = attractors[id];
            bool global = kinds[id] == StationaryKind.Minimum && a.Loss <= lowestMinimum + 1e-8 * (1 + Math.Abs(lowestMinimum));
            result.Add(new WeightSpaceAttractor(
                id, (double[])a.Point.Clone(), a.Loss, kinds[id], a.Shape, a.Refined, a.Count,
                Starts == 0 ? 0 : (double)a.Count / Starts, a.Count == 0 ? 0 : a.StepSum / a.Count, global, a.Members,
                (double[])a.Lower.Clone(), (double[])a.Upper.Clone(), eigenvalues[id], flats[id]));
        }

        return result;
    }

    /// <summary>The cell of side radius holding a refined point, in all K weights.</summary>
    private readonly struct CellOfPoint : IEquatable<CellOfPoint>
    {
        private readonly long[] cell;
        private readonly int hash;

        private CellOfPoint(long[] cell)
        {
            this.cell = cell;
            var h = new HashCode();
            foreach (long c in cell)
            {
                h.Add(c);
            }

            hash = h.ToHashCode();
        }

        public static CellOfPoint Of(double[] weights, double side) =>
            new(weights.Select(w => (long)Math.Clamp(Math.Floor(w / side), long.MinValue / 4, long.MaxValue / 4)).ToArray());

        public double[] AsDoubles() => cell.Select(c => (double)c).ToArray();

        public bool Equals(CellOfPoint other) => cell.AsSpan().SequenceEqual(other.cell);

        public override bool Equals(object? obj) => obj is CellOfPoint other && Equals(other);

        public override int GetHashCode() => hash;
    }
}
