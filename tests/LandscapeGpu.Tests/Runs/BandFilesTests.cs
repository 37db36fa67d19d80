using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Runs;

/// <summary>steps.npy and endpoints.npy written band by band during a run are the files written from the whole map.</summary>
public sealed class BandFilesTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"band-files-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(Precision.F32)]
    [InlineData(Precision.F64)]
    public void Add_EveryBandOfARun_SameBytesAsTheFilesOfTheWholeMap(Precision precision)
    {
        // 200 x 200 starts: more than the runner's first band (16384 starts), so several bands are appended.
        DescentProblem problem = TestProblems.For("himmelblau", 200, precision: precision, steps: 200);
        string streamed = Path.Combine(directory, "streamed"), whole = Path.Combine(directory, "whole");
        using var engine = new SimdDescentEngine();
        int bands = 0;
        BasinMap map;
        using (var outputs = new AtomicOutputs(streamed))
        {
            using var bandFiles = new BandFiles(outputs, problem);
            map = MapRunner.Run(problem, engine, bandDone: band =>
            {
                bands++;
                bandFiles.Add(band);
            });
            RunFiles.Write(outputs, map, bandFiles: bandFiles);
            outputs.Commit();
        }

        using (var outputs = new AtomicOutputs(whole))
        {
            RunFiles.Write(outputs, map);
            outputs.Commit();
        }

        Assert.True(bands > 1, $"{bands} band");
        foreach (string name in new[] { BandFiles.StepsName, BandFiles.EndpointsName, "basins.npy", "valleyPosition.npy" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(streamed, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(whole, name))), $"{name} differs");
        }
    }

    [Fact]
    public void Complete_StartsMissing_ThrowsAndNothingIsCommitted()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 8);
        var band = new FinishedBand(0, new int[8], new double[8], new double[8]);
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            using var outputs = new AtomicOutputs(directory);
            using var bandFiles = new BandFiles(outputs, problem);
            bandFiles.Add(band);
            bandFiles.Complete();
        });

        Assert.Equal("only 8 of 64 starts were written to steps.npy and endpoints.npy", error.Message);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Add_BandOutOfOrder_Throws()
    {
        using var outputs = new AtomicOutputs(directory);
        using var bandFiles = new BandFiles(outputs, TestProblems.For("himmelblau", 8));

        var error = Assert.Throws<InvalidOperationException>(() => bandFiles.Add(new FinishedBand(8, new int[8], new double[8], new double[8])));
        Assert.Equal("a band of 8 starts at start 8 does not follow the 0 of 64 starts written", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
