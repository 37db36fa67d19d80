using LandscapeGpu.Landscapes;
using Candidate = LandscapeGpu.Basins.AttractorCandidate<(double X, double Y)>;
using RefinedBucket = LandscapeGpu.Basins.RefinedBucket<(double X, double Y)>;

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
        List<Candidate> candidates = AttractorCandidates.OfComponents(points, component, byKey, counts, stepSums, p => probe.Loss(p.X, p.Y));
        (List<Candidate> attractors, int[] attractorOfCandidate, double[] position) = JoinStationarySets(candidates, points, component, byKey);
        SortByLoss(attractors);
        StationaryKind[] kinds = Classify(attractors);
        List<StationaryPoint> result = Number(attractors, kinds);
        int[] attractorOfBucket = AttractorCandidates.IdsOfBuckets(candidates, attractors, attractorOfCandidate, component);
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
            points[bucket] = refined is { } p ? new RefinedBucket(p, true) : new RefinedBucket((cx, cy), false);
        }

        return points;
    }

    // Buckets whose points are stationary with a flat direction and connected through stationary points at one
    // loss join their components into one attractor (a valley or plateau) when together they span more than a
    // bucket; every other component stays exactly as it was. Returns the attractors, each component's attractor,
    // and each bucket's position along its valley (NaN off valleys).
    private (List<Candidate> Attractors, int[] AttractorOfCandidate, double[] PositionOfBucket) JoinStationarySets(
        List<Candidate> candidates, RefinedBucket[] points, int[] component, int[] byKey)
    {
        var probes = byKey.Select(b => StationarySets.Probe(probe, points[b].Point.X, points[b].Point.Y, points[b].Refined, 64 * BucketSize, reach)).ToList();
        SetPartition partition = StationarySets.Join(probe, probes, linkRadius, BucketSize, reach);
        return AttractorCandidates.JoinSets(
            candidates, AttractorCandidates.CandidateOfRank(candidates, component, byKey), component, byKey, partition.Links, partition.Position,
            linked => Spans(probes, linked), (members, index) => JoinedSet(members, probes, index));
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
        return new Candidate(0, (shown.X, shown.Y), true, shown.Loss, 0, 0)
        {
            Index = index,
            SortLoss = probes[lowest].Loss,
            SortPoint = (probes[lowest].X, probes[lowest].Y),
            Shape = 2 * flat > members.Count ? StationaryShape.Plateau : StationaryShape.Valley,
            SetKind = shown.Kind,
            Lower = (members.Min(m => probes[m].X), members.Min(m => probes[m].Y)),
            Upper = (members.Max(m => probes[m].X), members.Max(m => probes[m].Y)),
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
            return byLoss != 0 ? byLoss : a.SortPoint.X != b.SortPoint.X ? a.SortPoint.X.CompareTo(b.SortPoint.X) : a.SortPoint.Y.CompareTo(b.SortPoint.Y);
        });
    }

    // A set's kind comes from the curvature its members share; a point's from its Hessian, as ever.
    private StationaryKind[] Classify(List<Candidate> attractors) =>
        attractors.Select(a => a.Shape == StationaryShape.Point ? Refinement.Classify(probe, a.Point.X, a.Point.Y) : a.SetKind).ToArray();

    // Ids in sorted order; the minima within 1e-8 (relative) of the lowest minimum are global.
    private List<StationaryPoint> Number(List<Candidate> attractors, StationaryKind[] kinds)
    {
        double lowestMinimum = attractors.Where((a, i) => kinds[i] == StationaryKind.Minimum).Select(a => a.Loss).DefaultIfEmpty(double.NaN).Min();
        var result = new List<StationaryPoint>(attractors.Count);
        for (int id = 0; id < attractors.Count; id++)
        {
            Candidate a = attractors[id];
            bool global = kinds[id] == StationaryKind.Minimum && a.Loss <= lowestMinimum + 1e-8 * (1 + Math.Abs(lowestMinimum));
            Curvature curvature = Curvature.Of(probe.Evaluate(a.Point.X, a.Point.Y), probe.Dimensions);
            result.Add(new StationaryPoint(id, a.Point.X, a.Point.Y, a.Loss, kinds[id], a.Refined, a.Count,
                Starts == 0 ? 0 : (double)a.Count / Starts, a.Count == 0 ? 0 : a.StepSum / a.Count, global,
                a.Shape, new Box(a.Lower.X, a.Upper.X, a.Lower.Y, a.Upper.Y), a.Members, curvature.Lower, curvature.Upper));
        }

        return result;
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
        var components = new UnionFind(points.Length);
        var cells = new Dictionary<(long, long), List<int>>();
        foreach (int i in order)
        {
            (double x, double y) = points[i].Point;
            long cx = (long)Math.Floor(x / radius), cy = (long)Math.Floor(y / radius);
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
                        double ex = x - points[j].Point.X, ey = y - points[j].Point.Y;
                        if (ex * ex + ey * ey <= radius * radius)
                        {
                            components.Union(i, j);
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

        return components.Roots();
    }
}
