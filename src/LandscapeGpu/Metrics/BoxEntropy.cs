namespace LandscapeGpu.Metrics;

/// <summary>
/// The entropy of one square box of labels: the sum over its labels of p ln(1/p), p the label's share of the box.
/// Labels are counted in the order they are first met (row by row), so the sum is the same bits on every run.
/// </summary>
internal sealed class BoxEntropy
{
    // Boxes near a boundary hold two or three labels; past this many distinct labels the box is sorted instead.
    private const int ListedLabels = 16;

    private readonly int side;
    private readonly int[] labels = new int[ListedLabels];
    private readonly int[] counts = new int[ListedLabels];
    private readonly int[] sorted;

    /// <summary>Scratch for boxes of <paramref name="side"/> x <paramref name="side"/> cells; one per thread.</summary>
    public BoxEntropy(int side)
    {
        this.side = side;
        sorted = new int[side * side];
    }

    /// <summary>
    /// The entropy of the box whose bottom-left cell is column <paramref name="x"/> of the first row of
    /// <paramref name="rows"/> (row-major, <paramref name="width"/> cells a row); <paramref name="mixed"/> says
    /// whether it holds more than one label.
    /// </summary>
    public double Of(ReadOnlySpan<int> rows, int width, int x, out bool mixed)
    {
        int first = rows[x];
        mixed = false;
        for (int row = 0; row < side; row++)
        {
            // Most boxes hold one label: a vectorized scan settles them at memory speed.
            if (rows.Slice(row * width + x, side).IndexOfAnyExcept(first) >= 0)
            {
                mixed = true;
                break;
            }
        }

        return mixed ? MixedEntropy(rows, width, x) : 0;
    }

    private double MixedEntropy(ReadOnlySpan<int> rows, int width, int x)
    {
        int distinct = 0;
        for (int row = 0; row < side; row++)
        {
            foreach (int label in rows.Slice(row * width + x, side))
            {
                int slot = labels.AsSpan(0, distinct).IndexOf(label);
                if (slot < 0)
                {
                    if (distinct == ListedLabels)
                    {
                        return SortedEntropy(rows, width, x);
                    }

                    slot = distinct++;
                    labels[slot] = label;
                    counts[slot] = 0;
                }

                counts[slot]++;
            }
        }

        double entropy = 0;
        for (int slot = 0; slot < distinct; slot++)
        {
            entropy += Term(counts[slot]);
        }

        return entropy;
    }

    private double SortedEntropy(ReadOnlySpan<int> rows, int width, int x)
    {
        for (int row = 0; row < side; row++)
        {
            rows.Slice(row * width + x, side).CopyTo(sorted.AsSpan(row * side));
        }

        Array.Sort(sorted);
        double entropy = 0;
        int run = 1;
        for (int i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && sorted[i] == sorted[i - 1])
            {
                run++;
                continue;
            }

            entropy += Term(run);
            run = 1;
        }

        return entropy;
    }

    private double Term(int count)
    {
        double share = (double)count / (side * side);
        return share * Math.Log(1 / share);
    }
}
