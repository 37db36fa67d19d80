namespace LandscapeGpu.Basins;

/// <summary>
/// The buckets a catalog has seen, in the catalog's own bucket order: what a tile, a shard or an interrupted run
/// must keep so that the attractors can be resolved later as if every start had been added to one catalog.
/// </summary>
/// <param name="Keys">Bucket keys (global: they depend only on the grid's box, never on the tile).</param>
/// <param name="Counts">Converged starts per bucket.</param>
/// <param name="StepSums">Steps summed over each bucket's starts (whole numbers, exact in a double below 2^53).</param>
/// <param name="Starts">Starts added, whatever their outcome.</param>
/// <param name="Diverged">Starts that diverged.</param>
/// <param name="Unconverged">Starts that did not converge.</param>
public sealed record BucketTable(long[] Keys, long[] Counts, double[] StepSums, long Starts, long Diverged, long Unconverged)
{
    /// <summary>Checks that the arrays have one entry per bucket and the counts add up.</summary>
    /// <exception cref="InvalidDataException">The table is inconsistent.</exception>
    public BucketTable Validated()
    {
        if (Keys.Length != Counts.Length || Keys.Length != StepSums.Length)
        {
            throw new InvalidDataException(
                $"bucket table has {Keys.Length} keys, {Counts.Length} counts and {StepSums.Length} step sums; they must be equal");
        }

        long converged = Counts.Sum();
        if (Starts < 0 || Diverged < 0 || Unconverged < 0 || converged + Diverged + Unconverged != Starts)
        {
            throw new InvalidDataException(
                $"bucket table counts {converged} converged, {Diverged} diverged and {Unconverged} unconverged starts, but {Starts} in all");
        }

        return this;
    }
}

/// <summary>Export and import of a catalog's buckets, for tiles, shards and resumed runs.</summary>
public sealed partial class BasinCatalog
{
    /// <summary>A copy of the buckets seen so far; bucket indices given by <see cref="Add(Descents.TileResult, int, Span{int})"/> index its arrays.</summary>
    public BucketTable Export() =>
        new(keys.ToArray(), counts.ToArray(), stepSums.ToArray(), Starts, Diverged, Unconverged);

    /// <summary>
    /// Adds the buckets and counts of <paramref name="table"/> (exported from a catalog of the same grid) as if
    /// their starts had been added here. Returns, for each of the table's buckets, its index in this catalog.
    /// </summary>
    public int[] Import(BucketTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Validated();
        var indexOf = new int[table.Keys.Length];
        for (int local = 0; local < table.Keys.Length; local++)
        {
            int bucket = BucketOf(table.Keys[local]);
            counts[bucket] += table.Counts[local];
            stepSums[bucket] += table.StepSums[local];
            indexOf[local] = bucket;
        }

        Starts += table.Starts;
        Diverged += table.Diverged;
        Unconverged += table.Unconverged;
        return indexOf;
    }
}
