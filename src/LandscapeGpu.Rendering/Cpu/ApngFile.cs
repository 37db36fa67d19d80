using System.Buffers.Binary;
using System.Text;

namespace LandscapeGpu.Rendering.Cpu;

/// <summary>
/// Writes an animated PNG (APNG) from PNG frames of one size and pixel format, as browsers and most image viewers play
/// it: SkiaSharp 3.119 encodes PNG but no animation, and no package we may use writes GIF or APNG, so the few chunks
/// of the APNG specification are written here around the frames' own compressed data. The first frame is the default
/// image (a viewer without APNG shows it); every frame shows for the same delay, and the animation loops forever.
/// </summary>
public static class ApngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>Writes the frames as one animation.</summary>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="frames">PNG files of the same width, height, bit depth and colour type.</param>
    /// <param name="delayMilliseconds">How long each frame shows.</param>
    /// <exception cref="ArgumentException">No frames, a frame that is no PNG, or frames whose headers differ.</exception>
    public static void Write(Stream stream, IReadOnlyList<byte[]> frames, int delayMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(delayMilliseconds);
        var parsed = frames.Select((frame, i) => Chunks(frame, i)).ToList();
        byte[] header = parsed[0].Single(chunk => chunk.Type == "IHDR").Data;
        for (int i = 1; i < parsed.Count; i++)
        {
            if (!parsed[i].Single(chunk => chunk.Type == "IHDR").Data.AsSpan().SequenceEqual(header))
            {
                throw new ArgumentException($"frame {i} differs from frame 0 in size or pixel format: an animation's frames share one header", nameof(frames));
            }
        }

        stream.Write(Signature);
        WriteChunk(stream, "IHDR", header);
        var animationControl = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(animationControl, (uint)frames.Count);
        BinaryPrimitives.WriteUInt32BigEndian(animationControl.AsSpan(4), 0);
        WriteChunk(stream, "acTL", animationControl);
        uint sequence = 0;
        for (int i = 0; i < parsed.Count; i++)
        {
            WriteChunk(stream, "fcTL", FrameControl(sequence++, header, delayMilliseconds));
            foreach (var (type, data) in parsed[i].Where(chunk => chunk.Type == "IDAT"))
            {
                if (i == 0)
                {
                    WriteChunk(stream, "IDAT", data);
                }
                else
                {
                    var frameData = new byte[4 + data.Length];
                    BinaryPrimitives.WriteUInt32BigEndian(frameData, sequence++);
                    data.CopyTo(frameData, 4);
                    WriteChunk(stream, "fdAT", frameData);
                }
            }
        }

        WriteChunk(stream, "IEND", []);
    }

    /// <summary>The chunks of a PNG file in order, as (type, data).</summary>
    /// <exception cref="ArgumentException">The bytes are no PNG.</exception>
    public static IReadOnlyList<(string Type, byte[] Data)> Chunks(byte[] png, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new ArgumentException($"frame {index} is not a PNG file", nameof(png));
        }

        var chunks = new List<(string, byte[])>();
        int at = Signature.Length;
        while (at + 12 <= png.Length)
        {
            int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at)));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            if (at + 12L + length > png.Length)
            {
                throw new ArgumentException($"frame {index} is cut short in its {type} chunk", nameof(png));
            }

            chunks.Add((type, png.AsSpan(at + 8, length).ToArray()));
            at += 12 + length;
        }

        return chunks;
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, the polynomial 0xEDB88320 reflected) over <paramref name="bytes"/>.</summary>
    public static uint Crc(ReadOnlySpan<byte> bytes, uint crc = 0xFFFFFFFF)
    {
        foreach (byte value in bytes)
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    // fcTL: sequence, width, height, x and y offsets (0: every frame fills the canvas), delay as a fraction (ms / 1000),
    // dispose op 0 (none) and blend op 0 (source: the frame replaces the canvas).
    private static byte[] FrameControl(uint sequence, byte[] header, int delayMilliseconds)
    {
        var control = new byte[26];
        BinaryPrimitives.WriteUInt32BigEndian(control, sequence);
        header.AsSpan(0, 8).CopyTo(control.AsSpan(4));
        int delay = Math.Min(delayMilliseconds, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16BigEndian(control.AsSpan(20), (ushort)delay);
        BinaryPrimitives.WriteUInt16BigEndian(control.AsSpan(22), 1000);
        return control;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        stream.Write(word);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(data, Crc(typeBytes)) ^ 0xFFFFFFFF);
        stream.Write(word);
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
