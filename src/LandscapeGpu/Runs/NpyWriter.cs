using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace LandscapeGpu.Runs;

/// <summary>Writes NumPy .npy files (format version 1.0, little-endian, C order) that <c>numpy.load</c> opens.</summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="data"/> with the given shape.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        long count = shape.Aggregate(1L, (product, dimension) => product * dimension);
        if (count != data.Length)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values but the data has {data.Length}", nameof(shape));
        }

        WriteHeader(stream, DescriptorOf<T>(), shape);
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    /// <summary>The .npy header: magic, version, then a Python dict literal padded so the data starts on a 64-byte boundary.</summary>
    public static void WriteHeader(Stream stream, string descriptor, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string dictionary = $"{{'descr': '{descriptor}', 'fortran_order': False, 'shape': {shapeText}, }}";
        const int prefix = 10;
        int padded = (prefix + dictionary.Length + 1 + 63) / 64 * 64;
        string header = dictionary.PadRight(padded - prefix - 1) + "\n";
        Span<byte> start = stackalloc byte[prefix];
        // The magic is the byte 0x93 then ASCII "NUMPY" (a u8 literal would encode U+0093 as two bytes).
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        magic.CopyTo(start);
        start[6] = 1;
        start[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(start[8..], (ushort)header.Length);
        stream.Write(start);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>The .npy dtype descriptor of <typeparamref name="T"/>.</summary>
    internal static string DescriptorOf<T>() where T : unmanaged =>
        typeof(T) == typeof(int) ? "<i4"
        : typeof(T) == typeof(float) ? "<f4"
        : typeof(T) == typeof(double) ? "<f8"
        : typeof(T) == typeof(byte) ? "|u1"
        : typeof(T) == typeof(long) ? "<i8"
        : throw new NotSupportedException($"no .npy descriptor for {typeof(T).Name}");
}
