namespace LandscapeGpu.Basins;

/// <summary>
/// The steps of a resolve that never look inside a point, shared by the map's catalog (a point is x and y) and the
/// weight-space catalog (a point is K weights): one candidate per merged component, stationary sets' components
/// grouped into one attractor each, and each bucket's id. Buckets are visited in key order (<c>byKey</c>) and
/// components named by their root bucket, so the results depend only on the buckets seen.
/// </summary>
internal static class AttractorCandidates
{
    /// <summary>
    /// One candidate per component, represented by its refined member of smallest key (else its smallest key) with
    /// the component's start count and step sum, listed in the order components are first met in key order.
    /// </summary>
    public static List<AttractorCandidate<TPoint>> OfComponents<TPoint>(
        RefinedBucket<TPoint>[] points, int[] component, int[] byKey, List<long> counts, List<double> stepSums, Func<TPoint, double> loss)
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
            RefinedBucket<TPoint> point = points[group.Representative];
            double at = loss(point.Point);
            return new AttractorCandidate<TPoint>(group.Root, point.Point, point.Refined, at, group.Count, group.StepSum)
            {
                SortLoss = at, SortPoint = point.Point, Lower = point.Point, Upper = point.Point,
            };
        }).ToList();
    }

    /// <summary>For each bucket in key order (its rank), the index of its component's candidate.</summary>
    public static int[] CandidateOfRank<TPoint>(List<AttractorCandidate<TPoint>> candidates, int[] component, int[] byKey)
    {
        var candidateOfRoot = new Dictionary<int, int>();
        for (int i = 0; i < candidates.Count; i++)
        {
            candidateOfRoot[candidates[i].Root] = i;
        }

        return byKey.Select(b => candidateOfRoot[component[b]]).ToArray();
    }

    /// <summary>
    /// Joins the candidates whose buckets are linked (links and positions are by rank, as the stationary-set joins
    /// return them) into one attractor per set that <paramref name="spans"/> more than a bucket; every other candidate
    /// stays exactly as it was. A set is made by <paramref name="joinedSet"/> from its linked ranks in key order and
    /// takes its smallest candidate's place, root and the candidates' totals. Returns the attractors (each with its
    /// index in this list), each candidate's attractor, and each bucket's position along its valley (NaN off valleys).
    /// </summary>
    public static (List<AttractorCandidate<TPoint>> Attractors, int[] AttractorOfCandidate, double[] PositionOfBucket) JoinSets<TPoint>(
        List<AttractorCandidate<TPoint>> candidates, int[] candidateOfRank, int[] component, int[] byKey, (int A, int B)[] links,
        double[] positionOfRank, Func<List<int>, bool> spans, Func<List<int>, int, AttractorCandidate<TPoint>> joinedSet)
    {
        var groups = new UnionFind(candidates.Count);
        bool[] inTree = new bool[byKey.Length];
        foreach ((int a, int b) in links)
        {
            groups.Union(candidateOfRank[a], candidateOfRank[b]);
            inTree[a] = inTree[b] = true;
        }

        // The linked buckets of each group, in key order.
        var linkedOf = new Dictionary<int, List<int>>();
        for (int rank = 0; rank < byKey.Length; rank++)
        {
            if (inTree[rank])
            {
                int group = groups.Find(candidateOfRank[rank]);
                if (!linkedOf.TryGetValue(group, out List<int>? linked))
                {
                    linkedOf[group] = linked = new List<int>();
                }

                linked.Add(rank);
            }
        }

        // Which groups are sets, and their totals, in one pass each (a plateau is one group of thousands of candidates).
        var setGroups = linkedOf.Where(pair => spans(pair.Value)).Select(pair => pair.Key).ToHashSet();
        var totalsOf = new Dictionary<int, (long Count, double StepSum)>();
        for (int member = 0; member < candidates.Count; member++)
        {
            int group = groups.Find(member);
            if (setGroups.Contains(group))
            {
                totalsOf.TryGetValue(group, out var totals);
                totalsOf[group] = (totals.Count + candidates[member].Count, totals.StepSum + candidates[member].StepSum);
            }
        }

        var attractors = new List<AttractorCandidate<TPoint>>(candidates.Count);
        int[] attractorOf = new int[candidates.Count];
        var positionOfBucket = new double[component.Length];
        Array.Fill(positionOfBucket, double.NaN);
        for (int i = 0; i < candidates.Count; i++)
        {
            int group = groups.Find(i);
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
                AttractorCandidate<TPoint> set = joinedSet(linkedOf[group], attractors.Count);
                attractors.Add(set with { Root = candidates[i].Root, Count = count, StepSum = stepSum });
                if (set.Shape == StationaryShape.Valley)
                {
                    foreach (int rank in linkedOf[group])
                    {
                        positionOfBucket[byKey[rank]] = positionOfRank[rank];
                    }
                }
            }
        }

        InheritValleyPositions(positionOfBucket, component, byKey);
        return (attractors, attractorOf, positionOfBucket);
    }

    /// <summary>
    /// Each bucket's attractor id, given the attractors in id order (their <see cref="AttractorCandidate{TPoint}.Index"/>
    /// still the one <see cref="JoinSets"/> gave them) and each candidate's attractor.
    /// </summary>
    public static int[] IdsOfBuckets<TPoint>(
        List<AttractorCandidate<TPoint>> candidates, List<AttractorCandidate<TPoint>> attractors, int[] attractorOfCandidate, int[] component)
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

    // A valley bucket left out of the tree (its point did not project onto the valley, or merged into a linked
    // neighbour's component) takes the position of the first bucket of its component, in key order, that has one.
    private static void InheritValleyPositions(double[] positionOfBucket, int[] component, int[] byKey)
    {
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
    }
}

/// <summary>A bucket's point after refinement: the refined point, or the bucket's centre where refinement failed.</summary>
internal readonly record struct RefinedBucket<TPoint>(TPoint Point, bool Refined);

/// <summary>
/// One merged component (or, after sets are joined, one attractor) before it is numbered: its root bucket,
/// representative point and totals, the point it sorts by, and, for a set, its shape, kind, extent (the members'
/// lowest and highest coordinates) and members.
/// </summary>
internal sealed record AttractorCandidate<TPoint>(int Root, TPoint Point, bool Refined, double Loss, long Count, double StepSum)
{
    public int Index { get; init; }

    public double SortLoss { get; init; }

    public required TPoint SortPoint { get; init; }

    public StationaryShape Shape { get; init; }

    public StationaryKind SetKind { get; init; }

    public required TPoint Lower { get; init; }

    public required TPoint Upper { get; init; }

    public int Members { get; init; } = 1;
}
