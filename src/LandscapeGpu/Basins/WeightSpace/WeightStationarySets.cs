using LandscapeGpu.Weights;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// Joins stationary points in the full weight space that lie on one connected set of stationary points at one loss
/// (a valley, a plateau) into sets, as <see cref="StationarySets"/> does on the 2-D map, with the same tolerances
/// (<see cref="StationarySets.SameLoss"/>, <see cref="StationarySets.GradientRelative"/>, <see cref="Curvature.FlatThreshold"/>).
/// A point is a candidate when its gradient vanishes and its Hessian has a zero eigenvalue. Two candidates are linked
/// when they are within the link radius, of the same kind, at the same loss, and the segment between them can be
/// walked on stationary points (its midpoint, projected onto the stationary set, is again such a candidate and lies
/// between them, down to pieces of <see cref="StationarySets.WalkLeafBuckets"/> buckets). Pairs come from spatial
/// hashes (<see cref="WeightNeighbours"/>), never a pairwise pass; links are taken shortest first (Kruskal).
/// </summary>
public static class WeightStationarySets
{
    /// <summary>Midpoints checked per link at most (as on the 2-D map).</summary>
    private const int MaxDepth = 12;

    /// <summary>
    /// A fragment (a set, or a lone candidate, spanning at most one link radius) is tried against candidates up to this
    /// many link radii away. In K weights a 2-D family of starts covers a valley of higher dimension sparsely, and where
    /// the descent stretches its basin a few endpoints land a little beyond the link radius from the rest of their
    /// valley (a 2-2-1 tanh network on XOR left single starts and pairs 1 to 2 link radii from their valley's other
    /// members). The walk still checks every such link.
    /// </summary>
    public const double LoneLinkRadii = 4;

    /// <summary>Walks tried per fragment at most, nearest first: a fragment that none of its nearest candidates reaches stays apart.</summary>
    public const int LoneLinkTries = 8;

    /// <summary>
    /// Where <paramref name="point"/> sits on the stationary set: projected onto it (within <paramref name="maxDistance"/>;
    /// a point that does not settle stays where it is and cannot join; one known to be <paramref name="stationary"/>
    /// is not moved), with its loss, eigenvalues, flat directions, kind, and whether it can join a set.
    /// </summary>
    public static WeightSetCandidate Probe(IWeightSpaceFunction function, ReadOnlySpan<double> point, double maxDistance, double reach, bool stationary = false)
    {
        ArgumentNullException.ThrowIfNull(function);
        int n = function.Dimension;
        double[] at = point[..n].ToArray();
        // A point already refined onto the stationary set is probed where it is, as on the 2-D map.
        bool projected = stationary || WeightSpaceRefinement.Project(function, at, maxDistance, reach);
        if (!projected)
        {
            point[..n].CopyTo(at);
        }

        double loss = function.Loss(at);
        var gradient = new double[n];
        var hessian = new double[n * n];
        var eigenvalues = new double[n];
        function.Gradient(at, gradient);
        function.Hessian(at, hessian);
        bool finite = SymmetricEigen.Decompose(hessian, n, eigenvalues, []) && double.IsFinite(loss);
        int flat = finite ? WeightSpaceRefinement.FlatDirections(eigenvalues, loss, reach) : 0;
        double threshold = flat == n ? double.PositiveInfinity : Curvature.FlatThreshold(WeightSpaceRefinement.StiffMagnitude(eigenvalues), loss, reach);
        StationaryKind kind = WeightSpaceRefinement.ClassifyStiff(eigenvalues, threshold);
        bool vanishes = WeightSpaceRefinement.Norm2(gradient) <= StationarySets.GradientRelative * (1 + Math.Abs(loss)) / Math.Max(1, reach);
        return new WeightSetCandidate(at, loss, eigenvalues, flat, kind, projected && finite && vanishes && flat > 0);
    }

    /// <summary>
    /// Joins <paramref name="candidates"/> into sets. Returns, for each candidate, its set's smallest member index; the
    /// links kept (a spanning tree of each set) as pairs of candidate indices; and, for members of linked sets, their
    /// position along the set's spanning tree (as on the 2-D map: tree distance from the end whose weights come first
    /// in order, over the distance between the tree's two farthest-apart ends, in [0, 1]; NaN for single points).
    /// </summary>
    public static (int[] SetOf, (int A, int B)[] Links, double[] Position) Join(
        IWeightSpaceFunction function, IReadOnlyList<WeightSetCandidate> candidates, double linkRadius, double bucket, double reach,
        int degreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(candidates);
        int count = candidates.Count;
        var sets = new UnionFind(count);
        var tree = new List<(int A, int B, double Length)>();
        if (candidates.Count(c => c.Joinable) >= 2)
        {
            double leaf = StationarySets.WalkLeafBuckets * bucket;
            List<(int A, int B, double Length)> links = CandidateLinks(candidates, linkRadius, bucket);
            // Kruskal in batches: the walks of a batch's links between different sets run in parallel, then the batch is
            // applied in order, each link kept when its sets still differ. A walk is a pure function of its two ends, so
            // this keeps exactly the links the one-by-one loop keeps (a walk found needless is only wasted work).
            int batch = degreeOfParallelism == 1 ? 1 : 64 * degreeOfParallelism;
            var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
            for (int from = 0; from < links.Count; from += batch)
            {
                int size = Math.Min(batch, links.Count - from);
                var walkable = new bool[size];
                var open = Enumerable.Range(0, size).Where(i => sets.Find(links[from + i].A) != sets.Find(links[from + i].B)).ToList();
                Parallel.ForEach(open, options, i =>
                    walkable[i] = Walkable(function, candidates[links[from + i].A], candidates[links[from + i].B], leaf, reach, MaxDepth));
                for (int i = 0; i < size; i++)
                {
                    (int a, int b, double length) = links[from + i];
                    if (sets.Find(a) != sets.Find(b) && walkable[i])
                    {
                        sets.Union(a, b);
                        tree.Add((a, b, length));
                    }
                }
            }
        }

        LinkLoneCandidates(function, candidates, linkRadius, bucket, reach, tree, sets);
        int[] setOf = sets.Roots();
        return (setOf, tree.Select(link => (link.A, link.B)).ToArray(), ArcPositions(candidates, setOf, tree));
    }

    // Each fragment (a set of joinable candidates, a lone one included, spanning no more than a link radius in any
    // weight), in the order of its smallest member, is walked to the nearest joinable candidates of the same kind and
    // loss in other sets within LoneLinkRadii link radii (the LoneLinkTries nearest pairs, ties by index); the first
    // that walks is linked. Only fragments look this far, so the search is spatially hashed look-ups for their
    // members, never a pass over pairs, and at most LoneLinkTries walks per fragment.
    private static void LinkLoneCandidates(
        IWeightSpaceFunction function, IReadOnlyList<WeightSetCandidate> candidates, double linkRadius, double bucket, double reach,
        List<(int A, int B, double Length)> tree, UnionFind sets)
    {
        var joinable = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Joinable).ToList();
        if (joinable.Count < 2)
        {
            return;
        }

        var fragments = new List<List<int>>();
        foreach (List<int> set in joinable.GroupBy(sets.Find).Select(group => group.ToList()))
        {
            bool small = true;
            for (int k = 0; k < candidates[set[0]].Weights.Length && small; k++)
            {
                small = set.Max(i => candidates[i].Weights[k]) - set.Min(i => candidates[i].Weights[k]) <= linkRadius;
            }

            if (small)
            {
                fragments.Add(set);
            }
        }

        if (fragments.Count == 0)
        {
            return;
        }

        double far = LoneLinkRadii * linkRadius, leaf = StationarySets.WalkLeafBuckets * bucket;
        Func<double[], IEnumerable<int>> near = WeightNeighbours.Index(candidates.Select(c => c.Weights).ToList(), joinable, far);
        foreach (List<int> fragment in fragments)
        {
            int root = sets.Find(fragment[0]);
            var nearest = fragment
                .SelectMany(i => near(candidates[i].Weights)
                    .Where(j => sets.Find(j) != root && candidates[j].Kind == candidates[i].Kind && StationarySets.SameLoss(candidates[j].Loss, candidates[i].Loss))
                    .Select(j => (From: i, To: j, Length: WeightNeighbours.Distance(candidates[i].Weights, candidates[j].Weights))))
                .Where(pair => pair.Length <= far)
                .OrderBy(pair => pair.Length).ThenBy(pair => pair.From).ThenBy(pair => pair.To)
                .Take(LoneLinkTries)
                .ToList();
            foreach ((int i, int j, double length) in nearest)
            {
                if (sets.Find(j) != sets.Find(i) && Walkable(function, candidates[i], candidates[j], leaf, reach, MaxDepth))
                {
                    sets.Union(i, j);
                    tree.Add((Math.Min(i, j), Math.Max(i, j), length));
                    break;
                }
            }
        }
    }

    // Positions from the end whose weights come first (see SetArcs).
    private static double[] ArcPositions(IReadOnlyList<WeightSetCandidate> candidates, int[] setOf, List<(int A, int B, double Length)> tree) =>
        SetArcs.Positions(candidates.Count, setOf, tree, (u, v) => candidates[u].Weights.AsSpan().SequenceCompareTo(candidates[v].Weights) <= 0);

    // The pairs worth checking, shortest first (ties by index), as on the 2-D map: neighbours within 1.5 buckets; each
    // candidate to the representative of its cell (a quarter of the link radius a side, in all K weights); and
    // representatives to each other within the link radius. O(n) pairs in all.
    private static List<(int A, int B, double Length)> CandidateLinks(IReadOnlyList<WeightSetCandidate> candidates, double linkRadius, double bucket)
    {
        var links = new List<(int A, int B, double Length)>();
        var points = candidates.Select(c => c.Weights).ToList();
        var joinable = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Joinable).ToList();
        AddNeighbourLinks(candidates, points, joinable, 1.5 * bucket, links);

        double side = 0.25 * linkRadius;
        var representativeOf = new Dictionary<CellKey, int>();
        var cellOf = new Dictionary<int, CellKey>();
        foreach (int i in joinable)
        {
            var cell = CellKey.Of(candidates[i].Weights, side, candidates[i].Kind);
            cellOf[i] = cell;
            if (!representativeOf.TryGetValue(cell, out int best) || cell.CentreDistance(candidates[i].Weights, side) < cell.CentreDistance(candidates[best].Weights, side))
            {
                representativeOf[cell] = i;
            }
        }

        foreach (int i in joinable)
        {
            int representative = representativeOf[cellOf[i]];
            if (representative != i && StationarySets.SameLoss(candidates[i].Loss, candidates[representative].Loss))
            {
                links.Add((Math.Min(i, representative), Math.Max(i, representative), WeightNeighbours.Distance(candidates[i].Weights, candidates[representative].Weights)));
            }
        }

        AddNeighbourLinks(candidates, points, representativeOf.Values.Order().ToList(), linkRadius, links);
        links.Sort((u, v) => u.Length != v.Length ? u.Length.CompareTo(v.Length) : u.A != v.A ? u.A.CompareTo(v.A) : u.B.CompareTo(v.B));
        return links;
    }

    private static void AddNeighbourLinks(
        IReadOnlyList<WeightSetCandidate> candidates, List<double[]> points, List<int> members, double radius, List<(int A, int B, double Length)> links)
    {
        WeightNeighbours.CandidatePairs(points, members, radius, (j, i) =>
        {
            WeightSetCandidate p = candidates[i], q = candidates[j];
            double length = WeightNeighbours.Distance(p.Weights, q.Weights);
            if (length <= radius && p.Kind == q.Kind && StationarySets.SameLoss(p.Loss, q.Loss))
            {
                links.Add((Math.Min(i, j), Math.Max(i, j), length));
            }
        });
    }

    // Whether the segment p-q can be walked on stationary points of p's kind and loss: its midpoint, projected onto
    // the stationary set, is a candidate like them and lies between them; then both halves, down to leaf length.
    private static bool Walkable(IWeightSpaceFunction function, WeightSetCandidate p, WeightSetCandidate q, double leaf, double reach, int depth)
    {
        double length = WeightNeighbours.Distance(p.Weights, q.Weights);
        if (length <= leaf)
        {
            return true;
        }

        if (depth == 0)
        {
            return false;
        }

        var middle = new double[p.Weights.Length];
        for (int k = 0; k < middle.Length; k++)
        {
            middle[k] = 0.5 * (p.Weights[k] + q.Weights[k]);
        }

        WeightSetCandidate m = Probe(function, middle, length, reach);
        if (!m.Joinable || m.Kind != p.Kind || !StationarySets.SameLoss(m.Loss, p.Loss) ||
            WeightNeighbours.Distance(m.Weights, p.Weights) >= length || WeightNeighbours.Distance(m.Weights, q.Weights) >= length)
        {
            return false;
        }

        return Walkable(function, p, m, leaf, reach, depth - 1) && Walkable(function, m, q, leaf, reach, depth - 1);
    }

    /// <summary>A cell of the representatives' grid in all K weights, with the kind it holds.</summary>
    private readonly struct CellKey : IEquatable<CellKey>
    {
        private readonly long[] cell;
        private readonly StationaryKind kind;
        private readonly int hash;

        private CellKey(long[] cell, StationaryKind kind)
        {
            this.cell = cell;
            this.kind = kind;
            var h = new HashCode();
            foreach (long c in cell)
            {
                h.Add(c);
            }

            h.Add(kind);
            hash = h.ToHashCode();
        }

        public static CellKey Of(double[] weights, double side, StationaryKind kind) =>
            new(weights.Select(w => (long)Math.Clamp(Math.Floor(w / side), long.MinValue / 4, long.MaxValue / 4)).ToArray(), kind);

        public double CentreDistance(double[] weights, double side)
        {
            double sum = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                double d = weights[k] - (cell[k] + 0.5) * side;
                sum += d * d;
            }

            return sum;
        }

        public bool Equals(CellKey other) => kind == other.kind && cell.AsSpan().SequenceEqual(other.cell);

        public override bool Equals(object? obj) => obj is CellKey other && Equals(other);

        public override int GetHashCode() => hash;
    }
}

/// <summary>A stationary point in the full weight space as a possible member of a set.</summary>
/// <param name="Weights">The point (projected onto the stationary set where that settled).</param>
/// <param name="Loss">f there.</param>
/// <param name="Eigenvalues">The Hessian's eigenvalues there, ascending.</param>
/// <param name="FlatDirections">Eigenvalues that count as zero: the dimension of the set through the point.</param>
/// <param name="Kind">The kind its stiff (nonzero) eigenvalues give: minimum (valleys, plateaus), maximum (ridges) or saddle.</param>
/// <param name="Joinable">Whether it is stationary with a flat direction, so it may join a set.</param>
public sealed record WeightSetCandidate(double[] Weights, double Loss, double[] Eigenvalues, int FlatDirections, StationaryKind Kind, bool Joinable);
