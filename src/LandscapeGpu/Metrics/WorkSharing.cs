namespace LandscapeGpu.Metrics;

/// <summary>
/// Shares independent items (rows, box rows) among threads when there is enough work to pay for waking them: on a
/// loaded machine each parallel loop waits for the thread pool, and most of a map's pyramid levels are tiny.
/// </summary>
internal static class WorkSharing
{
    // Below about this many cells a loop runs on the calling thread.
    private const long ParallelCells = 1 << 18;

    /// <summary>Runs <paramref name="body"/> for items 0 to <paramref name="count"/> - 1, each about <paramref name="cellsPerItem"/> cells of work.</summary>
    public static void For(int count, int cellsPerItem, Action<int> body)
    {
        if ((long)count * cellsPerItem < ParallelCells || Environment.ProcessorCount == 1)
        {
            for (int item = 0; item < count; item++)
            {
                body(item);
            }
        }
        else
        {
            Parallel.For(0, count, body);
        }
    }
}
