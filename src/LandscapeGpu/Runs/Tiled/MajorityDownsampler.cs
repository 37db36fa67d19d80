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
    private readonly MajorityVote scratch = new();
    private long decided;

    /// <summary>
    /// A downsampler from <paramref name="grid"/> to at most <paramref name="maxSide"/> cells a side; with
    /// <paramref name="averagesPositions"/>, every tile brings a position per start and <see cref="Positions"/> holds
    /// the mean of each block's winners.
    /// </summary>
    public MajorityDownsampler(GridSpec grid, int maxSide, bool averagesPositions = false)
    {
        fine = grid;
        blockWidth = blockHeight = MajorityVote.BlockSide(grid, maxSide);
        Coarse = MajorityVote.CoarseGrid(grid, blockWidth);
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
        for (int coarseRow = firstRow; coarseRow <= lastRow; coarseRow++)
        {
            int y0 = Math.Max(tile.Y, coarseRow * blockHeight), y1 = Math.Min(tile.Y + tile.Height, (coarseRow + 1) * blockHeight);
            for (int coarseColumn = firstColumn; coarseColumn <= lastColumn; coarseColumn++)
            {
                int x0 = Math.Max(tile.X, coarseColumn * blockWidth), x1 = Math.Min(tile.X + tile.Width, (coarseColumn + 1) * blockWidth);
                int cell = coarseRow * Coarse.Width + coarseColumn;
                bool isOpen = open.TryGetValue(cell, out OpenBlock? block);
                MajorityVote votes = isOpen ? block!.Votes : scratch;
                if (!isOpen)
                {
                    votes.Clear();
                }

                for (int y = y0; y < y1; y++)
                {
                    int rowStart = (y - tile.Y) * tile.Width - tile.X;
                    for (int x = x0; x < x1; x++)
                    {
                        votes.Add(tileIds[rowStart + x], tileSteps[rowStart + x], positions is null ? float.NaN : tilePositions[rowStart + x]);
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
                    open[cell] = new OpenBlock(isOpen ? votes : votes.Copy(), remaining);
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

    private void Decide(int cell, MajorityVote votes)
    {
        (ids[cell], steps[cell]) = votes.Winner();
        if (positions is not null)
        {
            positions[cell] = votes.WinnerPosition();
        }

        decided++;
    }

    private sealed record OpenBlock(MajorityVote Votes, int Remaining);
}
