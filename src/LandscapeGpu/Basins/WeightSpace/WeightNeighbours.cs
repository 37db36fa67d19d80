namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// Finding pairs of nearby points in K dimensions without a pairwise pass and without visiting the 3^K cells around
/// each point (43 million for K = 16): points are hashed on a grid over the few axes along which they spread most,
/// and each point meets only those in the 3^<see cref="ProjectedAxes"/> cells around its own. Two points within a
/// distance d of each other (in any norm at least the max-norm) are within d along every axis, so they are always met;
/// the caller checks the full distance.
/// </summary>
internal static class WeightNeighbours
{
    /// <summary>Axes hashed on: 27 cells a look-up, and enough to keep a valley or plateau (a curve or sheet) from piling into one cell.</summary>
    public const int ProjectedAxes = 3;

    /// <summary>
    /// Calls <paramref name="visit"/>(earlier, later) for every pair of <paramref name="members"/> (indices into
    /// <paramref name="points"/>) whose coordinates differ by at most <paramref name="side"/> along each hashed axis
    /// (and some farther apart), in an order fixed by the order of <paramref name="members"/>.
    /// </summary>
    public static void CandidatePairs(IReadOnlyList<double[]> points, IReadOnlyList<int> members, double side, Action<int, int> visit)
    {
        if (members.Count < 2)
        {
            return;
        }

        int[] axes = WidestAxes(points, members);
        var cells = new Dictionary<(long, long, long), List<int>>();
        foreach (int i in members)
        {
            (long a, long b, long c) = CellOf(points[i], axes, side);
            for (long da = -1; da <= 1; da++)
            {
                for (long db = axes.Length > 1 ? -1 : 0; db <= (axes.Length > 1 ? 1 : 0); db++)
                {
                    for (long dc = axes.Length > 2 ? -1 : 0; dc <= (axes.Length > 2 ? 1 : 0); dc++)
                    {
                        if (cells.TryGetValue((a + da, b + db, c + dc), out List<int>? neighbours))
                        {
                            foreach (int j in neighbours)
                            {
                                visit(j, i);
                            }
                        }
                    }
                }
            }

            if (!cells.TryGetValue((a, b, c), out List<int>? cell))
            {
                cells[(a, b, c)] = cell = new List<int>();
            }

            cell.Add(i);
        }
    }

    /// <summary>
    /// A look-up for a few points without building all pairs: returns a function from a point to the members of
    /// <paramref name="members"/> whose coordinates differ from it by at most <paramref name="side"/> along each axis
    /// the members spread along most (and some farther), in increasing index order.
    /// </summary>
    public static Func<double[], IEnumerable<int>> Index(IReadOnlyList<double[]> points, IReadOnlyList<int> members, double side)
    {
        if (members.Count == 0)
        {
            return _ => [];
        }

        int[] axes = WidestAxes(points, members);
        var cells = new Dictionary<(long, long, long), List<int>>();
        foreach (int i in members)
        {
            var cell = CellOf(points[i], axes, side);
            if (!cells.TryGetValue(cell, out List<int>? list))
            {
                cells[cell] = list = new List<int>();
            }

            list.Add(i);
        }

        return point =>
        {
            (long a, long b, long c) = CellOf(point, axes, side);
            var found = new List<int>();
            for (long da = -1; da <= 1; da++)
            {
                for (long db = axes.Length > 1 ? -1 : 0; db <= (axes.Length > 1 ? 1 : 0); db++)
                {
                    for (long dc = axes.Length > 2 ? -1 : 0; dc <= (axes.Length > 2 ? 1 : 0); dc++)
                    {
                        if (cells.TryGetValue((a + da, b + db, c + dc), out List<int>? list))
                        {
                            found.AddRange(list);
                        }
                    }
                }
            }

            found.Sort();
            return found;
        };
    }

    /// <summary>The largest coordinate difference of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double MaxDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double d = Math.Abs(a[k] - b[k]);
            max = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(max, d);
        }

        return max;
    }

    /// <summary>The Euclidean distance of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }

        return Math.Sqrt(sum);
    }

    // The axes of largest extent over the members, ties to the lower axis: a choice that depends only on the set of points.
    private static int[] WidestAxes(IReadOnlyList<double[]> points, IReadOnlyList<int> members)
    {
        int dimension = points[members[0]].Length;
        var extent = new double[dimension];
        for (int k = 0; k < dimension; k++)
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            foreach (int i in members)
            {
                low = Math.Min(low, points[i][k]);
                high = Math.Max(high, points[i][k]);
            }

            extent[k] = high - low;
        }

        return Enumerable.Range(0, dimension).OrderByDescending(k => extent[k]).ThenBy(k => k).Take(ProjectedAxes).ToArray();
    }

    private static (long, long, long) CellOf(double[] point, int[] axes, double side)
    {
        long Cell(int axis) => axis < axes.Length ? (long)Math.Clamp(Math.Floor(point[axes[axis]] / side), long.MinValue / 4, long.MaxValue / 4) : 0;
        return (Cell(0), Cell(1), Cell(2));
    }
}
