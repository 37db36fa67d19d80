using System.Text.Json;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Cli;

/// <summary>The outputs of a large grid: tiles with global ids and an index, summary.json and an overview, no single files.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class TiledRunOutputsTests(IlgpuCpuEngineFixture fixture) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"large-{Guid.NewGuid():N}");

    [Fact]
    public void Finish_GridOverTheSingleFileLimit_KeepsTilesWithGlobalIdsAnIndexSummaryAndOverview()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 70, 50);
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        var layout = new TileLayout(problem.Grid, 32);
        var directory = RunDirectory.Open(root, problem, layout, ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, directory, [fixture.Engine]);

        TiledRunOutputs.Finish(directory, FigureRequest.Default with { Renderer = MapImageRenderer.Cpu }, problem, singleFileLimit: 0);

        Assert.False(File.Exists(Path.Combine(root, "basins.npy")));
        Assert.True(File.Exists(Path.Combine(root, "basins.png")));
        using JsonDocument index = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.TilesPath, TiledFinalizer.IndexName)));
        var tiles = index.RootElement.GetProperty("tiles").EnumerateArray().ToList();
        Assert.Equal(layout.Count, tiles.Count);
        foreach (JsonElement tile in tiles)
        {
            int x = tile.GetProperty("x").GetInt32(), y = tile.GetProperty("y").GetInt32();
            int width = tile.GetProperty("width").GetInt32(), height = tile.GetProperty("height").GetInt32();
            // Himmelblau has no valley: its tiles get no positions along valleys.
            Assert.False(tile.TryGetProperty("valleyPosition", out _));
            Assert.False(File.Exists(Path.Combine(directory.TilesPath, tile.GetProperty("stem").GetString() + ".valleyPosition.npy")));
            (int[] ids, int[] shape) = NpyReader.Read<int>(Path.Combine(directory.TilesPath, tile.GetProperty("basins").GetString()!));
            Assert.Equal([height, width], shape);
            for (int row = 0; row < height; row++)
            {
                Assert.Equal(untiled.Ids.AsSpan((y + row) * problem.Grid.Width + x, width).ToArray(), ids.AsSpan(row * width, width).ToArray());
            }
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "summary.json")));
        Assert.Equal([70, 50], summary.RootElement.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(untiled.Attractors.Count, summary.RootElement.GetProperty("attractors").GetArrayLength());
        Assert.Equal(untiled.DescentSteps, summary.RootElement.GetProperty("descentSteps").GetInt64());
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
