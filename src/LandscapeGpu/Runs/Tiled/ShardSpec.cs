using System.Globalization;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Shard K of N: the tiles whose index is K modulo N. Round-robin rather than contiguous ranges, so every shard
/// gets a similar mix of easy and hard regions of the box. The share depends only on K, N and the tile count.
/// </summary>
/// <param name="Index">K, from 0 to N − 1.</param>
/// <param name="Count">N, at least 1.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole run: shard 0 of 1.</summary>
    public static ShardSpec Whole => new(0, 1);

    /// <summary>True for shard 0 of 1.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>Whether tile <paramref name="tileIndex"/> belongs to this shard.</summary>
    public bool Owns(int tileIndex) => tileIndex % Count == Index;

    /// <summary>Parses "K/N".</summary>
    /// <exception cref="InvalidParameterException">The text (<c>shard</c>) is not two whole numbers K/N with 0 &lt;= K &lt; N.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new InvalidParameterException("shard", $"'{text}'", $"{{shard}} '{text}' is invalid: give K/N with whole numbers, e.g. 0/4 (K from 0 to N-1)");
        }

        if (count < 1 || index >= count)
        {
            throw new InvalidParameterException("shard", $"'{text}'", $"{{shard}} '{text}' is invalid: N must be at least 1 and K between 0 and N-1 (here {(count < 1 ? "N is 0" : $"K {index} >= N {count}")})");
        }

        return new ShardSpec(index, count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
