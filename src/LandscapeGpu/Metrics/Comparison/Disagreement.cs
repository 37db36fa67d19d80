namespace LandscapeGpu.Metrics.Comparison;

/// <summary>
/// How many distinct outcomes several runs reach from each start of one grid: an outcome is a matched attractor's
/// row (<see cref="AttractorMatching.OutcomesOf"/>), diverged, or not converged. 1 where every run agrees.
/// </summary>
public static class Disagreement
{
    /// <summary>The most runs counted: the count is stored in a byte.</summary>
    public const int MaxRuns = byte.MaxValue;

    /// <summary>The number of distinct outcomes per start of <paramref name="outcomes"/> (one array per run, each of the grid's starts).</summary>
    /// <exception cref="ArgumentException">There is no run, more than <see cref="MaxRuns"/>, or the arrays differ in length.</exception>
    public static byte[] Count(IReadOnlyList<int[]> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0 || outcomes.Count > MaxRuns)
        {
            throw new ArgumentException($"give 1 to {MaxRuns} runs' outcomes, not {outcomes.Count}", nameof(outcomes));
        }

        int starts = outcomes[0].Length;
        if (outcomes.Any(run => run.Length != starts))
        {
            throw new ArgumentException($"every run must cover the same starts: lengths {string.Join(", ", outcomes.Select(run => run.Length))}", nameof(outcomes));
        }

        var counts = new byte[starts];
        const int Chunk = 1 << 16;
        Parallel.For(0, (starts + Chunk - 1) / Chunk, chunk =>
        {
            Span<int> seen = stackalloc int[outcomes.Count];
            int end = Math.Min(starts, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
            {
                int distinct = 0;
                foreach (int[] run in outcomes)
                {
                    int outcome = run[i];
                    if (!seen[..distinct].Contains(outcome))
                    {
                        seen[distinct++] = outcome;
                    }
                }

                counts[i] = (byte)distinct;
            }
        });
        return counts;
    }

    /// <summary>The share of starts with each count: element k is the share with k + 1 distinct outcomes.</summary>
    public static double[] Shares(ReadOnlySpan<byte> counts, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var tally = new long[runs];
        foreach (byte count in counts)
        {
            if (count < 1 || count > runs)
            {
                throw new ArgumentException($"a count of {count} distinct outcomes is impossible with {runs} runs", nameof(counts));
            }

            tally[count - 1]++;
        }

        int starts = counts.Length;
        return tally.Select(n => starts == 0 ? 0 : (double)n / starts).ToArray();
    }
}
