using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Basins;

/// <summary>
/// Adding starts to a catalog at memory speed: the per-start pass (bucket key, count, step sum, local bucket index)
/// runs in parallel over fixed chunks of starts, each chunk with its own small table; the chunks' tables are merged
/// into the catalog one after another in start order, and the starts' local indices are then rewritten to catalog
/// indices in parallel. A bucket new to the catalog is appended when its chunk is merged, after the new buckets of
/// earlier chunks and, within its chunk, in the order of its first start: exactly the order in which one thread
/// walking the starts one by one first meets it. So buckets, counts, step sums and every start's index are the same
/// whatever the chunk size, the thread count or the order the chunks finish in.
/// </summary>
public sealed partial class BasinCatalog
{
    /// <summary>
    /// Starts per chunk of the counting pass: large enough that a chunk's table merge and scheduling cost little
    /// per start, small enough that a 2-core machine gets many chunks from one band of a map.
    /// </summary>
    internal const int CountingChunkStarts = 1 << 16;

    /// <summary>
    /// Adds the first <paramref name="count"/> starts of <paramref name="result"/> and writes each one's bucket
    /// (or <see cref="DivergedId"/>, <see cref="UnconvergedId"/>) into <paramref name="bucketOfStart"/>.
    /// </summary>
    /// <remarks>
    /// Buckets are numbered in the order their first start appears, over all calls; step sums are exact (whole
    /// numbers) while each bucket's sum stays below 2^53.
    /// </remarks>
    public void Add(TileResult result, int count, Span<int> bucketOfStart) => Add(result, count, bucketOfStart, CountingChunkStarts);

    /// <summary>
    /// <see cref="Add(TileResult, int, Span{int})"/> with <paramref name="chunkStarts"/> starts per chunk, so that a
    /// test can show the result does not depend on it.
    /// </summary>
    internal unsafe void Add(TileResult result, int count, Span<int> bucketOfStart, int chunkStarts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, result.Capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bucketOfStart.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkStarts, 1);
        int chunkCount = (int)(((long)count + chunkStarts - 1) / chunkStarts);
        var chunks = new ChunkBuckets[chunkCount];
        var grid = (X: originX, Y: originY, Size: BucketSize);
        fixed (int* ids = bucketOfStart)
        {
            // A span cannot enter a lambda; the pinned address can, and the span outlives both parallel loops.
            nint address = (nint)ids;
            ForEachChunk(chunkCount, chunk =>
            {
                int start = chunk * chunkStarts;
                chunks[chunk] = ChunkBuckets.Of(result, start, Math.Min(count, start + chunkStarts), grid, (int*)address);
            });

            var catalogBucketOf = new int[]?[chunkCount];
            for (int chunk = 0; chunk < chunkCount; chunk++)
            {
                catalogBucketOf[chunk] = Merge(chunks[chunk]);
            }

            ForEachChunk(chunkCount, chunk =>
            {
                if (catalogBucketOf[chunk] is { } map)
                {
                    int start = chunk * chunkStarts;
                    Relabel((int*)address, start, Math.Min(count, start + chunkStarts), map);
                }
            });
        }

        Starts += count;
    }

    // Runs the chunks in parallel when there is more than one and a second core to share them with.
    private static void ForEachChunk(int chunkCount, Action<int> body)
    {
        if (chunkCount == 1 || Environment.ProcessorCount == 1)
        {
            for (int chunk = 0; chunk < chunkCount; chunk++)
            {
                body(chunk);
            }
        }
        else
        {
            Parallel.For(0, chunkCount, body);
        }
    }

    // Adds a chunk's buckets to the catalog; returns the catalog index of each of its local buckets, or null when
    // every local index already equals its catalog index (the first chunk of a fresh catalog, or a chunk meeting the
    // same buckets in the same order), so that its starts need no rewriting.
    private int[]? Merge(ChunkBuckets chunk)
    {
        Diverged += chunk.Diverged;
        Unconverged += chunk.Unconverged;
        var catalogBucketOf = new int[chunk.Count];
        bool same = true;
        for (int local = 0; local < chunk.Count; local++)
        {
            int bucket = BucketOf(chunk.Keys[local]);
            counts[bucket] += chunk.Counts[local];
            stepSums[bucket] += chunk.StepSums[local];
            catalogBucketOf[local] = bucket;
            same &= bucket == local;
        }

        return same ? null : catalogBucketOf;
    }

    // The catalog index of the bucket with this key, appended (empty) if the catalog has not seen it.
    private int BucketOf(long key)
    {
        if (!bucketOfKey.TryGetValue(key, out int bucket))
        {
            bucket = keys.Count;
            bucketOfKey.Add(key, bucket);
            keys.Add(key);
            counts.Add(0);
            stepSums.Add(0);
        }

        return bucket;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Relabel(int* ids, int start, int end, int[] catalogBucketOf)
    {
        for (int i = start; i < end; i++)
        {
            int bucket = ids[i];
            if (bucket >= 0)
            {
                ids[i] = catalogBucketOf[bucket];
            }
        }
    }

    /// <summary>
    /// The buckets one chunk of starts falls into, in the order of each one's first start, with their counts and
    /// step sums: an open-addressed table that grows with the buckets met, so memory follows the distinct buckets.
    /// </summary>
    private sealed class ChunkBuckets
    {
        // 2^64 / golden ratio: spreads keys that differ in a few low bits of row or column over the whole table.
        private const ulong HashMultiplier = 0x9E3779B97F4A7C15UL;

        private long[] slotKeys = new long[16];

        // Local bucket + 1 in each slot; 0 marks an empty slot.
        private int[] slotBuckets = new int[16];
        private int shift = 64 - 4;

        public long[] Keys { get; private set; } = new long[8];

        public long[] Counts { get; private set; } = new long[8];

        public long[] StepSums { get; private set; } = new long[8];

        public int Count { get; private set; }

        // Four outcome bytes, all Converged, read as one word (the same in either byte order).
        private const uint FourConverged = 0x01010101u * (uint)DescentOutcome.Converged;

        // The run being counted: neighbouring starts mostly end in one bucket, so a run's count and step sum are
        // kept here and added to the table only when the run ends.
        private long runKey;
        private int run = -1;
        private long runCount;
        private long runSteps;

        public long Diverged { get; private set; }

        public long Unconverged { get; private set; }

        /// <summary>Counts starts <paramref name="start"/> to <paramref name="end"/> - 1 and writes each one's local bucket or outcome code.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe ChunkBuckets Of(TileResult result, int start, int end, (double X, double Y, double Size) grid, int* ids)
        {
            DescentOutcome[] outcomes = result.Outcomes;
            double[] endX = result.EndX, endY = result.EndY;
            int[] steps = result.Steps;
            if (start < 0 || end > outcomes.Length || end > endX.Length || end > endY.Length || end > steps.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(end), end, "the chunk lies outside the tile result's arrays");
            }

            var table = new ChunkBuckets();
            int i = start;
            if (Vector256.IsHardwareAccelerated)
            {
                fixed (DescentOutcome* outcome = outcomes)
                fixed (double* x = endX, y = endY)
                fixed (int* step = steps)
                {
                    var originX = Vector256.Create(grid.X);
                    var originY = Vector256.Create(grid.Y);
                    var size = Vector256.Create(grid.Size);
                    long* keys = stackalloc long[Vector256<long>.Count];
                    for (; i <= end - Vector256<long>.Count; i += Vector256<long>.Count)
                    {
                        Vector256<long> key = KeysOf(Vector256.Load(x + i), Vector256.Load(y + i), originX, originY, size);
                        // The common case, branch-light: four converged starts that continue the current run.
                        if (*(uint*)(outcome + i) == FourConverged && table.run >= 0 && Vector256.EqualsAll(key, Vector256.Create(table.runKey)))
                        {
                            Vector128.Create(table.run).Store(ids + i);
                            table.runCount += 4;
                            table.runSteps += (long)step[i] + step[i + 1] + step[i + 2] + step[i + 3];
                            continue;
                        }

                        key.Store(keys);
                        for (int lane = 0; lane < Vector256<long>.Count; lane++)
                        {
                            table.AddOne(outcome[i + lane], keys[lane], step[i + lane], ids + i + lane);
                        }
                    }
                }
            }

            for (; i < end; i++)
            {
                table.AddOne(outcomes[i], KeyOf(endX[i], endY[i], grid.X, grid.Y, grid.Size), steps[i], ids + i);
            }

            table.CloseRun();
            return table;
        }

        /// <summary>
        /// <see cref="BasinCatalog.KeyOf(double, double, double, double, double)"/> of four points at once, to the bit: the
        /// same division and floor, NaN to 0 as a saturating conversion gives, and the clamp to 32 bits done before the
        /// conversion (the clamped values are whole numbers, so the order does not matter).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<long> KeysOf(Vector256<double> x, Vector256<double> y, Vector256<double> originX, Vector256<double> originY, Vector256<double> size) =>
            (CoordinatesOf(x, originX, size) << 32) | (CoordinatesOf(y, originY, size) & Vector256.Create(0xffffffffL));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<long> CoordinatesOf(Vector256<double> value, Vector256<double> origin, Vector256<double> size)
        {
            Vector256<double> cell = Vector256.Floor((value - origin) / size);
            cell = Vector256.ConditionalSelect(Vector256.Equals(cell, cell), cell, Vector256<double>.Zero);
            cell = Vector256.Min(Vector256.Max(cell, Vector256.Create((double)int.MinValue)), Vector256.Create((double)int.MaxValue));
            return Vector256.ConvertToInt64(cell);
        }

        // One start, the general way: outcome codes, or the run continued, or a new run in the bucket looked up.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private unsafe void AddOne(DescentOutcome outcome, long key, int steps, int* id)
        {
            if (outcome == DescentOutcome.Diverged)
            {
                *id = DivergedId;
                Diverged++;
                return;
            }

            if (outcome == DescentOutcome.Unconverged)
            {
                *id = UnconvergedId;
                Unconverged++;
                return;
            }

            if (key != runKey || run < 0)
            {
                CloseRun();
                run = IndexOf(key);
                runKey = key;
            }

            *id = run;
            runCount++;
            runSteps += steps;
        }

        // Adds the current run of starts to its bucket's totals (none before the first run).
        private void CloseRun()
        {
            if (run >= 0)
            {
                Counts[run] += runCount;
                StepSums[run] += runSteps;
            }

            runCount = 0;
            runSteps = 0;
        }

        // The local index of the bucket with this key, appended if new.
        private int IndexOf(long key)
        {
            int mask = slotKeys.Length - 1;
            for (int slot = SlotOf(key); ; slot = (slot + 1) & mask)
            {
                int stored = slotBuckets[slot];
                if (stored == 0)
                {
                    return Append(key, slot);
                }

                if (slotKeys[slot] == key)
                {
                    return stored - 1;
                }
            }
        }

        private int SlotOf(long key) => (int)(((ulong)key * HashMultiplier) >> shift);

        private int Append(long key, int slot)
        {
            int bucket = Count++;
            if (bucket == Keys.Length)
            {
                Keys = Grown(Keys);
                Counts = Grown(Counts);
                StepSums = Grown(StepSums);
            }

            Keys[bucket] = key;
            slotKeys[slot] = key;
            slotBuckets[slot] = bucket + 1;
            // At most half full, so probes stay short.
            if (2 * Count > slotKeys.Length)
            {
                Rehash();
            }

            return bucket;
        }

        private void Rehash()
        {
            int size = 2 * slotKeys.Length;
            slotKeys = new long[size];
            slotBuckets = new int[size];
            shift--;
            for (int bucket = 0; bucket < Count; bucket++)
            {
                int slot = SlotOf(Keys[bucket]);
                while (slotBuckets[slot] != 0)
                {
                    slot = (slot + 1) & (size - 1);
                }

                slotKeys[slot] = Keys[bucket];
                slotBuckets[slot] = bucket + 1;
            }
        }

        private static long[] Grown(long[] array)
        {
            var grown = new long[2 * array.Length];
            array.CopyTo(grown, 0);
            return grown;
        }
    }
}
