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
/// session: the first map's ids as they are (so the home view has <c>map</c>'s ids), later points appended in the
/// order they are first seen. Colours follow the location, as in the figure (<see cref="AttractorColours"/>, over the
/// landscape's usual box): a point's slot is fixed by the first full-resolution map that holds it, and later maps
/// give new points their location's slot, stepping past slots kept by the points beside them. So the home view's
/// full-resolution map is coloured exactly as <c>map</c>'s figure of the same attractors, and zooming or panning
/// never recolours a point already shown at full resolution.
/// </summary>
/// <param name="matchDistance">Points closer than this are the same point.</param>
/// <param name="usualBox">The landscape's usual box (<see cref="LandscapeInfo.Box"/>), which colours are quantised against.</param>
public sealed class AttractorRegistry(double matchDistance, Box usualBox)
{
    private readonly List<Known> known = [];

    /// <summary>Stable ids handed out so far.</summary>
    public int Count => known.Count;

    /// <summary>The stable id of each of <paramref name="attractors"/>, indexed by its id in its map.</summary>
    public int[] Translate(IReadOnlyList<StationaryPoint> attractors) => Label(attractors, keepColours: false).Ids;

    /// <summary>
    /// The stable id and colour slot of each of <paramref name="attractors"/>, indexed by its id in its map;
    /// <paramref name="keepColours"/> (a full-resolution map) fixes the slots of points seen for the first time.
    /// </summary>
    public AttractorLabels Label(IReadOnlyList<StationaryPoint> attractors, bool keepColours)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        var ids = new int[attractors.Count == 0 ? 0 : attractors.Max(a => a.Id) + 1];
        foreach (StationaryPoint point in attractors)
        {
            int match = known.FindIndex(k => Math.Abs(k.X - point.X) <= matchDistance && Math.Abs(k.Y - point.Y) <= matchDistance);
            if (match < 0)
            {
                match = known.Count;
                known.Add(new Known(point.X, point.Y));
            }

            ids[point.Id] = match;
        }

        int[] slots = AttractorColours.SlotsOf(attractors, usualBox, point => known[ids[point.Id]].Slot);
        if (keepColours)
        {
            foreach (StationaryPoint point in attractors)
            {
                known[ids[point.Id]].Slot ??= slots[point.Id];
            }
        }

        return new AttractorLabels(ids, slots);
    }

    private sealed class Known(double x, double y)
    {
        public double X { get; } = x;

        public double Y { get; } = y;

        public int? Slot { get; set; }
    }
}
