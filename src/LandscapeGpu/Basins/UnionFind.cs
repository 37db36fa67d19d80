namespace LandscapeGpu.Basins;

/// <summary>
/// Disjoint sets over the indices 0..count-1 (path halving; the smaller root wins), so a set's root is its smallest
/// member whatever order the unions come in: the components found do not depend on visiting order.
/// </summary>
internal sealed class UnionFind
{
    private readonly int[] parent;

    public UnionFind(int count) => parent = Enumerable.Range(0, count).ToArray();

    public int Find(int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    public void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    /// <summary>Each index's root.</summary>
    public int[] Roots()
    {
        var root = new int[parent.Length];
        for (int i = 0; i < parent.Length; i++)
        {
            root[i] = Find(i);
        }

        return root;
    }
}
