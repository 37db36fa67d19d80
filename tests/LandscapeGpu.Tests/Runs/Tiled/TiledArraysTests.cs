using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs.Tiled;

/// <summary>A finished tiled run's whole-grid files, written one tile at a time, against the untiled run's files.</summary>
public sealed class TiledArraysTests : IDisposable
{
    private static readonly string[] ArrayFiles = ["basins.npy", "steps.npy", "endpoints.npy", "valleyPosition.npy"];

    private readonly string root = Path.Combine(Path.GetTempPath(), $"arrays-{Guid.NewGuid():N}");
    private readonly SimdDescentEngine engine = new();

    // (x*y-1)^2 has two valleys of minima: valleyPosition.npy holds positions, not only NaN.
    [Theory]
    [InlineData(Precision.F32)]
    [InlineData(Precision.F64)]
    public void Write_SixteenTilesOfAValleyRun_FilesEqualTheUntiledRunsByteForByte(Precision precision)
    {
        LandscapeEntry entry = FormulaLandscapes.Parse("(x*y-1)^2");
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, 0.01).Validated();
        var problem = new DescentProblem(entry, settings, new GridSpec(new Box(-3, 3, -3, 3), 64, 60), 1000, precision == Precision.F32 ? 1e-3 : 1e-6, precision);
        BasinMap untiled = MapRunner.Run(problem, engine);
        string expected = Path.Combine(root, "untiled");
        using (var outputs = new AtomicOutputs(expected))
        {
            RunFiles.Write(outputs, untiled);
            outputs.Commit();
        }

        var directory = RunDirectory.Open(Path.Combine(root, "tiled"), problem, new TileLayout(problem.Grid, 16), ShardSpec.Whole, resume: false);
        Assert.Equal(16, directory.Layout.Count);
        TiledRunner.Run(problem, directory, [engine]);
        FinishedRun run = TiledFinalizer.Finish(directory, problem);
        using (var outputs = new AtomicOutputs(directory.Path))
        {
            TiledArrays.Write(outputs, directory, run);
            outputs.Commit();
        }

        Assert.True(TiledFinalizer.HasValleys(run.Basins));
        foreach (string file in ArrayFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(directory.Path, file))), $"{file} differs");
        }

        BasinMap picture = TiledMaps.Picture(directory, run);
        Assert.Equal(untiled.Ids, picture.Ids);
        Assert.Equal(untiled.Steps, picture.Steps);
        Assert.Equal(BitsOf(untiled.ValleyPositions), BitsOf(picture.ValleyPositions));
    }

    [Fact]
    public void Assemble_SixteenTiles_ReadsEachTileOnceAndHoldsAboutOneTile()
    {
        var grid = new GridSpec(new Box(0, 1, 0, 1), 1024, 1000);
        var layout = new TileLayout(grid, 256);
        Assert.Equal(16, layout.Count);
        var random = new Random(20261202);
        int[] whole = Enumerable.Range(0, checked((int)grid.Count)).Select(_ => random.Next()).ToArray();
        int[][] tiles = Enumerable.Range(0, layout.Count).Select(index =>
        {
            TileSpec tile = layout[index];
            var values = new int[tile.Count];
            for (int row = 0; row < tile.Height; row++)
            {
                whole.AsSpan((tile.Y + row) * grid.Width + tile.X, tile.Width).CopyTo(values.AsSpan(row * tile.Width));
            }

            return values;
        }).ToArray();
        var reads = new int[layout.Count];
        Directory.CreateDirectory(root);
        string path = Path.Combine(root, "assembled.npy");

        long allocated;
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            TiledArrays.Assemble(stream, layout, 1, index =>
            {
                reads[index]++;
                return tiles[index];
            });
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.All(reads, count => Assert.Equal(1, count));
        // The grid is 4 MB and a tile 256 KB: the writer holds no buffer of the grid's size (a few KB of headers and buffers).
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes");
        (int[] data, int[] shape) = NpyReader.Read<int>(path);
        Assert.Equal([1000, 1024], shape);
        Assert.Equal(whole, data);
    }

    public void Dispose()
    {
        engine.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int[] BitsOf(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
