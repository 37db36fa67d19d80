using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Tests.Basins.WeightSpace;

public sealed class WeightSpaceGridTests
{
    [Fact]
    public void For_Box_TakesTheMapsBucketAndLinkSizesAndShiftsEveryCorner()
    {
        var box = new Box(-3, 3, -1, 1);

        var grid = WeightSpaceGrid.For(5, box, 256, 64);

        Assert.Equal(5, grid.Dimension);
        Assert.Equal(6.0 / 1024, grid.BucketSize);
        Assert.Equal(BasinCatalog.BucketSizeOf(box), grid.BucketSize);
        Assert.Equal(3, grid.Reach);
        // 32 buckets (0.1875) beat 4 start spacings (4 · 6/256 = 0.09375).
        Assert.Equal(32 * 6.0 / 1024, grid.LinkRadius);
        Assert.All(grid.Origin, o => Assert.True(o < 0 && o > -grid.BucketSize, $"corner shift {o} must lie within one bucket below 0"));
        Assert.Equal(5, grid.Origin.Distinct().Count());
    }

    [Fact]
    public void For_CoarseGrid_LinksAsFarAsFourStartSpacings()
    {
        var grid = WeightSpaceGrid.For(3, new Box(-2, 2, -2, 2), 8, 8);

        Assert.Equal(4 * 4.0 / 8, grid.LinkRadius);
    }

    [Fact]
    public void Validated_LinkRadiusBelowABucket_IsRefusedNamingTheValues()
    {
        var grid = new WeightSpaceGrid([0, 0], 0.5, 1, 0.25);

        var error = Assert.Throws<ArgumentException>(() => grid.Validated());

        Assert.Contains("a positive bucket size, a reach of at least 0 and a link radius of at least one bucket; got 0.5, 1 and 0.25", error.Message);
    }

    [Fact]
    public void Validated_NonFiniteOrigin_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeightSpaceGrid([0, double.NaN], 0.5, 1, 1).Validated());

        Assert.Contains("a finite origin of at least one weight", error.Message);
    }

    [Fact]
    public void WriteRead_Table_RoundTripsEveryBit()
    {
        var grid = WeightSpaceGrid.For(3, new Box(-2, 2, -2, 2), 8, 8);
        var table = new WeightBucketTable(grid.BucketSize, grid.Origin, [1, -2, 3, int.MaxValue, int.MinValue, 0], [4, 5], [40, 57], 12, 2, 1, 7, 300);
        using var stream = new MemoryStream();

        table.Write(stream);
        stream.Position = 0;
        WeightBucketTable read = WeightBucketTable.Read(stream);

        Assert.Equal(table, read);
        Assert.Equal(grid.Origin, read.Origin);
    }

    [Fact]
    public void Read_NotATable_IsRefusedAsInvalidData()
    {
        using var stream = new MemoryStream("{\"dimension\": 2}"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => WeightBucketTable.Read(stream));

        Assert.StartsWith("not a weight bucket table", error.Message);
    }
}
