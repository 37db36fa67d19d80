using System.Numerics;
using LandscapeGpu.Descents;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// Clusters endpoints in the full K-dimensional weight space into attractors without comparing endpoints pairwise,
/// as <see cref="BasinCatalog"/> does on the 2-D map. Converged endpoints fall into cubic buckets of the
/// <see cref="WeightSpaceGrid"/>, counted in a hash table (one look-up per start); <see cref="Resolve"/> refines each
/// bucket's centre by damped Newton in float64 on the full function, joins buckets whose refined points coincide or
/// are neighbours, joins degenerate stationary points into valleys and plateaus, classifies by the Hessian's
/// eigenvalues and orders by loss. Everything after bucketing depends only on the set of buckets hit and their counts,
/// never on the order chunks, tiles or threads deliver them, so ids are the same however the run was split.
/// Adding is single-threaded (one catalog per tile or thread, merged with <see cref="Export"/> and <see cref="Import"/>).
/// </summary>
public sealed partial class WeightSpaceCatalog
{
    /// <summary>Bucket code of a start that diverged (as on the 2-D map).</summary>
    public const int DivergedId = BasinCatalog.DivergedId;

    /// <summary>Bucket code of a start that did not converge (as on the 2-D map).</summary>
    public const int UnconvergedId = BasinCatalog.UnconvergedId;

    private readonly IWeightSpaceFunction function;
    private readonly int dimension;
    private readonly List<int> coordinates = new();
    private readonly List<long> counts = new();
    private readonly List<double> stepSums = new();
    private readonly int[] scratch;
    private int[] slots = new int[1024];
    private int lastBucket = -1;

    /// <summary>A catalog for endpoints of <paramref name="function"/>'s weights, quantised on <paramref name="grid"/>.</summary>
    public WeightSpaceCatalog(IWeightSpaceFunction function, WeightSpaceGrid grid)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(grid);
        grid.Validated();
        if (function.Dimension != grid.Dimension)
        {
            throw new ArgumentException($"the function has {function.Dimension} weights but the grid {grid.Dimension}; they must agree", nameof(grid));
        }

        this.function = function;
        Grid = grid;
        dimension = grid.Dimension;
        scratch = new int[dimension];
    }

    /// <summary>The bucket grid.</summary>
    public WeightSpaceGrid Grid { get; }

    /// <summary>K: the weights per endpoint.</summary>
    public int Dimension => dimension;

    /// <summary>Buckets seen so far.</summary>
    public int BucketCount => counts.Count;

    /// <summary>Starts added so far, whatever their outcome.</summary>
    public long Starts { get; private set; }

    /// <summary>Starts that diverged so far.</summary>
    public long Diverged { get; private set; }

    /// <summary>Starts that did not converge so far.</summary>
    public long Unconverged { get; private set; }

    /// <summary>Steps summed over the diverged starts.</summary>
    public double DivergedStepSum { get; private set; }

    /// <summary>Steps summed over the unconverged starts.</summary>
    public double UnconvergedStepSum { get; private set; }

    /// <summary>
    /// Adds a chunk of starts: <paramref name="endpoints"/> holds K float32 weights per start (row-major [n, K]),
    /// <paramref name="outcomes"/> and <paramref name="steps"/> one entry per start. Writes each start's bucket index
    /// (or <see cref="DivergedId"/>, <see cref="UnconvergedId"/>) into <paramref name="bucketOfStart"/>. A converged
    /// start whose endpoint is not finite counts as diverged, as the descent's own divergence test would have judged it.
    /// </summary>
    public void Add(ReadOnlySpan<float> endpoints, ReadOnlySpan<DescentOutcome> outcomes, ReadOnlySpan<int> steps, Span<int> bucketOfStart)
    {
        int n = CheckChunk(endpoints.Length, outcomes, steps, bucketOfStart);
        for (int i = 0; i < n; i++)
        {
            bucketOfStart[i] = AddOne(outcomes[i], steps[i], endpoints.Slice(i * dimension, dimension));
        }
    }

    /// <summary>Adds a chunk of starts whose endpoints are float64 (see the float32 overload).</summary>
    public void Add(ReadOnlySpan<double> endpoints, ReadOnlySpan<DescentOutcome> outcomes, ReadOnlySpan<int> steps, Span<int> bucketOfStart)
    {
        int n = CheckChunk(endpoints.Length, outcomes, steps, bucketOfStart);
        for (int i = 0; i < n; i++)
        {
            bucketOfStart[i] = AddOne(outcomes[i], steps[i], endpoints.Slice(i * dimension, dimension));
        }
    }

    /// <summary>The centre of bucket <paramref name="bucket"/>, written into <paramref name="centre"/> (K entries).</summary>
    public void CentreOf(int bucket, Span<double> centre)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, counts.Count);
        for (int k = 0; k < dimension; k++)
        {
            centre[k] = Grid.Origin[k] + (coordinates[bucket * dimension + k] + 0.5) * Grid.BucketSize;
        }
    }

    /// <summary>A copy of the buckets seen so far; bucket indices given by <see cref="Add(ReadOnlySpan{float}, ReadOnlySpan{DescentOutcome}, ReadOnlySpan{int}, Span{int})"/> index its arrays.</summary>
    public WeightBucketTable Export() =>
        new(Grid.BucketSize, (double[])Grid.Origin.Clone(), coordinates.ToArray(), counts.ToArray(), stepSums.ToArray(),
            Starts, Diverged, Unconverged, DivergedStepSum, UnconvergedStepSum);

    /// <summary>
    /// Adds the buckets and counts of <paramref name="table"/> (exported from a catalog of the same grid) as if their
    /// starts had been added here. Returns, for each of the table's buckets, its index in this catalog: what turns a
    /// tile's saved bucket indices into this catalog's, and through <see cref="WeightSpaceResolution.AttractorOfBucket"/> into ids.
    /// </summary>
    /// <exception cref="InvalidDataException">The table is inconsistent or was made on another grid.</exception>
    public int[] Import(WeightBucketTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Validated();
        if (table.Dimension != dimension || table.BucketSize != Grid.BucketSize || !table.Origin.AsSpan().SequenceEqual(Grid.Origin))
        {
            throw new InvalidDataException(
                $"weight bucket table of {table.Dimension} weights with buckets of {table.BucketSize} cannot join a catalog of {dimension} weights with buckets of {Grid.BucketSize}: " +
                "they were made on different grids");
        }

        var indexOf = new int[table.Count];
        for (int local = 0; local < table.Count; local++)
        {
            int bucket = FindOrAdd(table.Coordinates.AsSpan(local * dimension, dimension));
            counts[bucket] += table.Counts[local];
            stepSums[bucket] += table.StepSums[local];
            indexOf[local] = bucket;
        }

        Starts += table.Starts;
        Diverged += table.Diverged;
        Unconverged += table.Unconverged;
        DivergedStepSum += table.DivergedStepSum;
        UnconvergedStepSum += table.UnconvergedStepSum;
        return indexOf;
    }

    private int CheckChunk(int endpointCount, ReadOnlySpan<DescentOutcome> outcomes, ReadOnlySpan<int> steps, Span<int> bucketOfStart)
    {
        int n = outcomes.Length;
        if (endpointCount != (long)n * dimension || steps.Length != n || bucketOfStart.Length < n)
        {
            throw new ArgumentException(
                $"a chunk of {n} outcomes needs {(long)n * dimension} endpoint weights ({dimension} per start), {n} step counts and room for {n} bucket indices; " +
                $"got {endpointCount}, {steps.Length} and {bucketOfStart.Length}");
        }

        return n;
    }

    private int AddOne<T>(DescentOutcome outcome, int steps, ReadOnlySpan<T> weights)
        where T : INumberBase<T>
    {
        Starts++;
        if (outcome == DescentOutcome.Converged)
        {
            bool finite = true;
            for (int k = 0; k < dimension; k++)
            {
                double w = double.CreateTruncating(weights[k]);
                finite &= double.IsFinite(w);
                // Clamped to int: an endpoint up to the divergence radius away still gets a coordinate, in an edge bucket.
                double cell = Math.Floor((w - Grid.Origin[k]) / Grid.BucketSize);
                scratch[k] = finite ? (int)Math.Clamp(cell, int.MinValue, int.MaxValue) : 0;
            }

            if (finite)
            {
                // Neighbouring starts often end in one bucket: the last one is checked before the hash table.
                int bucket = lastBucket >= 0 && KeyOf(lastBucket).SequenceEqual(scratch) ? lastBucket : FindOrAdd(scratch);
                lastBucket = bucket;
                counts[bucket]++;
                stepSums[bucket] += steps;
                return bucket;
            }

            outcome = DescentOutcome.Diverged;
        }

        if (outcome == DescentOutcome.Diverged)
        {
            Diverged++;
            DivergedStepSum += steps;
            return DivergedId;
        }

        Unconverged++;
        UnconvergedStepSum += steps;
        return UnconvergedId;
    }

    // Open addressing with linear probing over bucket indices (slot = index + 1, 0 = empty); the table stays at most half full.
    private int FindOrAdd(ReadOnlySpan<int> key)
    {
        int mask = slots.Length - 1;
        int slot = (int)(Hash(key) & (uint)mask);
        while (true)
        {
            int entry = slots[slot];
            if (entry == 0)
            {
                int bucket = counts.Count;
                foreach (int c in key)
                {
                    coordinates.Add(c);
                }

                counts.Add(0);
                stepSums.Add(0);
                slots[slot] = bucket + 1;
                if (2 * counts.Count > slots.Length)
                {
                    Grow();
                }

                return bucket;
            }

            if (System.Runtime.InteropServices.CollectionsMarshal.AsSpan(coordinates).Slice((entry - 1) * dimension, dimension).SequenceEqual(key))
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        slots = new int[slots.Length * 2];
        int mask = slots.Length - 1;
        ReadOnlySpan<int> all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(coordinates);
        for (int bucket = 0; bucket < counts.Count; bucket++)
        {
            int slot = (int)(Hash(all.Slice(bucket * dimension, dimension)) & (uint)mask);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = bucket + 1;
        }
    }

    // A fixed (unseeded) mix, so that probing costs the same on every run; bucket indices never depend on it.
    private static uint Hash(ReadOnlySpan<int> key)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int c in key)
        {
            h = (h ^ (uint)c) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
        }

        return (uint)(h ^ (h >> 32)) ^ BitOperations.RotateLeft((uint)h, 7);
    }
}
