using LandscapeGpu.Basins;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// Keeps an attractor's colour while the view moves. Each map numbers its attractors by loss among those it
/// found, so a zoomed view would renumber (and recolour) them; the registry gives every stationary point one
/// stable id for the session: the first map's ids as they are (so the home view has <c>map</c>'s colours), later
/// points appended in the order they are first seen.
/// </summary>
/// <param name="matchDistance">Points closer than this are the same point.</param>
public sealed class AttractorRegistry(double matchDistance)
{
    private readonly List<(double X, double Y)> known = [];

    /// <summary>Stable ids handed out so far.</summary>
    public int Count => known.Count;

    /// <summary>The stable id of each of <paramref name="attractors"/>, indexed by its id in its map.</summary>
    public int[] Translate(IReadOnlyList<StationaryPoint> attractors)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        var stable = new int[attractors.Count == 0 ? 0 : attractors.Max(a => a.Id) + 1];
        foreach (StationaryPoint point in attractors)
        {
            int match = known.FindIndex(k => Math.Abs(k.X - point.X) <= matchDistance && Math.Abs(k.Y - point.Y) <= matchDistance);
            if (match < 0)
            {
                match = known.Count;
                known.Add((point.X, point.Y));
            }

            stable[point.Id] = match;
        }

        return stable;
    }
}
