using System.Buffers.Binary;
using System.Text;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Runs;

public sealed class NpyWriterTests
{
    [Fact]
    public void Write_Int32Matrix_HasAlignedHeaderAndLittleEndianData()
    {
        var stream = new MemoryStream();
        int[] data = [1, -2, 3, 4, 5, -6];
        NpyWriter.Write<int>(stream, data, 2, 3);
        byte[] bytes = stream.ToArray();

        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        Assert.Equal(1, bytes[6]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 4 * data.Length, bytes.Length);
        Assert.Equal(-6, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(10 + headerLength + 20)));
    }

    [Fact]
    public void Write_OneDimensional_UsesPythonOneTupleShape()
    {
        var stream = new MemoryStream();
        NpyWriter.Write<double>(stream, new double[] { 1.5 }, 1);
        Assert.Contains("'shape': (1,)", Encoding.ASCII.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_ShapeDisagreesWithData_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => NpyWriter.Write<int>(new MemoryStream(), new int[5], 2, 3));
        Assert.StartsWith("shape (2, 3) holds 6 values but the data has 5", error.Message);
    }

    [Fact]
    public void WriteFilled_SameBytesAsAFilledArray()
    {
        // Over one block (1 MiB) and not a multiple of it, so the last partial block is covered.
        int[] shape = [513, 1025];
        var filled = new float[shape[0] * shape[1]];
        Array.Fill(filled, float.NaN);
        var expected = new MemoryStream();
        NpyWriter.Write<float>(expected, filled, shape);
        var actual = new MemoryStream();
        NpyWriter.WriteFilled(actual, float.NaN, shape);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(300_001)]
    public void WritePairs_SameBytesAsAnInterleavedCopyInEachPrecision(int count)
    {
        var random = new Random(7);
        double[] x = Enumerable.Range(0, count).Select(_ => (random.NextDouble() - 0.5) * 1e3).ToArray();
        double[] y = Enumerable.Range(0, count).Select(_ => (random.NextDouble() - 0.5) * 1e-3).ToArray();
        x[0] = double.NaN;
        y[^1] = double.PositiveInfinity;
        var singles = new float[2 * count];
        var doubles = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            (singles[2 * i], singles[(2 * i) + 1]) = ((float)x[i], (float)y[i]);
            (doubles[2 * i], doubles[(2 * i) + 1]) = (x[i], y[i]);
        }

        var expected = new MemoryStream();
        NpyWriter.Write<float>(expected, singles, 1, count, 2);
        var actual = new MemoryStream();
        NpyWriter.WritePairs<float>(actual, x, y, 1, count, 2);
        Assert.Equal(expected.ToArray(), actual.ToArray());
        expected.SetLength(0);
        actual.SetLength(0);
        NpyWriter.Write<double>(expected, doubles, count, 2);
        NpyWriter.WritePairs<double>(actual, x, y, count, 2);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public void WritePairs_ShapeNotPairs_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => NpyWriter.WritePairs<float>(new MemoryStream(), new double[3], new double[3], 3, 3));
        Assert.StartsWith("shape (3, 3) does not hold pairs of the 3 and 3 values given", error.Message);
    }
}
