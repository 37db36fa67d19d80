namespace LandscapeGpu.Basins;

/// <summary>Resolving the buckets seen so far into ordered, classified attractors, step by named step.</summary>
public sealed partial class BasinCatalog
{
    /// <summary>
    /// Refines, merges, classifies and orders the attractors found so far. Ids go by loss (ties by x, then y),
    /// so id 0 has the lowest loss. Returns the attractors and, for each bucket, its attractor's id.
    /// </summary>
    public BasinResolution Resolve()
    {
        int[] byKey = BucketsInKeyOrder();
        RefinedBucket[] points = RefineBuckets(byKey);
        int[] component = MergeNearby(points, byKey, 1.5 * BucketSize);
        List<Candidate> attractors = PickRepresentatives(points, component, byKey);
        SortByLoss(attractors);
        StationaryKind[] kinds = Classify(attractors);
        List<StationaryPoint> result = Number(attractors, kinds);
        int[] attractorOfBucket = MapBucketsToIds(attractors, component);
        return new BasinResolution(result, attractorOfBucket, Starts == 0 ? 0 : (double)Diverged / Starts, Starts == 0 ? 0 : (double)Unconverged / Starts);
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
            return new Candidate(pair.Key, point.X, point.Y, point.Refined, probe.Loss(point.X, point.Y), pair.Value.Count, pair.Value.StepSum);
        }).ToList();
    }

    // By loss rounded to 1e-9 of the largest loss (so float noise cannot reorder equal minima), then by x, then y.
    private static void SortByLoss(List<Candidate> attractors)
    {
        double lossScale = 1e-9 * (1 + attractors.Select(a => Math.Abs(a.Loss)).DefaultIfEmpty(0).Max());
        attractors.Sort((a, b) =>
        {
            int byLoss = Math.Round(a.Loss / lossScale).CompareTo(Math.Round(b.Loss / lossScale));
            return byLoss != 0 ? byLoss : a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y);
        });
    }

    private StationaryKind[] Classify(List<Candidate> attractors) =>
        attractors.Select(a => Refinement.Classify(probe, a.X, a.Y)).ToArray();

    // Ids in sorted order; the minima within 1e-8 (relative) of the lowest minimum are global.
    private List<StationaryPoint> Number(List<Candidate> attractors, StationaryKind[] kinds)
    {
        double lowestMinimum = attractors.Where((a, i) => kinds[i] == StationaryKind.Minimum).Select(a => a.Loss).DefaultIfEmpty(double.NaN).Min();
        var result = new List<StationaryPoint>(attractors.Count);
        for (int id = 0; id < attractors.Count; id++)
        {
            Candidate a = attractors[id];
            bool global = kinds[id] == StationaryKind.Minimum && a.Loss <= lowestMinimum + 1e-8 * (1 + Math.Abs(lowestMinimum));
            result.Add(new StationaryPoint(id, a.X, a.Y, a.Loss, kinds[id], a.Refined, a.Count,
                Starts == 0 ? 0 : (double)a.Count / Starts, a.Count == 0 ? 0 : a.StepSum / a.Count, global));
        }

        return result;
    }

    private static int[] MapBucketsToIds(List<Candidate> attractors, int[] component)
    {
        var idOfRoot = new Dictionary<int, int>();
        for (int id = 0; id < attractors.Count; id++)
        {
            idOfRoot[attractors[id].Root] = id;
        }

        int[] attractorOfBucket = new int[component.Length];
        for (int bucket = 0; bucket < component.Length; bucket++)
        {
            attractorOfBucket[bucket] = idOfRoot[component[bucket]];
        }

        return attractorOfBucket;
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

    /// <summary>One merged component before it is numbered: its root bucket, representative point and totals.</summary>
    private readonly record struct Candidate(int Root, double X, double Y, bool Refined, double Loss, long Count, double StepSum);
}
