using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Shrinks a grid of ids to a coarse grid by majority vote over blocks of starts, fed tile by tile in any order.
/// A block that lies within one tile is decided at once; a block that straddles tiles keeps its votes until its
/// last start has arrived. Memory: the coarse grid (8 bytes a cell) plus the votes of straddling blocks still open
/// (one row of blocks when tiles come row by row). Optionally it also averages a float per start over each block's
/// winners (a start's position along its valley), NaN values left out.
/// </summary>
public sealed class MajorityDownsampler
{
    private readonly GridSpec fine;
    private readonly int blockWidth;
    private readonly int blockHeight;
    private readonly int[] ids;
    private readonly int[] steps;
    private readonly float[]? positions;
    private readonly Dictionary<int, OpenBlock> open = new();
    private long decided;

    /// <summary>
    /// A downsampler from <paramref name="grid"/> to at most <paramref name="maxSide"/> cells a side; with
    /// <paramref name="averagesPositions"/>, every tile brings a position per start and <see cref="Positions"/> holds
    /// the mean of each block's winners.
    /// </summary>
    public MajorityDownsampler(GridSpec grid, int maxSide, bool averagesPositions = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        fine = grid;
        // Square blocks keep the map's aspect ratio.
        blockWidth = blockHeight = (Math.Max(grid.Width, grid.Height) + maxSide - 1) / maxSide;
        Coarse = new GridSpec(grid.Box, (grid.Width + blockWidth - 1) / blockWidth, (grid.Height + blockHeight - 1) / blockHeight);
        ids = new int[Coarse.Count];
        steps = new int[Coarse.Count];
        positions = averagesPositions ? new float[Coarse.Count] : null;
    }

    /// <summary>The coarse grid over the same box.</summary>
    public GridSpec Coarse { get; }

    /// <summary>
    /// Per coarse cell, the mean position of the starts that voted for its winner (NaN positions left out; NaN when none
    /// is left), summed in the order the starts arrived; null unless the downsampler averages positions.
    /// </summary>
    public float[]? Positions => positions;

    /// <summary>Adds the ids and steps of <paramref name="tile"/> (row-major, the tile's width a row).</summary>
    public void Add(TileSpec tile, ReadOnlySpan<int> tileIds, ReadOnlySpan<int> tileSteps) => Add(tile, tileIds, tileSteps, []);

    /// <summary>
    /// Adds the ids, steps and (when this downsampler averages them) positions of <paramref name="tile"/> (row-major,
    /// the tile's width a row).
    /// </summary>
    /// <exception cref="ArgumentException">Positions are missing where they are averaged.</exception>
    public void Add(TileSpec tile, ReadOnlySpan<int> tileIds, ReadOnlySpan<int> tileSteps, ReadOnlySpan<float> tilePositions)
    {
        if (positions is not null && tilePositions.Length != tileIds.Length)
        {
            throw new ArgumentException($"tile {tile} brings {tilePositions.Length} positions for {tileIds.Length} starts", nameof(tilePositions));
        }

        int firstColumn = tile.X / blockWidth, lastColumn = (tile.X + tile.Width - 1) / blockWidth;
        int firstRow = tile.Y / blockHeight, lastRow = (tile.Y + tile.Height - 1) / blockHeight;
        var votes = new List<Vote>();
        for (int coarseRow = firstRow; coarseRow <= lastRow; coarseRow++)
        {
            int y0 = Math.Max(tile.Y, coarseRow * blockHeight), y1 = Math.Min(tile.Y + tile.Height, (coarseRow + 1) * blockHeight);
            for (int coarseColumn = firstColumn; coarseColumn <= lastColumn; coarseColumn++)
            {
                int x0 = Math.Max(tile.X, coarseColumn * blockWidth), x1 = Math.Min(tile.X + tile.Width, (coarseColumn + 1) * blockWidth);
                int cell = coarseRow * Coarse.Width + coarseColumn;
                bool isOpen = open.TryGetValue(cell, out OpenBlock? block);
                votes.Clear();
                if (isOpen)
                {
                    votes.AddRange(block!.Votes);
                }

                for (int y = y0; y < y1; y++)
                {
                    int rowStart = (y - tile.Y) * tile.Width - tile.X;
                    for (int x = x0; x < x1; x++)
                    {
                        Count(votes, tileIds[rowStart + x], tileSteps[rowStart + x], positions is null ? float.NaN : tilePositions[rowStart + x]);
                    }
                }

                int blockStarts = BlockStarts(coarseColumn, coarseRow);
                int remaining = (isOpen ? block!.Remaining : blockStarts) - (y1 - y0) * (x1 - x0);
                if (remaining == 0)
                {
                    Decide(cell, votes);
                    open.Remove(cell);
                }
                else
                {
                    open[cell] = new OpenBlock(votes.ToArray(), remaining);
                }
            }
        }
    }

    /// <summary>The winning id of each coarse cell (ties to the smaller id) and the mean steps of its voters.</summary>
    /// <exception cref="InvalidOperationException">Some starts of the grid were never added.</exception>
    public (int[] Ids, int[] Steps) Result()
    {
        if (decided != Coarse.Count)
        {
            throw new InvalidOperationException(
                $"{Coarse.Count - decided} cells of the {Coarse.Width}x{Coarse.Height} overview lack starts: tiles of the {fine.Width}x{fine.Height} grid are missing");
        }

        return (ids, steps);
    }

    private int BlockStarts(int coarseColumn, int coarseRow) =>
        (Math.Min(fine.Width, (coarseColumn + 1) * blockWidth) - coarseColumn * blockWidth) *
        (Math.Min(fine.Height, (coarseRow + 1) * blockHeight) - coarseRow * blockHeight);

    private static void Count(List<Vote> votes, int id, int stepCount, float position)
    {
        bool positioned = !float.IsNaN(position);
        for (int i = 0; i < votes.Count; i++)
        {
            if (votes[i].Id == id)
            {
                Vote vote = votes[i];
                votes[i] = positioned
                    ? vote with { Count = vote.Count + 1, Steps = vote.Steps + stepCount, PositionSum = vote.PositionSum + position, Positioned = vote.Positioned + 1 }
                    : vote with { Count = vote.Count + 1, Steps = vote.Steps + stepCount };
                return;
            }
        }

        votes.Add(new Vote(id, 1, stepCount, positioned ? position : 0, positioned ? 1 : 0));
    }

    private void Decide(int cell, List<Vote> votes)
    {
        Vote winner = votes[0];
        foreach (Vote vote in votes)
        {
            if (vote.Count > winner.Count || (vote.Count == winner.Count && vote.Id < winner.Id))
            {
                winner = vote;
            }
        }

        ids[cell] = winner.Id;
        steps[cell] = (int)(winner.Steps / winner.Count);
        if (positions is not null)
        {
            positions[cell] = winner.Positioned == 0 ? float.NaN : (float)(winner.PositionSum / winner.Positioned);
        }

        decided++;
    }

    private readonly record struct Vote(int Id, long Count, long Steps, double PositionSum, long Positioned);

    private sealed record OpenBlock(Vote[] Votes, int Remaining);
}
