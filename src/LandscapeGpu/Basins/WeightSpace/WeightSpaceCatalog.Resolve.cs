using System.Runtime.InteropServices;

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
        List<Candidate> candidates = PickRepresentatives(points, component, byKey);
        (List<Candidate> attractors, int[] attractorOfCandidate, double[] positionOfBucket) = JoinStationarySets(candidates, points, component, byKey, degreeOfParallelism);
        SortByLoss(attractors);
        List<WeightSpaceAttractor> result = Number(attractors);
        int[] attractorOfBucket = MapBucketsToIds(candidates, attractors, attractorOfCandidate, component);
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
        int[] parent = Enumerable.Range(0, points.Length).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        void Union(int a, int b)
        {
            int ra = Find(a), rb = Find(b);
            // The smaller root wins, so the components' roots do not depend on visiting order.
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }

        var groupOfCell = new Dictionary<CellOfPoint, int>();
        var groups = new List<List<int>>();
        var groupCells = new List<double[]>();
        foreach (int bucket in byKey)
        {
            var cell = CellOfPoint.Of(points[bucket].Weights, radius);
            if (!groupOfCell.TryGetValue(cell, out int group))
            {
                group = groups.Count;
                groupOfCell[cell] = group;
                groups.Add(new List<int>());
                groupCells.Add(cell.AsDoubles());
            }
            else
            {
                Union(groups[group][0], bucket);
            }

            groups[group].Add(bucket);
        }

        WeightNeighbours.CandidatePairs(groupCells, Enumerable.Range(0, groups.Count).ToList(), 1, (g, h) =>
        {
            if (WeightNeighbours.MaxDistance(groupCells[g], groupCells[h]) > 1 || Find(groups[g][0]) == Find(groups[h][0]))
            {
                return;
            }

            foreach (int a in groups[g])
            {
                foreach (int b in groups[h])
                {
                    if (WeightNeighbours.MaxDistance(points[a].Weights, points[b].Weights) <= radius)
                    {
                        Union(a, b);
                        return;
                    }
                }
            }
        });

        var root = new int[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            root[i] = Find(i);
        }

        return root;
    }

    // One attractor per component, represented by its refined member of smallest key (else its smallest key), listed
    // in the order components are first met in key order.
    private List<Candidate> PickRepresentatives(RefinedBucket[] points, int[] component, int[] byKey)
    {
        var indexOfRoot = new Dictionary<int, int>();
        var groups = new List<(int Root, int Representative, long Count, double StepSum)>();
        foreach (int bucket in byKey)
        {
            int root = component[bucket];
            if (!indexOfRoot.TryGetValue(root, out int index))
            {
                index = groups.Count;
                indexOfRoot[root] = index;
                groups.Add((root, bucket, 0, 0));
            }

            var group = groups[index];
            if (!points[group.Representative].Refined && points[bucket].Refined)
            {
                group.Representative = bucket;
            }

            groups[index] = (group.Root, group.Representative, group.Count + counts[bucket], group.StepSum + stepSums[bucket]);
        }

        return groups.Select(group =>
        {
            RefinedBucket point = points[group.Representative];
            double loss = function.Loss(point.Weights);
            return new Candidate(group.Root, point.Weights, point.Refined, loss, group.Count, group.StepSum)
            {
                SortLoss = loss, SortWeights = point.Weights, ExtentLower = point.Weights, ExtentUpper = point.Weights,
            };
        }).ToList();
    }

    // Buckets whose points are stationary with a flat direction and connected through stationary points at one loss
    // join their components into one attractor (a valley or plateau) when together they span more than a bucket; every
    // other component stays exactly as it was. Returns the attractors, each component's attractor, and each bucket's
    // position along its valley (NaN off valleys).
    private (List<Candidate> Attractors, int[] AttractorOfCandidate, double[] PositionOfBucket) JoinStationarySets(
        List<Candidate> candidates, RefinedBucket[] points, int[] component, int[] byKey, int degreeOfParallelism)
    {
        var candidateOfRoot = new Dictionary<int, int>();
        for (int i = 0; i < candidates.Count; i++)
        {
            candidateOfRoot[candidates[i].Root] = i;
        }

        int[] candidateOfRank = byKey.Select(b => candidateOfRoot[component[b]]).ToArray();
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
                ? new WeightSetCandidate(point.Weights, double.NaN, [], 0, StationaryKind.Minimum, false)
                : WeightStationarySets.Probe(function, point.Weights, maxDistance, Grid.Reach, stationary: point.Refined);
        });
        (int[] _, (int A, int B)[] links, double[] position) = WeightStationarySets.Join(
            function, probes, Grid.LinkRadius, Grid.BucketSize, Grid.Reach, degreeOfParallelism);
        int[] groupOf = Enumerable.Range(0, candidates.Count).ToArray();
        int Find(int i)
        {
            while (groupOf[i] != i)
            {
                groupOf[i] = groupOf[groupOf[i]];
                i = groupOf[i];
            }

            return i;
        }

        foreach ((int a, int b) in links)
        {
            int ga = Find(candidateOfRank[a]), gb = Find(candidateOfRank[b]);
            groupOf[Math.Max(ga, gb)] = Math.Min(ga, gb);
        }

        // The linked buckets of each group, in key order.
        bool[] inTree = new bool[byKey.Length];
        foreach ((int a, int b) in links)
        {
            inTree[a] = inTree[b] = true;
        }

        var linkedOf = new Dictionary<int, List<int>>();
        for (int rank = 0; rank < byKey.Length; rank++)
        {
            if (inTree[rank])
            {
                int group = Find(candidateOfRank[rank]);
                if (!linkedOf.TryGetValue(group, out List<int>? linked))
                {
                    linkedOf[group] = linked = new List<int>();
                }

                linked.Add(rank);
            }
        }

        var setGroups = linkedOf.Where(pair => Spans(probes, pair.Value)).Select(pair => pair.Key).ToHashSet();
        var totalsOf = new Dictionary<int, (long Count, double StepSum)>();
        for (int member = 0; member < candidates.Count; member++)
        {
            int group = Find(member);
            if (setGroups.Contains(group))
            {
                totalsOf.TryGetValue(group, out var totals);
                totalsOf[group] = (totals.Count + candidates[member].Count, totals.StepSum + candidates[member].StepSum);
            }
        }

        var attractors = new List<Candidate>(candidates.Count);
        int[] attractorOf = new int[candidates.Count];
        var positionOfBucket = new double[counts.Count];
        Array.Fill(positionOfBucket, double.NaN);
        for (int i = 0; i < candidates.Count; i++)
        {
            int group = Find(i);
            if (!setGroups.Contains(group))
            {
                attractorOf[i] = attractors.Count;
                attractors.Add(candidates[i] with { Index = attractors.Count });
            }
            else if (group != i)
            {
                // A group's smallest candidate is met first: the set takes its place in the list.
                attractorOf[i] = attractorOf[group];
            }
            else
            {
                attractorOf[i] = attractors.Count;
                (long count, double stepSum) = totalsOf[group];
                Candidate set = JoinedSet(linkedOf[group], probes, attractors.Count);
                attractors.Add(set with { Root = candidates[i].Root, Count = count, StepSum = stepSum });
                if (set.Shape == StationaryShape.Valley)
                {
                    foreach (int rank in linkedOf[group])
                    {
                        positionOfBucket[byKey[rank]] = position[rank];
                    }
                }
            }
        }

        // A valley bucket left out of the tree (its point did not project onto the valley, or merged into a linked
        // neighbour's component) takes the position of the first bucket of its component, in key order, that has one.
        var positionOfComponent = new Dictionary<int, double>();
        foreach (int bucket in byKey)
        {
            if (!double.IsNaN(positionOfBucket[bucket]))
            {
                positionOfComponent.TryAdd(component[bucket], positionOfBucket[bucket]);
            }
        }

        foreach (int bucket in byKey)
        {
            if (double.IsNaN(positionOfBucket[bucket]) && positionOfComponent.TryGetValue(component[bucket], out double inherited))
            {
                positionOfBucket[bucket] = inherited;
            }
        }

        return (attractors, attractorOf, positionOfBucket);
    }

    private bool IsIsolated(Candidate candidate)
    {
        if (!candidate.Refined || !double.IsFinite(candidate.Loss))
        {
            return false;
        }

        var hessian = new double[dimension * dimension];
        var eigenvalues = new double[dimension];
        function.Hessian(candidate.Weights, hessian);
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
            SortWeights = probes[lowest].Weights,
            Shape = 2 * plateau > members.Count ? StationaryShape.Plateau : StationaryShape.Valley,
            SetKind = shown.Kind,
            ExtentLower = lower,
            ExtentUpper = upper,
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

            return byLoss != 0 ? byLoss : a.SortWeights.AsSpan().SequenceCompareTo(b.SortWeights);
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
            function.Hessian(a.Weights, hessian);
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
                id, (double[])a.Weights.Clone(), a.Loss, kinds[id], a.Shape, a.Refined, a.Count,
                Starts == 0 ? 0 : (double)a.Count / Starts, a.Count == 0 ? 0 : a.StepSum / a.Count, global, a.Members,
                (double[])a.ExtentLower.Clone(), (double[])a.ExtentUpper.Clone(), eigenvalues[id], flats[id]));
        }

        return result;
    }

    private static int[] MapBucketsToIds(List<Candidate> candidates, List<Candidate> attractors, int[] attractorOfCandidate, int[] component)
    {
        int[] idOfAttractor = new int[attractors.Count];
        for (int id = 0; id < attractors.Count; id++)
        {
            idOfAttractor[attractors[id].Index] = id;
        }

        var idOfRoot = new Dictionary<int, int>();
        for (int candidate = 0; candidate < candidates.Count; candidate++)
        {
            idOfRoot[candidates[candidate].Root] = idOfAttractor[attractorOfCandidate[candidate]];
        }

        int[] attractorOfBucket = new int[component.Length];
        for (int bucket = 0; bucket < component.Length; bucket++)
        {
            attractorOfBucket[bucket] = idOfRoot[component[bucket]];
        }

        return attractorOfBucket;
    }

    /// <summary>A bucket's point after refinement: the Newton point, or the bucket's centre where Newton failed.</summary>
    private readonly record struct RefinedBucket(double[] Weights, bool Refined);

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

    /// <summary>
    /// One merged component (or, after sets are joined, one attractor) before it is numbered: its root bucket,
    /// representative point and totals, the point it sorts by, and, for a set, its shape, kind, extent and members.
    /// </summary>
    private sealed record Candidate(int Root, double[] Weights, bool Refined, double Loss, long Count, double StepSum)
    {
        public int Index { get; init; }

        public double SortLoss { get; init; }

        public double[] SortWeights { get; init; } = [];

        public StationaryShape Shape { get; init; }

        public StationaryKind SetKind { get; init; }

        public double[] ExtentLower { get; init; } = [];

        public double[] ExtentUpper { get; init; } = [];

        public int Members { get; init; } = 1;
    }
}
