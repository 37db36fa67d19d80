using LandscapeGpu.Cli;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes.Models;

namespace LandscapeGpu.Tests.Landscapes.Models;

public sealed class DataSetReaderTests
{
    [Theory]
    [InlineData("", "data 'd' is empty: it needs a header line")]
    [InlineData("# only a comment\n\n", "data 'd' is empty")]
    [InlineData("x,y\n", "data 'd' has a header but no rows")]
    [InlineData("x,y\n1,2\n3\n", "data 'd', line 3: 1 cells, but the header has 2 columns")]
    [InlineData("x,y\n1,2\n3,abc\n", "data 'd', line 3, column 'y': 'abc' is not a number")]
    [InlineData("x,y\n1,NaN\n", "data 'd', line 2, column 'y': 'NaN' is not finite")]
    [InlineData("x,y\n1,Infinity\n", "data 'd', line 2, column 'y': 'Infinity' is not finite")]
    [InlineData("x,target\n1,2\n", "data 'd' has no 'y' column (the target); its columns: x, target")]
    [InlineData("x,x,y\n1,2,3\n", "data 'd', line 1: column 'x' appears twice")]
    [InlineData("x,2y,y\n1,2,3\n", "data 'd', line 1: column name '2y' is not a name")]
    public void Parse_BadCsv_NamesTheLineColumnAndProblem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DataSetReader.Parse(text.Split('\n'), "d"));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndScientificNotation_AreRead()
    {
        DataSet data = DataSetReader.Parse(["# made by hand", "", "a, y ,b", "1e-3, -2, .5", "  ", "4,5,6"], "d");
        Assert.Equal(["a", "y", "b"], data.Columns);
        Assert.Equal([0.001, -2, 0.5, 4, 5, 6], data.Values);
        Assert.Equal(2, data.Rows);
        Assert.Equal(["a", "b"], data.Inputs);
        Assert.Equal("made by hand", data.Description);
    }

    [Fact]
    public void Load_UnknownNameThatIsNoFile_NamesTheShippedDataSets()
    {
        var error = Assert.Throws<InvalidParameterException>(() => DataSets.Load("no-such-data"));
        Assert.Equal("--data 'no-such-data' is neither a shipped data set (line, sine, tanh, xor) nor an existing CSV file", error.Describe(UsageException.FlagOf));
    }

    [Fact]
    public void ShippedNames_ListsTheDataFolder()
    {
        Assert.Equal(["line", "sine", "tanh", "xor"], DataSets.ShippedNames);
        Assert.All(DataSets.ShippedNames, name => Assert.NotNull(DataSets.Load(name).Description));
    }
}
