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
}
