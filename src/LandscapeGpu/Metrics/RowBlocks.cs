namespace LandscapeGpu.Metrics;

/// <summary>
/// Regroups rows that arrive in bands of any height into blocks whose height is a multiple of a unit (a box row),
/// keeping the unfinished rows between bands. Only those rows are copied; whole units are handed on in place.
/// </summary>
internal sealed class RowBlocks
{
    private readonly int width;
    private readonly int unit;
    private readonly int[] carry;
    private int carriedRows;

    /// <summary>Blocks of rows <paramref name="width"/> cells wide, <paramref name="unit"/> rows at a time.</summary>
    public RowBlocks(int width, int unit)
    {
        this.width = width;
        this.unit = unit;
        carry = new int[checked(width * unit)];
    }

    /// <summary>
    /// Adds the rows of <paramref name="band"/> (whole rows, row-major) and calls <paramref name="process"/> with every
    /// block of whole units now complete, in row order, with the block's number of rows.
    /// </summary>
    public void Add(ReadOnlyMemory<int> band, Action<ReadOnlyMemory<int>, int> process)
    {
        int rows = band.Length / width;
        int next = 0;
        if (carriedRows > 0)
        {
            int taken = Math.Min(unit - carriedRows, rows);
            band.Span[..(taken * width)].CopyTo(carry.AsSpan(carriedRows * width));
            carriedRows += taken;
            next = taken;
            if (carriedRows < unit)
            {
                return;
            }

            process(carry, unit);
            carriedRows = 0;
        }

        int whole = (rows - next) / unit * unit;
        if (whole > 0)
        {
            process(band.Slice(next * width, whole * width), whole);
            next += whole;
        }

        carriedRows = rows - next;
        band.Span[(next * width)..].CopyTo(carry);
    }
}
