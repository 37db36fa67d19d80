using System.Security.Cryptography;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// The content hash a tile record keeps for each of its files (SHA-256 from the base library, written as lower-case
/// hex), so a resumed run, finalisation and <c>merge</c> can tell a damaged file from a whole one before trusting it.
/// </summary>
public static class ContentHash
{
    /// <summary>The hash of the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
