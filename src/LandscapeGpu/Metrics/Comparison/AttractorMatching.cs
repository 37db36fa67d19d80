using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Metrics.Comparison;

/// <summary>The attractors one run of a comparison found: the run's name (its optimizer) and its attractors, by id.</summary>
/// <param name="Name">The run's name, unique within the comparison.</param>
/// <param name="Attractors">Its attractors.</param>
public sealed record ComparedRun(string Name, IReadOnlyList<StationaryPoint> Attractors);

/// <summary>What one run reached of a matched attractor.</summary>
/// <param name="Ids">The run's attractor ids matched to it (one, unless the run found two within the match distance).</param>
/// <param name="Fraction">The share of the grid's starts that reached them.</param>
/// <param name="MeanSteps">The mean steps of those starts.</param>
public sealed record MatchedShare(IReadOnlyList<int> Ids, double Fraction, double MeanSteps);

/// <summary>One attractor as several runs found it: matched by location.</summary>
/// <param name="Row">Its index in <see cref="AttractorMatching.Rows"/>: by loss, then x, then y.</param>
/// <param name="Representative">
/// The member that stands for it: of lowest loss, then x, then y, then run name, so that it does not depend on the
/// order the runs are given in.
/// </param>
/// <param name="Shares">What each run reached of it, by run name; a run that never reached it is absent.</param>
public sealed record MatchedAttractor(int Row, StationaryPoint Representative, IReadOnlyDictionary<string, MatchedShare> Shares);

/// <summary>
/// Attractors of several runs over one grid (one run per optimizer) matched by location: two attractors are one when
/// their extents (a point's is the point itself, a valley's the box its members span) lie within the match distance
/// of each other, and matching is transitive. The match distance is the one the clustering uses to join the points of
/// one run (<see cref="BasinCatalog.MergeDistanceOf"/>), so two runs agree on an attractor exactly when one run would
/// have called them one. Rows and matches depend on the set of runs, never on their order.
/// </summary>
public sealed class AttractorMatching
{
    private readonly Dictionary<string, int[]> rowOfId;

    private AttractorMatching(IReadOnlyList<MatchedAttractor> rows, Dictionary<string, int[]> rowOfId, double matchDistance)
    {
        Rows = rows;
        this.rowOfId = rowOfId;
        MatchDistance = matchDistance;
    }

    /// <summary>The matched attractors, by loss, then x, then y.</summary>
    public IReadOnlyList<MatchedAttractor> Rows { get; }

    /// <summary>The distance within which two attractors were matched.</summary>
    public double MatchDistance { get; }

    /// <summary>Matches the attractors of <paramref name="runs"/>, found over <paramref name="box"/>.</summary>
    /// <exception cref="ArgumentException">Two runs share a name, or there is none.</exception>
    public static AttractorMatching Of(IReadOnlyList<ComparedRun> runs, Box box) => Of(runs, BasinCatalog.MergeDistanceOf(box));

    /// <summary>Matches the attractors of <paramref name="runs"/> that lie within <paramref name="matchDistance"/> of each other.</summary>
    /// <exception cref="ArgumentException">Two runs share a name, there is no run, or the distance is negative.</exception>
    public static AttractorMatching Of(IReadOnlyList<ComparedRun> runs, double matchDistance)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("a comparison needs at least one run", nameof(runs));
        }

        if (runs.Select(run => run.Name).Distinct(StringComparer.Ordinal).Count() != runs.Count)
        {
            throw new ArgumentException($"run names must be unique: {string.Join(", ", runs.Select(run => run.Name))}", nameof(runs));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(matchDistance);

        // Every attractor of every run, in an order that depends on nothing but the set: by extent's left edge, then name and id.
        var members = runs
            .SelectMany(run => run.Attractors.Select(point => (Run: run.Name, Point: point, Extent: ExtentOf(point))))
            .OrderBy(member => member.Extent.X0).ThenBy(member => member.Run, StringComparer.Ordinal).ThenBy(member => member.Point.Id)
            .ToArray();
        int[] parent = Enumerable.Range(0, members.Length).ToArray();
        for (int i = 0; i < members.Length; i++)
        {
            Box a = members[i].Extent;
            for (int j = i + 1; j < members.Length && members[j].Extent.X0 <= a.X1 + matchDistance; j++)
            {
                if (Gap(a, members[j].Extent) <= matchDistance)
                {
                    Union(parent, i, j);
                }
            }
        }

        var groups = Enumerable.Range(0, members.Length).GroupBy(i => Find(parent, i))
            .Select(group => group.Select(i => members[i]).ToArray())
            .Select(group => (Members: group, Representative: group
                .OrderBy(member => member.Point.Loss).ThenBy(member => member.Point.X).ThenBy(member => member.Point.Y)
                .ThenBy(member => member.Run, StringComparer.Ordinal).First().Point))
            .OrderBy(group => group.Representative.Loss).ThenBy(group => group.Representative.X).ThenBy(group => group.Representative.Y)
            .ToArray();

        var rowOfId = runs.ToDictionary(run => run.Name, run => new int[run.Attractors.Count == 0 ? 0 : run.Attractors.Max(point => point.Id) + 1], StringComparer.Ordinal);
        var rows = new List<MatchedAttractor>(groups.Length);
        for (int row = 0; row < groups.Length; row++)
        {
            var shares = new SortedDictionary<string, MatchedShare>(StringComparer.Ordinal);
            foreach (var byRun in groups[row].Members.GroupBy(member => member.Run))
            {
                StationaryPoint[] points = byRun.Select(member => member.Point).OrderBy(point => point.Id).ToArray();
                double fraction = points.Sum(point => point.Fraction);
                long count = points.Sum(point => point.Count);
                double meanSteps = count > 0 ? points.Sum(point => point.MeanSteps * point.Count) / count : points[0].MeanSteps;
                shares.Add(byRun.Key, new MatchedShare(points.Select(point => point.Id).ToArray(), fraction, meanSteps));
                foreach (StationaryPoint point in points)
                {
                    rowOfId[byRun.Key][point.Id] = row;
                }
            }

            rows.Add(new MatchedAttractor(row, groups[row].Representative, shares));
        }

        return new AttractorMatching(rows, rowOfId, matchDistance);
    }

    /// <summary>
    /// The outcome of every start of run <paramref name="run"/>: its attractor's row, or <see cref="BasinCatalog.DivergedId"/>
    /// or <see cref="BasinCatalog.UnconvergedId"/> as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The run is not part of the matching, or an id is not one of its attractors.</exception>
    public int[] OutcomesOf(string run, ReadOnlySpan<int> ids)
    {
        if (!rowOfId.TryGetValue(run, out int[]? rowOf))
        {
            throw new ArgumentException($"no run '{run}' in this matching; runs: {string.Join(", ", rowOfId.Keys)}", nameof(run));
        }

        var outcomes = new int[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            int id = ids[i];
            if (id >= rowOf.Length || id < BasinCatalog.UnconvergedId)
            {
                throw new ArgumentException($"start {i} has id {id}, which run '{run}' has no attractor for", nameof(ids));
            }

            outcomes[i] = id >= 0 ? rowOf[id] : id;
        }

        return outcomes;
    }

    /// <summary>The row of run <paramref name="run"/>'s attractor <paramref name="id"/>.</summary>
    public int RowOf(string run, int id) => rowOfId[run][id];

    private static Box ExtentOf(StationaryPoint point) =>
        point.Shape == StationaryShape.Point ? new Box(point.X, point.X, point.Y, point.Y) : point.Extent;

    // The distance between two boxes: 0 where they overlap.
    private static double Gap(Box a, Box b)
    {
        double dx = Math.Max(0, Math.Max(a.X0 - b.X1, b.X0 - a.X1));
        double dy = Math.Max(0, Math.Max(a.Y0 - b.Y1, b.Y0 - a.Y1));
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int rootA = Find(parent, a), rootB = Find(parent, b);
        // The smaller index becomes the root, so the forest does not depend on the order of the unions.
        if (rootA < rootB)
        {
            parent[rootB] = rootA;
        }
        else if (rootB < rootA)
        {
            parent[rootA] = rootB;
        }
    }
}
