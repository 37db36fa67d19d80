namespace LandscapeGpu.Basins;

/// <summary>
/// Hashes bucket keys for dictionaries. A key is a column in its high half and a row in its low half, and
/// <see cref="long.GetHashCode"/> folds the halves with an exclusive or: every bucket of a 1024 x 1024 box then
/// hashes to one of about 1024 codes, and a catalog with a few hundred thousand buckets (a plateau, a noisy
/// landscape) spent microseconds per start walking collision chains. Multiplying by 2^64 over the golden ratio
/// spreads both halves over all the bits taken.
/// </summary>
internal sealed class BucketKeyComparer : IEqualityComparer<long>
{
    /// <summary>The one instance (the comparer has no state).</summary>
    public static readonly BucketKeyComparer Instance = new();

    private BucketKeyComparer()
    {
    }

    /// <inheritdoc/>
    public bool Equals(long x, long y) => x == y;

    /// <inheritdoc/>
    public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
}
