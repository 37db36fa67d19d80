namespace LandscapeGpu.Basins;

/// <summary>
/// Where each member of a stationary set lies along the set, from the tree of links that joined it: shared by the
/// map's sets in (x, y) (<see cref="StationarySets"/>) and the weight space's (<see cref="WeightSpace.WeightStationarySets"/>).
/// </summary>
internal static class SetArcs
{
    /// <summary>
    /// Per set: the tree's two ends are the farthest pair (from any member, the farthest is one end; from it, the
    /// farthest is the other); positions are tree distances from the end <paramref name="firstEnd"/> puts first,
    /// over the ends' distance, in [0, 1]; NaN for a candidate in no tree.
    /// </summary>
    /// <param name="count">The candidates.</param>
    /// <param name="setOf">The set of each candidate.</param>
    /// <param name="tree">The links that joined the sets, a tree per set.</param>
    /// <param name="firstEnd">Whether the first of two ends (candidate indices) is where positions start: a rule on the ends' coordinates, so that positions do not depend on the order the candidates came in.</param>
    public static double[] Positions(int count, int[] setOf, List<(int A, int B, double Length)> tree, Func<int, int, bool> firstEnd)
    {
        var position = new double[count];
        Array.Fill(position, double.NaN);
        var neighbours = new Dictionary<int, List<(int Other, double Length)>>();
        foreach ((int a, int b, double length) in tree)
        {
            NeighboursOf(neighbours, a).Add((b, length));
            NeighboursOf(neighbours, b).Add((a, length));
        }

        var done = new HashSet<int>();
        for (int i = 0; i < count; i++)
        {
            if (!neighbours.ContainsKey(i) || !done.Add(setOf[i]))
            {
                continue;
            }

            int u = Farthest(TreeDistances(neighbours, i));
            Dictionary<int, double> fromU = TreeDistances(neighbours, u);
            int v = Farthest(fromU);
            Dictionary<int, double> fromFirst = firstEnd(u, v) ? fromU : TreeDistances(neighbours, v);
            double span = fromU[v];
            foreach ((int member, double distance) in fromFirst)
            {
                position[member] = span > 0 ? Math.Clamp(distance / span, 0, 1) : 0;
            }
        }

        return position;
    }

    private static List<(int Other, double Length)> NeighboursOf(Dictionary<int, List<(int Other, double Length)>> neighbours, int node)
    {
        if (!neighbours.TryGetValue(node, out List<(int Other, double Length)>? list))
        {
            neighbours[node] = list = new List<(int, double)>();
        }

        return list;
    }

    private static Dictionary<int, double> TreeDistances(Dictionary<int, List<(int Other, double Length)>> neighbours, int from)
    {
        var distance = new Dictionary<int, double> { [from] = 0 };
        var stack = new Stack<int>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            foreach ((int other, double length) in neighbours[node])
            {
                if (distance.TryAdd(other, distance[node] + length))
                {
                    stack.Push(other);
                }
            }
        }

        return distance;
    }

    // The farthest node, ties to the smaller index, so the ends do not depend on dictionary order.
    private static int Farthest(Dictionary<int, double> distance)
    {
        int best = -1;
        double far = -1;
        foreach ((int node, double d) in distance)
        {
            if (d > far || (d == far && node < best))
            {
                best = node;
                far = d;
            }
        }

        return best;
    }
}
