namespace LandscapeGpu.Basins;

/// <summary>
/// The arc-length position along its valley of every bucket that belongs to a valley, looked up by endpoint: what
/// <c>valleyPosition.npy</c> holds. Endpoints map to buckets exactly as the catalog mapped them, so a map assembled
/// from tiles gets the same positions as one computed whole.
/// </summary>
public sealed class ValleyPositions
{
    private readonly Dictionary<long, float> positionOfKey;
    private readonly double originX;
    private readonly double originY;
    private readonly double bucketSize;

    internal ValleyPositions(Dictionary<long, float> positionOfKey, double originX, double originY, double bucketSize)
    {
        this.positionOfKey = positionOfKey;
        this.originX = originX;
        this.originY = originY;
        this.bucketSize = bucketSize;
    }

    /// <summary>Buckets that lie on a valley.</summary>
    public int Count => positionOfKey.Count;

    /// <summary>The position in [0, 1] along its valley of an endpoint at (x, y); NaN when its bucket is on no valley.</summary>
    public float At(double x, double y) =>
        positionOfKey.TryGetValue(BasinCatalog.KeyOf(x, y, originX, originY, bucketSize), out float position) ? position : float.NaN;

    /// <summary>
    /// Per start, the position along its valley of its endpoint when its attractor id (in <paramref name="ids"/>)
    /// is a valley of <paramref name="basins"/>; NaN elsewhere.
    /// </summary>
    public static float[] Map(BasinResolution basins, ReadOnlySpan<int> ids, ReadOnlySpan<double> endX, ReadOnlySpan<double> endY)
    {
        ArgumentNullException.ThrowIfNull(basins);
        var positions = new float[ids.Length];
        bool[] isValley = basins.Attractors.Select(a => a.Shape == StationaryShape.Valley).ToArray();
        for (int i = 0; i < ids.Length; i++)
        {
            int id = ids[i];
            positions[i] = id >= 0 && id < isValley.Length && isValley[id] && basins.ValleyPositions is { } table ? table.At(endX[i], endY[i]) : float.NaN;
        }

        return positions;
    }
}
