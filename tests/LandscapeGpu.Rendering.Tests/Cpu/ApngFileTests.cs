using System.Buffers.Binary;
using System.Text;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Runs.Series;
using SkiaSharp;

namespace LandscapeGpu.Rendering.Tests.Cpu;

/// <summary>The hand-written APNG: its chunks by the specification, and every frame's pixels recoverable.</summary>
public sealed class ApngFileTests
{
    private static byte[] Png(SKColor colour, int width = 5, int height = 3)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        bitmap.Erase(colour);
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public void Write_ThreeFrames_ChunksFollowTheApngSpecificationAndEachFrameDecodesToItsPixels()
    {
        SKColor[] colours = [SKColors.Red, SKColors.Green, SKColors.Blue];
        byte[][] frames = [.. colours.Select(colour => Png(colour))];
        using var stream = new MemoryStream();

        ApngFile.Write(stream, frames, 250);

        byte[] file = stream.ToArray();
        var chunks = ApngFile.Chunks(file);
        Assert.Equal(["IHDR", "acTL", "fcTL", "IDAT"], chunks.Take(4).Select(chunk => chunk.Type));
        Assert.Equal("IEND", chunks[^1].Type);
        byte[] acTL = chunks[1].Data;
        Assert.Equal((3u, 0u), (BinaryPrimitives.ReadUInt32BigEndian(acTL), BinaryPrimitives.ReadUInt32BigEndian(acTL.AsSpan(4))));
        // fcTL and fdAT share one sequence, 0, 1, 2, ... in file order.
        var sequence = chunks.Where(chunk => chunk.Type is "fcTL" or "fdAT").Select(chunk => BinaryPrimitives.ReadUInt32BigEndian(chunk.Data)).ToList();
        Assert.Equal(Enumerable.Range(0, sequence.Count).Select(i => (uint)i), sequence);
        Assert.All(chunks.Where(chunk => chunk.Type == "fcTL"), chunk => Assert.Equal(250, BinaryPrimitives.ReadUInt16BigEndian(chunk.Data.AsSpan(20))));
        AssertCrcsValid(file);

        // Frame i rebuilt as a plain PNG: the header, its data (IDAT, or fdAT without the sequence number), the end.
        for (int frame = 0; frame < 3; frame++)
        {
            int control = chunks.Select((chunk, index) => (chunk, index)).Where(entry => entry.chunk.Type == "fcTL").ElementAt(frame).index;
            var data = chunks.Skip(control + 1).TakeWhile(chunk => chunk.Type is "IDAT" or "fdAT")
                .Select(chunk => chunk.Type == "IDAT" ? chunk.Data : chunk.Data[4..]).ToList();
            using SKBitmap decoded = SKBitmap.Decode(Rebuilt(chunks[0].Data, data));
            Assert.Equal(colours[frame], decoded.GetPixel(2, 1));
        }
    }

    [Fact]
    public void Write_FramesOfDifferentSizes_ThrowsNamingTheFrame()
    {
        var error = Assert.Throws<ArgumentException>(() => ApngFile.Write(new MemoryStream(), [Png(SKColors.Red), Png(SKColors.Red, 6, 3)], 100));

        Assert.StartsWith("frame 1 differs from frame 0", error.Message);
    }

    [Fact]
    public void AnimationFrames_FiguresOfDifferentSizes_AreDrawnOnOneCanvas()
    {
        using var small = new SKBitmap(4, 3);
        using var large = new SKBitmap(6, 5);

        var frames = SweepFigures.AnimationFrames([small, large]);

        Assert.All(frames, frame =>
        {
            using SKBitmap decoded = SKBitmap.Decode(frame);
            Assert.Equal((6, 5), (decoded.Width, decoded.Height));
        });
    }

    [Fact]
    public void LocationQuantum_IsTheColoursQuantum()
    {
        Assert.Equal(AttractorColours.LocationQuantum, AttractorLocations.LocationQuantum);
    }

    private static void AssertCrcsValid(byte[] file)
    {
        int at = 8;
        while (at < file.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            Assert.Equal(ApngFile.Crc(file.AsSpan(at + 4, 4 + length)) ^ 0xFFFFFFFF, stored);
            at += 12 + length;
        }
    }

    private static byte[] Rebuilt(byte[] header, IEnumerable<byte[]> data)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] bytes)
        {
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)bytes.Length);
            stream.Write(word);
            byte[] typeBytes = Encoding.ASCII.GetBytes(type);
            stream.Write(typeBytes);
            stream.Write(bytes);
            BinaryPrimitives.WriteUInt32BigEndian(word, ApngFile.Crc([.. typeBytes, .. bytes]) ^ 0xFFFFFFFF);
            stream.Write(word);
        }

        Chunk("IHDR", header);
        foreach (byte[] bytes in data)
        {
            Chunk("IDAT", bytes);
        }

        Chunk("IEND", []);
        return stream.ToArray();
    }
}
