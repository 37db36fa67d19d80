using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
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

    /// <summary>
    /// Writes an array of the given shape whose every value is <paramref name="value"/>, from one small block written
    /// over and over: the same bytes as <see cref="Write{T}"/> of a filled array, without building the array.
    /// </summary>
    public static void WriteFilled<T>(Stream stream, T value, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        long count = shape.Aggregate(1L, (product, dimension) => product * dimension);
        WriteHeader(stream, DescriptorOf<T>(), shape);
        var block = new T[(int)Math.Min(count, BlockBytes / Marshal.SizeOf<T>())];
        Array.Fill(block, value);
        for (long written = 0; written < count; written += block.Length)
        {
            stream.Write(MemoryMarshal.AsBytes(block.AsSpan(0, (int)Math.Min(block.Length, count - written))));
        }
    }

    /// <summary>
    /// Writes a [.., 2] array of <typeparamref name="T"/> whose pairs are (<paramref name="first"/>[i],
    /// <paramref name="second"/>[i]) converted to <typeparamref name="T"/> (rounded to nearest): the pairs are built a
    /// block at a time and each block written at once, so no interleaved copy of the whole array is made.
    /// </summary>
    public static void WritePairs<T>(Stream stream, ReadOnlySpan<double> first, ReadOnlySpan<double> second, params int[] shape)
        where T : unmanaged, IFloatingPoint<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        long count = shape.Aggregate(1L, (product, dimension) => product * dimension);
        if (first.Length != second.Length || count != 2L * first.Length || shape.Length == 0 || shape[^1] != 2)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) does not hold pairs of the {first.Length} and {second.Length} values given", nameof(shape));
        }

        WriteHeader(stream, DescriptorOf<T>(), shape);
        WritePairValues<T>(stream, first, second);
    }

    /// <summary>
    /// Writes the pairs (<paramref name="first"/>[i], <paramref name="second"/>[i]) converted to
    /// <typeparamref name="T"/>, with no header: the values of <see cref="WritePairs{T}"/>, for a file written in parts.
    /// </summary>
    public static void WritePairValues<T>(Stream stream, ReadOnlySpan<double> first, ReadOnlySpan<double> second)
        where T : unmanaged, IFloatingPoint<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"pairs need as many first values as second values, not {first.Length} and {second.Length}", nameof(second));
        }

        int blockPairs = BlockBytes / (2 * Marshal.SizeOf<T>());
        T[] block = ArrayPool<T>.Shared.Rent(2 * Math.Min(blockPairs, Math.Max(first.Length, 1)));
        try
        {
            for (int start = 0; start < first.Length; start += blockPairs)
            {
                int pairs = Math.Min(blockPairs, first.Length - start);
                ReadOnlySpan<double> x = first.Slice(start, pairs), y = second.Slice(start, pairs);
                Span<T> destination = block.AsSpan(0, 2 * pairs);
                for (int i = 0; i < pairs; i++)
                {
                    destination[2 * i] = T.CreateTruncating(x[i]);
                    destination[2 * i + 1] = T.CreateTruncating(y[i]);
                }

                stream.Write(MemoryMarshal.AsBytes(destination));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(block);
        }
    }

    // Bytes per write of the block writers: large enough that the file system sees big sequential writes (the output
    // streams buffer 1 MiB and pass larger writes straight through), small enough to stay in cache.
    private const int BlockBytes = 1 << 20;

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
