using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Basins;

[Collection(IlgpuCpuCollection.Name)]
public sealed class BucketTableTests(IlgpuCpuEngineFixture fixture)
{
    [Fact]
    public void Import_TablesOfBandsInAnyOrder_ResolvesToTheSameAttractorsAsOneCatalog()
    {
        DescentProblem problem = TestProblems.For("rastrigin", 40, 30, steps: 300);
        var result = new TileResult(checked((int)problem.Grid.Count));
        fixture.Engine.Run(problem, problem.Grid.Whole, result);
        var whole = new BasinCatalog(LandscapeProbe.For(problem.Landscape), problem.Grid);
        whole.Add(result, result.Capacity, new int[result.Capacity]);

        var tables = new List<BucketTable>();
        for (int row = 0; row < problem.Grid.Height; row += 7)
        {
            var band = new TileSpec(0, row, problem.Grid.Width, Math.Min(7, problem.Grid.Height - row));
            var bandResult = new TileResult(band.Count);
            fixture.Engine.Run(problem, band, bandResult);
            var catalog = new BasinCatalog(LandscapeProbe.For(problem.Landscape), problem.Grid);
            catalog.Add(bandResult, band.Count, new int[band.Count]);
            tables.Add(catalog.Export());
        }

        var joined = new BasinCatalog(LandscapeProbe.For(problem.Landscape), problem.Grid);
        foreach (BucketTable table in Enumerable.Reverse(tables))
        {
            joined.Import(table);
        }

        BasinResolution expected = whole.Resolve(), actual = joined.Resolve();
        Assert.Equal(expected.Attractors, actual.Attractors);
        Assert.Equal(expected.DivergedFraction, actual.DivergedFraction);
        Assert.Equal(whole.Starts, joined.Starts);
    }

    [Fact]
    public void Validated_CountsThatDoNotAddUp_Throws()
    {
        var table = new BucketTable([1, 2], [3, 4], [10, 20], Starts: 9, Diverged: 1, Unconverged: 0);

        var error = Assert.Throws<InvalidDataException>(() => table.Validated());
        Assert.Contains("7 converged, 1 diverged and 0 unconverged starts, but 9 in all", error.Message);
    }
}
