using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Cpu;

namespace LandscapeGpu.Rendering;

/// <summary>
/// Colours that follow an attractor's location, not its id, so the same point has the same colour in every run and
/// every optimizer over one landscape: the point's location is quantised to a grid of <see cref="LocationQuantum"/>
/// of the landscape's usual box (its largest side), the two integers are hashed (SplitMix64) into one of
/// <see cref="PaletteSize"/> slots of <see cref="BasinPalette"/>. Where two attractors of one map hash to the same
/// slot, the one with the smaller quantised location (x, then y) keeps it and the other takes the next free slot, so
/// no two attractors of a map share a colour while there are at most <see cref="PaletteSize"/> of them.
/// </summary>
public static class AttractorColours
{
    /// <summary>
    /// Slots a location hashes into: the first nine fixed colours of <see cref="BasinPalette"/> (a qualitative palette
    /// whose hues stay apart when darkened by the step shading; the three lighter ones after them do not).
    /// </summary>
    public const int PaletteSize = 9;

    /// <summary>
    /// Width of a location cell as a fraction of the usual box's largest side: far wider than the spread of one
    /// attractor over runs (refined to the clustering tolerance), far narrower than the distance between two.
    /// </summary>
    public const double LocationQuantum = 1e-3;

    /// <summary>The palette slot of each attractor, indexed by its id; <paramref name="usualBox"/> is the landscape's usual box.</summary>
    public static int[] SlotsOf(IReadOnlyList<StationaryPoint> attractors, Box usualBox) => SlotsOf(attractors, usualBox, _ => null);

    /// <summary>
    /// As <see cref="SlotsOf(IReadOnlyList{StationaryPoint}, Box)"/>, except that the attractors for which
    /// <paramref name="keptSlot"/> gives a slot keep it (the view keeps a colour once shown), and the others avoid
    /// those slots. With no kept slots the result is the same.
    /// </summary>
    public static int[] SlotsOf(IReadOnlyList<StationaryPoint> attractors, Box usualBox, Func<StationaryPoint, int?> keptSlot)
    {
        ArgumentNullException.ThrowIfNull(attractors);
        ArgumentNullException.ThrowIfNull(keptSlot);
        var slots = new int[attractors.Count == 0 ? 0 : attractors.Max(a => a.Id) + 1];
        double cell = LocationQuantum * Math.Max(Math.Max(usualBox.Width, usualBox.Height), 1e-12);
        var taken = new bool[PaletteSize];
        int used = 0;
        var fresh = new List<StationaryPoint>(attractors.Count);
        foreach (StationaryPoint point in attractors)
        {
            if (keptSlot(point) is { } kept)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(kept);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(kept, PaletteSize);
                slots[point.Id] = kept;
                used += taken[kept] ? 0 : 1;
                taken[kept] = true;
            }
            else
            {
                fresh.Add(point);
            }
        }

        var keyed = fresh
            .Select(point => (Point: point, Key: (X: Quantise(point.X, cell), Y: Quantise(point.Y, cell))))
            .OrderBy(entry => entry.Key.X).ThenBy(entry => entry.Key.Y).ThenBy(entry => entry.Point.Id);
        foreach (var (point, key) in keyed)
        {
            int slot = SlotOf(key.X, key.Y);
            if (used < PaletteSize)
            {
                while (taken[slot])
                {
                    slot = (slot + 1) % PaletteSize;
                }

                taken[slot] = true;
                used++;
            }

            slots[point.Id] = slot;
        }

        return slots;
    }

    /// <summary>The colour of palette slot <paramref name="slot"/>.</summary>
    public static Rgb ColourOf(int slot) => BasinPalette.ForId(slot);

    /// <summary>The slot a quantised location hashes to, before collisions are resolved.</summary>
    public static int SlotOf(long x, long y)
    {
        ulong mixed = Mix(Mix(unchecked((ulong)x)) ^ unchecked((ulong)y));
        return (int)(mixed % PaletteSize);
    }

    private static long Quantise(double value, double cell) =>
        double.IsFinite(value) ? (long)Math.Round(Math.Clamp(value / cell, -1e15, 1e15)) : long.MaxValue;

    private static ulong Mix(ulong value)
    {
        // SplitMix64's finaliser: every input bit reaches every output bit.
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
