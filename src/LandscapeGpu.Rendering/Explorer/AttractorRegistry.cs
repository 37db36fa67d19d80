using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>The session id and the palette slot of each attractor of one map, indexed by its id in that map.</summary>
/// <param name="Ids">Session-wide ids (see <see cref="AttractorRegistry"/>).</param>
/// <param name="Slots">Palette slots (<see cref="AttractorColours"/>): the colour of each attractor.</param>
public sealed record AttractorLabels(int[] Ids, int[] Slots);

/// <summary>
/// Keeps an attractor's id and colour while the view moves. Each map numbers its attractors by loss among those it
/// found, so a zoomed view would renumber them; the registry gives every stationary point one stable id for the
/// session, and colours it by location as the figure does (<see cref="AttractorColours"/>, over the landscape's usual
/// box). Ids and colours are fixed by full-resolution maps only: the first one's ids as they are and its colours as
/// the figure's (so the home view shows <c>map</c>'s ids and colours of the same attractors), later points numbered on
/// in the order they are first seen and given their location's colour, stepping past colours kept by the points
/// beside them. The coarse levels drawn while a map refines get provisional ids and colours for points not fixed yet.
/// Zooming or panning never renumbers or recolours a point once a full-resolution map has shown it.
/// </summary>
/// <param name="matchDistance">Points closer than this are the same point.</param>
/// <param name="usualBox">The landscape's usual box (<see cref="LandscapeInfo.Box"/>), which colours are quantised against.</param>
public sealed class AttractorRegistry(double matchDistance, Box usualBox)
{
    private readonly List<Known> known = [];

    /// <summary>Stable ids handed out so far.</summary>
    public int Count => known.Count;

    /// <summary>The stable id of each of <paramref name="attractors"/> (a full-resolution map), indexed by its id in its map.</summary>
    public int[] Translate(IReadOnlyList<StationaryPoint> attractors) => Label(attractors, final: true).Ids;

    /// <summary>
    /// The stable id and colour slot of each of <paramref name="attractors"/>, indexed by its id in its map;
    /// <paramref name="final"/> (a full-resolution map) fixes the ids and colours of points seen for the first time,
    /// otherwise they are provisional.
    /// </summary>
    public AttractorLabels Label(IReadOnlyList<StationaryPoint> attractors, bool final)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        var ids = new int[attractors.Count == 0 ? 0 : attractors.Max(a => a.Id) + 1];
        var found = new Known?[ids.Length];
        int provisional = known.Count;
        foreach (StationaryPoint point in attractors.OrderBy(a => a.Id))
        {
            int match = known.FindIndex(k => Math.Abs(k.X - point.X) <= matchDistance && Math.Abs(k.Y - point.Y) <= matchDistance);
            if (match >= 0)
            {
                found[point.Id] = known[match];
            }
            else if (final)
            {
                match = known.Count;
                known.Add(found[point.Id] = new Known(point.X, point.Y));
            }
            else
            {
                match = provisional++;
            }

            ids[point.Id] = match;
        }

        int[] slots = AttractorColours.SlotsOf(attractors, usualBox, point => found[point.Id]?.Slot);
        if (final)
        {
            foreach (StationaryPoint point in attractors)
            {
                found[point.Id]!.Slot ??= slots[point.Id];
            }
        }

        return new AttractorLabels(ids, slots);
    }

    private sealed class Known(double x, double y)
    {
        public double X { get; } = x;

        public double Y { get; } = y;

        /// <summary>The palette slot, once a full-resolution map fixed it.</summary>
        public int? Slot { get; set; }
    }
}
