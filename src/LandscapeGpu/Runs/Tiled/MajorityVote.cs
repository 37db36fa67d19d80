using System.Runtime.InteropServices;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// The vote of one block of starts when a map is shrunk (<see cref="MajorityDownsampler"/> for tiles, the figures'
/// reduction for a map in memory): each id with how many starts reached it and their total steps. The winner is the id
/// most starts reached, ties to the smaller id, with the mean steps of its voters (truncated).
/// </summary>
public sealed class MajorityVote
{
    private readonly List<(int Id, long Count, long Steps)> votes = new();

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

    /// <summary>Counts one start that reached <paramref name="id"/> in <paramref name="stepCount"/> steps.</summary>
    public void Add(int id, int stepCount)
    {
        Span<(int Id, long Count, long Steps)> span = CollectionsMarshal.AsSpan(votes);
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Id == id)
            {
                span[i].Count++;
                span[i].Steps += stepCount;
                return;
            }
        }

        votes.Add((id, 1, stepCount));
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
        if (votes.Count == 0)
        {
            throw new InvalidOperationException("a block with no starts has no winner");
        }

        var winner = votes[0];
        foreach (var vote in votes)
        {
            if (vote.Count > winner.Count || (vote.Count == winner.Count && vote.Id < winner.Id))
            {
                winner = vote;
            }
        }

        return (winner.Id, (int)(winner.Steps / winner.Count));
    }
}
