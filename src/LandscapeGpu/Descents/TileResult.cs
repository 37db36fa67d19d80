namespace LandscapeGpu.Descents;

/// <summary>Where each start of one tile ended: row-major arrays, row 0 at the tile's lowest y.</summary>
public sealed class TileResult
{
    /// <summary>Allocates room for <paramref name="capacity"/> starts.</summary>
    public TileResult(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        EndX = new double[capacity];
        EndY = new double[capacity];
        Steps = new int[capacity];
        Outcomes = new DescentOutcome[capacity];
    }

    /// <summary>Endpoint x (exactly the descent's float32 or float64 value, widened).</summary>
    public double[] EndX { get; }

    /// <summary>Endpoint y.</summary>
    public double[] EndY { get; }

    /// <summary>Steps taken.</summary>
    public int[] Steps { get; }

    /// <summary>How each descent ended.</summary>
    public DescentOutcome[] Outcomes { get; }

    /// <summary>Number of starts the arrays hold.</summary>
    public int Capacity => EndX.Length;
}
