using System.Diagnostics;
using LandscapeGpu.Landscapes.Models;

namespace LandscapeGpu.Tests.Landscapes.Models;

/// <summary>What --data refuses before it can fill memory or silently misread: devices, pipes, runaway lines, reserved names.</summary>
public sealed class DataSetReaderLimitsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("data-limits-").FullName;

    [Fact]
    public void Read_LinkToDevZero_RefusesAtOnceAsNotARegularFile()
    {
        string link = Path.Combine(root, "zeros.csv");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Throws<FormatException>(() => DataSetReader.Read(link, "zeros"));

        Assert.Equal("data 'zeros' is empty or not a regular file (a pipe or a device): give a CSV file", error.Message);
    }

    [Fact]
    public async Task Read_NamedPipe_RefusesWithoutWaitingForAWriter()
    {
        string pipe = Path.Combine(root, "pipe.csv");
        using (Process mkfifo = Process.Start("mkfifo", [pipe])!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Run(() => Assert.Throws<FormatException>(() => DataSetReader.Read(pipe, "pipe")));

        FormatException error = await read.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("not a regular file", error.Message);
    }

    [Fact]
    public void Read_LineLongerThanTheCap_RefusesNamingTheLine()
    {
        string path = Path.Combine(root, "long.csv");
        File.WriteAllText(path, "x,y\n1,2\n" + new string('1', DataSetReader.MaxLineChars + 1) + ",3\n");

        var error = Assert.Throws<FormatException>(() => DataSetReader.Read(path, "long"));

        Assert.Equal($"data 'long', line 3: longer than {DataSetReader.MaxLineChars:N0} characters", error.Message);
    }

    [Theory]
    [InlineData("pi")]
    [InlineData("e")]
    [InlineData("sin")]
    [InlineData("tanh")]
    public void Parse_ColumnNamedLikeAConstantOrFunction_IsAnErrorNamingIt(string column)
    {
        var error = Assert.Throws<FormatException>(() => DataSetReader.Parse([$"{column},y", "1,2"], "d"));

        Assert.StartsWith($"data 'd', line 1: column name '{column}' is reserved (a formula constant or function", error.Message);
    }

    [Fact]
    public void Parse_CellWithATrailingNul_IsNotReadAsTheNumberBeforeIt()
    {
        var error = Assert.Throws<FormatException>(() => DataSetReader.Parse(["x,y", "1,2\0"], "d"));

        Assert.StartsWith("data 'd', line 2, column 'y': the cell holds a control character (\\u0000)", error.Message);
    }

    [Fact]
    public void Read_ARegularFile_StillReadsWithCarriageReturns()
    {
        string path = Path.Combine(root, "crlf.csv");
        File.WriteAllText(path, "x,y\r\n1,2\r\n3,4");

        DataSet data = DataSetReader.Read(path, "crlf");

        Assert.Equal([1, 2, 3, 4], data.Values);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
