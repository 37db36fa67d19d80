using System.Runtime.CompilerServices;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Basins;

/// <summary>
/// Clusters endpoints into distinct stationary points without comparing endpoints pairwise. Converged endpoints
/// fall into square buckets of a fixed size; each bucket's centre is refined by Newton's method in float64;
/// buckets whose refined points lie within 1.5 buckets of each other are one attractor. Everything after
/// bucketing depends only on the set of buckets hit, never on the order starts or tiles arrive in, so ids are
/// the same whatever the thread order or tiling.
/// </summary>
public sealed partial class BasinCatalog
{
    /// <summary>Bucket code of a start that diverged.</summary>
    public const int DivergedId = -1;

    /// <summary>Bucket code of a start that did not converge.</summary>
    public const int UnconvergedId = -2;

    /// <summary>Buckets per box side: endpoints closer than a thousandth of the box are one cluster.</summary>
    public const int BucketsPerSide = 1024;

    /// <summary>The smallest bucket side, as a fraction of the box's reach (at least 1): 2^-20.</summary>
    public const double MinimumBucketFraction = 1.0 / (1 << 20);

    /// <summary>
    /// Stationary points up to this many buckets apart (or <see cref="LinkSpacings"/> start spacings, if more) may be
    /// linked into one set. Along a valley, endpoints gather in clusters whose gaps are set by the descent, not by the
    /// grid (float32 descents of (x*y-1)^2 leave gaps of up to 9 buckets at any grid size); each link is checked point
    /// by point, so a generous reach joins nothing that is not connected.
    /// </summary>
    public const double LinkBuckets = 32;

    /// <summary>On a coarse grid, neighbouring starts end this many start spacings apart along a valley at most.</summary>
    public const double LinkSpacings = 4;

    /// <summary>Refined bucket points within this many buckets of each other are one attractor.</summary>
    public const double MergeBuckets = 1.5;

    private readonly LandscapeProbe probe;
    private readonly Dictionary<long, int> bucketOfKey = new(BucketKeyComparer.Instance);
    private readonly List<long> keys = new();
    private readonly List<long> counts = new();
    private readonly List<double> stepSums = new();
    private readonly double originX;
    private readonly double originY;
    private readonly double? fixedY;
    private readonly double reach;
    private readonly double linkRadius;

    /// <summary>A catalog for descents over <paramref name="grid"/> of <paramref name="probe"/>'s landscape.</summary>
    public BasinCatalog(LandscapeProbe probe, GridSpec grid)
    {
        ArgumentNullException.ThrowIfNull(probe);
        this.probe = probe;
        originX = grid.Box.X0;
        originY = grid.Box.Y0;
        // Never finer than 2^-20 of the box's reach: in a tiny (zoomed) box, endpoints up to the divergence radius
        // (1000 reaches) away must still get distinct 32-bit bucket coordinates instead of clamping into one bucket.
        BucketSize = BucketSizeOf(grid.Box);
        // A 1-D landscape never moves y: its points keep the grid's y rather than a bucket centre's.
        fixedY = probe.Dimensions == 1 ? grid.StartY(0) : null;
        reach = grid.Box.Reach;
        double spacing = probe.Dimensions == 1 ? grid.Box.Width / grid.Width : Math.Max(grid.Box.Width / grid.Width, grid.Box.Height / grid.Height);
        linkRadius = Math.Max(LinkBuckets * BucketSize, LinkSpacings * spacing);
    }

    /// <summary>Side of a bucket.</summary>
    public double BucketSize { get; }

    /// <summary>The side of a bucket over <paramref name="box"/>: a <see cref="BucketsPerSide"/>th of its larger side, never under <see cref="MinimumBucketFraction"/> of its reach (at least 1).</summary>
    public static double BucketSizeOf(Landscapes.Box box) => Math.Max(Math.Max(box.Width, box.Height) / BucketsPerSide, Math.Max(1, box.Reach) * MinimumBucketFraction);

    /// <summary>How close two attractors found over <paramref name="box"/> may be and still be one: <see cref="MergeBuckets"/> buckets.</summary>
    public static double MergeDistanceOf(Landscapes.Box box) => MergeBuckets * BucketSizeOf(box);

    /// <summary>Starts that diverged so far.</summary>
    public long Diverged { get; private set; }

    /// <summary>Starts that did not converge so far.</summary>
    public long Unconverged { get; private set; }

    /// <summary>Starts added so far.</summary>
    public long Starts { get; private set; }

    /// <summary>The key of the bucket of side <paramref name="size"/> holding (x, y), on a bucket grid anchored at the origin given.</summary>
    // Inlined: the counting pass calls it once per start, and the call would cost as much as the key.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long KeyOf(double x, double y, double originX, double originY, double size)
    {
        long column = (long)Math.Floor((x - originX) / size);
        long row = (long)Math.Floor((y - originY) / size);
        return (Math.Clamp(column, int.MinValue, int.MaxValue) << 32) | (uint)Math.Clamp(row, int.MinValue, int.MaxValue);
    }

    private (double X, double Y) CentreOf(long key)
    {
        long column = key >> 32;
        long row = (int)(key & 0xffffffffL);
        return (originX + (column + 0.5) * BucketSize, fixedY ?? originY + (row + 0.5) * BucketSize);
    }
}

/// <summary>The attractors of a run and the attractor id of every bucket.</summary>
/// <param name="Attractors">Ordered by id.</param>
/// <param name="AttractorOfBucket">Bucket index to attractor id.</param>
/// <param name="DivergedFraction">Diverged starts over all starts.</param>
/// <param name="UnconvergedFraction">Unconverged starts over all starts.</param>
/// <param name="ValleyPositions">Where on its valley each valley bucket lies; empty when there are no valleys.</param>
public sealed record BasinResolution(
    IReadOnlyList<StationaryPoint> Attractors, int[] AttractorOfBucket, double DivergedFraction, double UnconvergedFraction,
    ValleyPositions? ValleyPositions = null)
{
    /// <summary>Replaces bucket indices by attractor ids in place; diverged and unconverged codes stay.</summary>
    public unsafe void MapToIds(Span<int> bucketOfStart)
    {
        const int chunkStarts = 1 << 16;
        int length = bucketOfStart.Length;
        int chunks = (length + chunkStarts - 1) / chunkStarts;
        fixed (int* ids = bucketOfStart)
        {
            // Each start is rewritten on its own, so chunks may run on any thread in any order.
            nint address = (nint)ids;
            if (chunks <= 1 || Environment.ProcessorCount == 1)
            {
                MapToIds((int*)address, 0, length);
            }
            else
            {
                Parallel.For(0, chunks, chunk => MapToIds((int*)address, chunk * chunkStarts, Math.Min(length, (chunk + 1) * chunkStarts)));
            }
        }
    }

    private unsafe void MapToIds(int* ids, int start, int end)
    {
        int[] attractorOfBucket = AttractorOfBucket;
        for (int i = start; i < end; i++)
        {
            int bucket = ids[i];
            if (bucket >= 0)
            {
                ids[i] = attractorOfBucket[bucket];
            }
        }
    }
}
