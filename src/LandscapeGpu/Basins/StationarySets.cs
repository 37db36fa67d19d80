namespace LandscapeGpu.Basins;

/// <summary>
/// Joins stationary points that lie on one connected curve (a valley) or region (a plateau) of stationary points
/// into sets. A point is a candidate when its gradient vanishes, its Hessian has a zero eigenvalue
/// (<see cref="Curvature"/>) and it is a local minimum or maximum in its stiff direction. Two candidates are
/// linked when they are within the link radius, of the same curvature class, at the same loss
/// (<see cref="LossRelative"/>, <see cref="LossAbsolute"/>), and the segment between them can be walked on
/// stationary points (its midpoint, projected onto the stationary set, is again a candidate at that loss, down to
/// segments shorter than <see cref="WalkLeafBuckets"/> buckets). Sets are the connected components of the links, found by union-find over a
/// spatial hash (each candidate meets only those in the 3x3 cells around it: never a pairwise pass), with links
/// taken shortest first (Kruskal), so the links kept form a minimum spanning tree that gives a valley its arc length.
/// </summary>
public static class StationarySets
{
    /// <summary>Losses within this fraction of the larger magnitude (plus <see cref="LossAbsolute"/>) are the same loss.</summary>
    public const double LossRelative = 1e-9;

    /// <summary>Absolute part of the same-loss tolerance: float64 noise of a loss near zero, in the loss's units.</summary>
    public const double LossAbsolute = 1e-12;

    /// <summary>
    /// A gradient of norm below GradientRelative · (1 + |f|) / s, with s the box's reach (at least 1), vanishes: over
    /// the whole box it would change the loss by less than 1e-9 of its size.
    /// </summary>
    public const double GradientRelative = 1e-9;

    /// <summary>
    /// A link is checked at midpoints until its pieces are shorter than this many buckets (0.4 % of the box): finer
    /// checks cost more on plateaus of thousands of points and find nothing a 4-bucket check misses on the tests' curves.
    /// </summary>
    public const double WalkLeafBuckets = 4;

    /// <summary>Midpoints checked per link at most (a link of 2^12 leaves is far longer than any link radius).</summary>
    private const int MaxDepth = 12;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> count as the same loss.</summary>
    public static bool SameLoss(double a, double b) =>
        Math.Abs(a - b) <= LossAbsolute + LossRelative * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>
    /// Where <paramref name="x"/>, <paramref name="y"/> sits on the stationary set: the point and its curvature, and whether it can
    /// join a set (gradient zero, a zero eigenvalue). Unrefined points are projected first (within <paramref name="maxDistance"/>).
    /// </summary>
    public static SetCandidate Probe(LandscapeProbe probe, double x, double y, bool refined, double maxDistance, double reach)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!refined)
        {
            if (Refinement.Project(probe, x, y, maxDistance, reach) is not { } projected)
            {
                PointDerivatives at = probe.Evaluate(x, y);
                return new SetCandidate(x, y, at.Loss, Curvature.Of(at, probe.Dimensions), 0, StationaryKind.Minimum, false);
            }

            (x, y) = projected;
        }

        PointDerivatives d = probe.Evaluate(x, y);
        Curvature curvature = Curvature.Of(d, probe.Dimensions);
        int flat = curvature.FlatDirections(d.Loss, reach);
        double gradient = Math.Sqrt(d.GradientX * d.GradientX + d.GradientY * d.GradientY);
        bool stationary = gradient <= GradientRelative * (1 + Math.Abs(d.Loss)) / Math.Max(1, reach);
        // One flat direction and a stiff one: the sign of the stiff one says valley (minima) or ridge (maxima).
        StationaryKind kind = flat == 1 && curvature.Stiff < 0 ? StationaryKind.Maximum : StationaryKind.Minimum;
        return new SetCandidate(x, y, d.Loss, curvature, flat, kind, stationary && flat > 0 && double.IsFinite(d.Loss));
    }

    /// <summary>
    /// Joins <paramref name="candidates"/> into sets. Returns, for each candidate, its set's smallest member index,
    /// and, for members of sets of two or more, their arc-length position along the set's spanning tree from its
    /// first end (the end of smaller x, then y), normalised to [0, 1]; NaN for single points.
    /// </summary>
    public static SetPartition Join(LandscapeProbe probe, IReadOnlyList<SetCandidate> candidates, double linkRadius, double bucket, double reach)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(candidates);
        int count = candidates.Count;
        if (JoinableCount(candidates) < 2)
        {
            // No pair can link (isolated points, the usual case): every candidate is its own set, with no position.
            // Answered here, so that such a run never compiles the linking code (its JIT was most of a small map's resolve).
            var none = new double[count];
            Array.Fill(none, double.NaN);
            return new SetPartition(Enumerable.Range(0, count).ToArray(), none, []);
        }

        var links = CandidateLinks(candidates, linkRadius, bucket);
        double leaf = WalkLeafBuckets * bucket;
        var sets = new UnionFind(count);
        var tree = new List<(int A, int B, double Length)>();
        foreach ((int a, int b, double length) in links)
        {
            if (sets.Find(a) != sets.Find(b) && Walkable(probe, candidates[a], candidates[b], leaf, reach, MaxDepth))
            {
                sets.Union(a, b);
                tree.Add((a, b, length));
            }
        }

        int[] setOf = sets.Roots();
        return new SetPartition(setOf, ArcPositions(candidates, setOf, tree), tree.Select(link => (link.A, link.B)).ToArray());
    }

    private static int JoinableCount(IReadOnlyList<SetCandidate> candidates)
    {
        int joinable = 0;
        for (int i = 0; i < candidates.Count; i++)
        {
            joinable += candidates[i].Joinable ? 1 : 0;
        }

        return joinable;
    }

    // The pairs worth checking, shortest first (ties by index): Kruskal's order. Linking every pair within the
    // reach would cost (reach / bucket)^2 pairs a candidate where they are dense (a plateau), so: neighbours within
    // 1.5 buckets (free to check: shorter than a walk's leaf); each candidate to the representative of its cell (a quarter
    // of the reach a side); and representatives to each other within the reach. Every pair within 1.5 buckets is
    // kept, and any gap up to a quarter of the reach is bridged by the representatives: O(n) pairs in all.
    private static List<(int A, int B, double Length)> CandidateLinks(IReadOnlyList<SetCandidate> candidates, double reach, double bucket)
    {
        var links = new List<(int A, int B, double Length)>();
        var joinable = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Joinable).ToList();
        AddNeighbourLinks(candidates, joinable, 1.5 * bucket, links);

        double side = 0.25 * reach;
        var representativeOf = new Dictionary<(long, long, StationaryKind), int>();
        foreach (int i in joinable)
        {
            SetCandidate p = candidates[i];
            var cell = ((long)Math.Floor(p.X / side), (long)Math.Floor(p.Y / side), p.Kind);
            double centreX = (cell.Item1 + 0.5) * side, centreY = (cell.Item2 + 0.5) * side;
            if (!representativeOf.TryGetValue(cell, out int best) || DistanceTo(p, centreX, centreY) < DistanceTo(candidates[best], centreX, centreY))
            {
                representativeOf[cell] = i;
            }
        }

        foreach (int i in joinable)
        {
            SetCandidate p = candidates[i];
            int representative = representativeOf[((long)Math.Floor(p.X / side), (long)Math.Floor(p.Y / side), p.Kind)];
            SetCandidate r = candidates[representative];
            if (representative != i && SameLoss(p.Loss, r.Loss))
            {
                links.Add((Math.Min(i, representative), Math.Max(i, representative), Distance(p, r)));
            }
        }

        AddNeighbourLinks(candidates, representativeOf.Values.Order().ToList(), reach, links);
        links.Sort((u, v) => u.Length != v.Length ? u.Length.CompareTo(v.Length) : u.A != v.A ? u.A.CompareTo(v.A) : u.B.CompareTo(v.B));
        return links;
    }

    private static double DistanceTo(SetCandidate p, double x, double y) => (p.X - x) * (p.X - x) + (p.Y - y) * (p.Y - y);

    // Pairs of the given candidates within the radius with the same kind and loss, through a spatial hash of that cell size.
    private static void AddNeighbourLinks(IReadOnlyList<SetCandidate> candidates, List<int> members, double radius, List<(int A, int B, double Length)> links)
    {
        var cells = new Dictionary<(long, long), List<int>>();
        foreach (int i in members)
        {
            SetCandidate p = candidates[i];
            long cx = (long)Math.Floor(p.X / radius), cy = (long)Math.Floor(p.Y / radius);
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
                        SetCandidate q = candidates[j];
                        double length = Distance(p, q);
                        if (length <= radius && q.Kind == p.Kind && SameLoss(p.Loss, q.Loss))
                        {
                            links.Add((j, i, length));
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
    }

    // Whether the segment p-q can be walked on stationary points of p's kind and loss: its midpoint, projected onto
    // the stationary set, is a candidate like them and lies between them; then both halves, down to leaf length.
    private static bool Walkable(LandscapeProbe probe, SetCandidate p, SetCandidate q, double leaf, double reach, int depth)
    {
        double length = Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y));
        if (length <= leaf)
        {
            return true;
        }

        if (depth == 0)
        {
            return false;
        }

        SetCandidate middle = Probe(probe, 0.5 * (p.X + q.X), 0.5 * (p.Y + q.Y), false, length, reach);
        if (!middle.Joinable || middle.Kind != p.Kind || !SameLoss(middle.Loss, p.Loss) ||
            Distance(middle, p) >= length || Distance(middle, q) >= length)
        {
            return false;
        }

        return Walkable(probe, p, middle, leaf, reach, depth - 1) && Walkable(probe, middle, q, leaf, reach, depth - 1);
    }

    private static double Distance(SetCandidate a, SetCandidate b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    // Positions from the end of smaller (x, y).
    private static double[] ArcPositions(IReadOnlyList<SetCandidate> candidates, int[] setOf, List<(int A, int B, double Length)> tree) =>
        SetArcs.Positions(candidates.Count, setOf, tree, (u, v) =>
            candidates[u].X != candidates[v].X ? candidates[u].X < candidates[v].X : candidates[u].Y <= candidates[v].Y);
}

/// <summary>A stationary point as a possible member of a set.</summary>
/// <param name="X">x (projected onto the stationary set where the point was not refined).</param>
/// <param name="Y">y.</param>
/// <param name="Loss">f there.</param>
/// <param name="Curvature">The Hessian's eigenvalues there.</param>
/// <param name="FlatDirections">Eigenvalues that count as zero: 1 on a valley, 2 on a plateau.</param>
/// <param name="Kind">Minimum for valleys and plateaus, Maximum for ridges (the stiff curvature's sign).</param>
/// <param name="Joinable">Whether it is stationary with a flat direction, so it may join a set.</param>
public readonly record struct SetCandidate(double X, double Y, double Loss, Curvature Curvature, int FlatDirections, StationaryKind Kind, bool Joinable);

/// <summary>The sets found among candidates.</summary>
/// <param name="SetOf">Per candidate, its set's smallest member index.</param>
/// <param name="Position">Per candidate, its arc-length position in [0, 1] along its set; NaN for single points.</param>
/// <param name="Links">The links kept (a spanning tree of each set), as pairs of candidate indices.</param>
public sealed record SetPartition(int[] SetOf, double[] Position, (int A, int B)[] Links);
