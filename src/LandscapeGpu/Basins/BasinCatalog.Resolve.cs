using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Basins;

/// <summary>Resolving the buckets seen so far into ordered, classified attractors, step by named step.</summary>
public sealed partial class BasinCatalog
{
    /// <summary>
    /// Refines, merges, joins stationary sets, classifies and orders the attractors found so far. Ids go by loss
    /// (ties by x, then y; a set by its lowest member), so id 0 has the lowest loss. Returns the attractors and,
    /// for each bucket, its attractor's id.
    /// </summary>
    public BasinResolution Resolve()
    {
        int[] byKey = BucketsInKeyOrder();
        RefinedBucket[] points = RefineBuckets(byKey);
        int[] component = MergeNearby(points, byKey, MergeBuckets * BucketSize);
        List<Candidate> candidates = PickRepresentatives(points, component, byKey);
        (List<Candidate> attractors, int[] attractorOfCandidate, double[] position) = JoinStationarySets(candidates, points, component, byKey);
        SortByLoss(attractors);
        StationaryKind[] kinds = Classify(attractors);
        List<StationaryPoint> result = Number(attractors, kinds);
        int[] attractorOfBucket = MapBucketsToIds(candidates, attractors, attractorOfCandidate, component);
        ValleyPositions valleys = ValleyPositionsOfBuckets(position);
        return new BasinResolution(result, attractorOfBucket, Starts == 0 ? 0 : (double)Diverged / Starts, Starts == 0 ? 0 : (double)Unconverged / Starts, valleys);
    }

    // Every later step visits buckets in key order, so the result never depends on the order buckets were first seen.
    private int[] BucketsInKeyOrder() => Enumerable.Range(0, keys.Count).OrderBy(b => keys[b]).ToArray();

    // Each bucket's centre polished by Newton's method in float64; a bucket where Newton fails keeps its centre.
    private RefinedBucket[] RefineBuckets(int[] byKey)
    {
        var points = new RefinedBucket[keys.Count];
        double reach = 64 * BucketSize;
        foreach (int bucket in byKey)
        {
            (double cx, double cy) = CentreOf(keys[bucket]);
            (double X, double Y)? refined = Refinement.Newton(probe, cx, cy, reach);
            points[bucket] = refined is { } p ? new RefinedBucket(p.X, p.Y, true) : new RefinedBucket(cx, cy, false);
        }

        return points;
    }

    // One attractor per component, represented by its refined member of smallest key (else its smallest key),
    // listed in the order components are first met in key order.
    private List<Candidate> PickRepresentatives(RefinedBucket[] points, int[] component, int[] byKey)
    {
        var members = new Dictionary<int, (int Representative, long Count, double StepSum)>();
        foreach (int bucket in byKey)
        {
            int root = component[bucket];
            if (!members.TryGetValue(root, out var group))
            {
                group = (bucket, 0, 0);
            }
            else if (!points[group.Representative].Refined && points[bucket].Refined)
            {
                group.Representative = bucket;
            }

            members[root] = (group.Representative, group.Count + counts[bucket], group.StepSum + stepSums[bucket]);
        }

        return members.Select(pair =>
        {
            RefinedBucket point = points[pair.Value.Representative];
            double loss = probe.Loss(point.X, point.Y);
            return new Candidate(pair.Key, point.X, point.Y, point.Refined, loss, pair.Value.Count, pair.Value.StepSum)
            {
                SortLoss = loss, SortX = point.X, SortY = point.Y, Extent = new Box(point.X, point.X, point.Y, point.Y),
            };
        }).ToList();
    }

    // Buckets whose points are stationary with a flat direction and connected through stationary points at one
    // loss join their components into one attractor (a valley or plateau) when together they span more than a
    // bucket; every other component stays exactly as it was. Returns the attractors, each component's attractor,
    // and each bucket's position along its valley (NaN off valleys).
    private (List<Candidate> Attractors, int[] AttractorOfCandidate, double[] PositionOfBucket) JoinStationarySets(
        List<Candidate> candidates, RefinedBucket[] points, int[] component, int[] byKey)
    {
        var probes = byKey.Select(b => StationarySets.Probe(probe, points[b].X, points[b].Y, points[b].Refined, 64 * BucketSize, reach)).ToList();
        SetPartition partition = StationarySets.Join(probe, probes, linkRadius, BucketSize, reach);

        var candidateOfRoot = new Dictionary<int, int>();
        for (int i = 0; i < candidates.Count; i++)
        {
            candidateOfRoot[candidates[i].Root] = i;
        }

        int[] candidateOfRank = byKey.Select(b => candidateOfRoot[component[b]]).ToArray();
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

        foreach ((int a, int b) in partition.Links)
        {
            int ga = Find(candidateOfRank[a]), gb = Find(candidateOfRank[b]);
            groupOf[Math.Max(ga, gb)] = Math.Min(ga, gb);
        }

        // The linked buckets of each group, in key order.
        bool[] inTree = new bool[byKey.Length];
        foreach ((int a, int b) in partition.Links)
        {
            inTree[a] = inTree[b] = true;
        }

        var linkedOf = new Dictionary<int, List<int>>();
        for (int rank = 0; rank < byKey.Length; rank++)
        {
            if (inTree[rank])
            {
                int group = Find(candidateOfRank[rank]);
                if (!linkedOf.TryGetValue(group, out var linked))
                {
                    linkedOf[group] = linked = new List<int>();
                }

                linked.Add(rank);
            }
        }

        // Which groups are sets, and their totals, in one pass each (a plateau is one group of thousands of candidates).
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
        var positionOfBucket = new double[keys.Count];
        Array.Fill(positionOfBucket, double.NaN);
        for (int i = 0; i < candidates.Count; i++)
        {
            int group = Find(i);
            bool isSet = setGroups.Contains(group);
            List<int>? linked = isSet ? linkedOf[group] : null;
            if (!isSet)
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
                Candidate set = JoinedSet(linked!, probes, attractors.Count);
                (long count, double stepSum) = totalsOf[group];
                attractors.Add(set with { Root = candidates[i].Root, Count = count, StepSum = stepSum });
                if (set.Shape == StationaryShape.Valley)
                {
                    foreach (int rank in linked!)
                    {
                        positionOfBucket[byKey[rank]] = partition.Position[rank];
                    }
                }
            }
        }

        // A valley bucket left out of the tree (its point did not project onto the valley) takes the position of the
        // first bucket of its component that has one.
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
            if (double.IsNaN(positionOfBucket[bucket]) && positionOfComponent.TryGetValue(component[bucket], out double position))
            {
                positionOfBucket[bucket] = position;
            }
        }

        return (attractors, attractorOf, positionOfBucket);
    }

    // Members spread over more than a bucket: a degenerate but isolated point (x^4 + y^4 at 0) refines to one spot.
    private bool Spans(List<SetCandidate> probes, List<int> linked) =>
        linked.Count > 1 &&
        (linked.Max(r => probes[r].X) - linked.Min(r => probes[r].X) > BucketSize || linked.Max(r => probes[r].Y) - linked.Min(r => probes[r].Y) > BucketSize);

    // A set is shown at its member nearest the members' centroid and sorted by its lowest member (ties by position).
    private static Candidate JoinedSet(List<int> members, List<SetCandidate> probes, int index)
    {
        double centreX = members.Average(m => probes[m].X), centreY = members.Average(m => probes[m].Y);
        int representative = members.MinBy(m => (probes[m].X - centreX) * (probes[m].X - centreX) + (probes[m].Y - centreY) * (probes[m].Y - centreY));
        int lowest = members.OrderBy(m => probes[m].Loss).ThenBy(m => probes[m].X).ThenBy(m => probes[m].Y).First();
        int flat = members.Count(m => probes[m].FlatDirections == 2);
        SetCandidate shown = probes[representative];
        return new Candidate(0, shown.X, shown.Y, true, shown.Loss, 0, 0)
        {
            Index = index,
            SortLoss = probes[lowest].Loss,
            SortX = probes[lowest].X,
            SortY = probes[lowest].Y,
            Shape = 2 * flat > members.Count ? StationaryShape.Plateau : StationaryShape.Valley,
            SetKind = shown.Kind,
            Extent = new Box(members.Min(m => probes[m].X), members.Max(m => probes[m].X), members.Min(m => probes[m].Y), members.Max(m => probes[m].Y)),
            Members = members.Count,
        };
    }

    // By loss rounded to 1e-9 of the largest loss (so float noise cannot reorder equal minima), then by x, then y;
    // a set by its lowest member.
    private static void SortByLoss(List<Candidate> attractors)
    {
        double lossScale = 1e-9 * (1 + attractors.Select(a => Math.Abs(a.Loss)).DefaultIfEmpty(0).Max());
        attractors.Sort((a, b) =>
        {
            int byLoss = Math.Round(a.SortLoss / lossScale).CompareTo(Math.Round(b.SortLoss / lossScale));
            return byLoss != 0 ? byLoss : a.SortX != b.SortX ? a.SortX.CompareTo(b.SortX) : a.SortY.CompareTo(b.SortY);
        });
    }

    // A set's kind comes from the curvature its members share; a point's from its Hessian, as ever.
    private StationaryKind[] Classify(List<Candidate> attractors) =>
        attractors.Select(a => a.Shape == StationaryShape.Point ? Refinement.Classify(probe, a.X, a.Y) : a.SetKind).ToArray();

    // Ids in sorted order; the minima within 1e-8 (relative) of the lowest minimum are global.
    private List<StationaryPoint> Number(List<Candidate> attractors, StationaryKind[] kinds)
    {
        double lowestMinimum = attractors.Where((a, i) => kinds[i] == StationaryKind.Minimum).Select(a => a.Loss).DefaultIfEmpty(double.NaN).Min();
        var result = new List<StationaryPoint>(attractors.Count);
        for (int id = 0; id < attractors.Count; id++)
        {
            Candidate a = attractors[id];
            bool global = kinds[id] == StationaryKind.Minimum && a.Loss <= lowestMinimum + 1e-8 * (1 + Math.Abs(lowestMinimum));
            Curvature curvature = Curvature.Of(probe.Evaluate(a.X, a.Y), probe.Dimensions);
            result.Add(new StationaryPoint(id, a.X, a.Y, a.Loss, kinds[id], a.Refined, a.Count,
                Starts == 0 ? 0 : (double)a.Count / Starts, a.Count == 0 ? 0 : a.StepSum / a.Count, global,
                a.Shape, a.Extent, a.Members, curvature.Lower, curvature.Upper));
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

    // The positions of valley buckets, by bucket key, for looking endpoints up.
    private ValleyPositions ValleyPositionsOfBuckets(double[] positionOfBucket)
    {
        var positionOfKey = new Dictionary<long, float>(BucketKeyComparer.Instance);
        for (int bucket = 0; bucket < positionOfBucket.Length; bucket++)
        {
            if (!double.IsNaN(positionOfBucket[bucket]))
            {
                positionOfKey[keys[bucket]] = (float)positionOfBucket[bucket];
            }
        }

        return new ValleyPositions(positionOfKey, originX, originY, BucketSize);
    }

    // Connected components of "refined points within radius", through a spatial hash of cell size radius.
    private static int[] MergeNearby(RefinedBucket[] points, int[] order, double radius)
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

        var cells = new Dictionary<(long, long), List<int>>();
        foreach (int i in order)
        {
            long cx = (long)Math.Floor(points[i].X / radius), cy = (long)Math.Floor(points[i].Y / radius);
            for (long dx = -1; dx <= 1; dx++)
            {
                for (long dy = -1; dy <= 1; dy++)
                {
                    if (!cells.TryGetValue((cx + dx, cy + dy), out var neighbours))
                    {
                        continue;
                    }

                    foreach (int j in neighbours)
                    {
                        double ex = points[i].X - points[j].X, ey = points[i].Y - points[j].Y;
                        if (ex * ex + ey * ey <= radius * radius)
                        {
                            int a = Find(i), b = Find(j);
                            // The smaller root wins, so the components' roots do not depend on visiting order.
                            parent[Math.Max(a, b)] = Math.Min(a, b);
                        }
                    }
                }
            }

            if (!cells.TryGetValue((cx, cy), out var cell))
            {
                cells[(cx, cy)] = cell = new List<int>();
            }

            cell.Add(i);
        }

        var root = new int[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            root[i] = Find(i);
        }

        return root;
    }

    /// <summary>A bucket's point after refinement: the Newton point, or the bucket's centre where Newton failed.</summary>
    private readonly record struct RefinedBucket(double X, double Y, bool Refined);

    /// <summary>
    /// One merged component (or, after sets are joined, one attractor) before it is numbered: its root bucket,
    /// representative point and totals, the point it sorts by, and, for a set, its shape, kind, extent and members.
    /// </summary>
    private sealed record Candidate(int Root, double X, double Y, bool Refined, double Loss, long Count, double StepSum)
    {
        public int Index { get; init; }

        public double SortLoss { get; init; }

        public double SortX { get; init; }

        public double SortY { get; init; }

        public StationaryShape Shape { get; init; }

        public StationaryKind SetKind { get; init; }

        public Box Extent { get; init; }

        public int Members { get; init; } = 1;
    }
}
