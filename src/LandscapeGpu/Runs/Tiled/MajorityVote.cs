using System.Runtime.InteropServices;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// The vote of one block of starts when a map is shrunk (<see cref="MajorityDownsampler"/> for tiles, the figures'
/// reduction for a map in memory): each id with how many starts reached it and their total steps. The winner is the id
/// most starts reached, ties to the smaller id, with the mean steps of its voters (truncated) and, where starts bring a
/// position along a valley, the mean position of its voters (NaN positions left out, summed in the order they came).
/// </summary>
public sealed class MajorityVote
{
    private readonly List<Tally> votes = new();

    /// <summary>The side of the square blocks that shrink <paramref name="grid"/> to at most <paramref name="maxSide"/> cells a side (square: the map keeps its aspect ratio).</summary>
    public static int BlockSide(GridSpec grid, int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        return (Math.Max(grid.Width, grid.Height) + maxSide - 1) / maxSide;
    }

    /// <summary>The coarse grid, over the same box, of blocks of <paramref name="blockSide"/> starts a side.</summary>
    public static GridSpec CoarseGrid(GridSpec grid, int blockSide) =>
        new(grid.Box, (grid.Width + blockSide - 1) / blockSide, (grid.Height + blockSide - 1) / blockSide);

    /// <summary>Forgets every vote.</summary>
    public void Clear() => votes.Clear();

    /// <summary>
    /// Counts one start that reached <paramref name="id"/> in <paramref name="stepCount"/> steps, ending at
    /// <paramref name="position"/> along a valley (NaN: none).
    /// </summary>
    public void Add(int id, int stepCount, float position = float.NaN)
    {
        bool positioned = !float.IsNaN(position);
        Span<Tally> span = CollectionsMarshal.AsSpan(votes);
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Id == id)
            {
                span[i].Count++;
                span[i].Steps += stepCount;
                if (positioned)
                {
                    span[i].PositionSum += position;
                    span[i].Positioned++;
                }

                return;
            }
        }

        votes.Add(new Tally { Id = id, Count = 1, Steps = stepCount, PositionSum = positioned ? position : 0, Positioned = positioned ? 1 : 0 });
    }

    /// <summary>A copy holding the same votes.</summary>
    public MajorityVote Copy()
    {
        var copy = new MajorityVote();
        copy.votes.AddRange(votes);
        return copy;
    }

    /// <summary>The winning id (ties to the smaller id) and the mean steps of its voters, truncated.</summary>
    /// <exception cref="InvalidOperationException">No start has voted.</exception>
    public (int Id, int Steps) Winner()
    {
        Tally winner = WinningTally();
        return (winner.Id, (int)(winner.Steps / winner.Count));
    }

    /// <summary>The mean position of the winner's voters that brought one; NaN when none did.</summary>
    /// <exception cref="InvalidOperationException">No start has voted.</exception>
    public float WinnerPosition()
    {
        Tally winner = WinningTally();
        return winner.Positioned == 0 ? float.NaN : (float)(winner.PositionSum / winner.Positioned);
    }

    private Tally WinningTally()
    {
        if (votes.Count == 0)
        {
            throw new InvalidOperationException("a block with no starts has no winner");
        }

        Tally winner = votes[0];
        foreach (Tally vote in votes)
        {
            if (vote.Count > winner.Count || (vote.Count == winner.Count && vote.Id < winner.Id))
            {
                winner = vote;
            }
        }

        return winner;
    }

    private struct Tally
    {
        public int Id;
        public long Count;
        public long Steps;
        public double PositionSum;
        public long Positioned;
    }
}
