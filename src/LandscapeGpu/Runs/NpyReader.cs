using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace LandscapeGpu.Runs;

/// <summary>Reads the .npy files <see cref="NpyWriter"/> writes (version 1.0, little-endian, C order, one plain dtype).</summary>
public static partial class NpyReader
{
    /// <summary>Reads the array in <paramref name="path"/> and its shape; the dtype must be <typeparamref name="T"/>'s.</summary>
    /// <exception cref="InvalidDataException">The file is not such an .npy file, or holds another dtype.</exception>
    public static (T[] Data, int[] Shape) Read<T>(string path) where T : unmanaged
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        Span<byte> prefix = stackalloc byte[10];
        stream.ReadExactly(prefix);
        if (prefix[0] != 0x93 || Encoding.ASCII.GetString(prefix[1..6]) != "NUMPY" || prefix[6] != 1)
        {
            throw new InvalidDataException($"'{path}' is not a version 1.0 .npy file");
        }

        var header = new byte[BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])];
        stream.ReadExactly(header);
        string text = Encoding.ASCII.GetString(header);
        Match descriptor = DescriptorPattern().Match(text);
        Match shapeMatch = ShapePattern().Match(text);
        string expected = NpyWriter.DescriptorOf<T>();
        if (!descriptor.Success || descriptor.Groups[1].Value != expected || !shapeMatch.Success || text.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' does not hold a C-order {expected} array (header {text.Trim()})");
        }

        int[] shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        long count = shape.Aggregate(1L, (product, dimension) => product * dimension);
        var data = new T[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return (data, shape);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescriptorPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
