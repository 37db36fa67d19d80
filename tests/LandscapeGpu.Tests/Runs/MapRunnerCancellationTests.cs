using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Runs;

/// <summary>MapRunner's interactive form: shorter bands, and a cancellation honoured between bands.</summary>
public sealed class MapRunnerCancellationTests
{
    [Fact]
    public void Run_CancelledDuringABand_StopsBeforeTheNextBand()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 64);
        using var cancellation = new CancellationTokenSource();
        using var engine = new CountingEngine(new SimdDescentEngine(threads: 1), cancellation.Cancel);
        Assert.Throws<OperationCanceledException>(() => MapRunner.Run(problem, engine, null, 0.1, cancellation.Token));
        Assert.Equal(1, engine.Bands);
    }

    [Fact]
    public void Run_KnownRate_SizesTheFirstBandToTheBandTime()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 64);
        using var cancellation = new CancellationTokenSource();
        using var engine = new CountingEngine(new SimdDescentEngine(threads: 1), cancellation.Cancel);
        // 6,400 starts a second for 0.1 s: 640 starts, ten rows of 64.
        Assert.Throws<OperationCanceledException>(() => MapRunner.Run(problem, engine, null, 0.1, cancellation.Token, startsPerSecond: 6400));
        Assert.Equal([10], engine.Rows);
        // A rate below one row per band still sends one row.
        using var again = new CancellationTokenSource();
        using var slow = new CountingEngine(new SimdDescentEngine(threads: 1), again.Cancel);
        Assert.Throws<OperationCanceledException>(() => MapRunner.Run(problem, slow, null, 0.1, again.Token, startsPerSecond: 1));
        Assert.Equal([1], slow.Rows);
    }

    [Fact]
    public void Run_ShortBands_GiveTheSameMapAsTheDefaultBands()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 64);
        using var engine = new CountingEngine(new SimdDescentEngine(threads: 1), () => { });
        BasinMap usual = MapRunner.Run(problem, engine);
        int usualBands = engine.Bands;
        BasinMap interactive = MapRunner.Run(problem, engine, null, 0.1, CancellationToken.None);
        // The short first band (0.1 s of the usual 0.5 s: a fifth of the starts) splits this grid where one band did not.
        Assert.True(engine.Bands - usualBands > usualBands, $"{usualBands} usual bands, {engine.Bands - usualBands} short ones");
        Assert.Equal(usual.Ids, interactive.Ids);
        Assert.Equal(usual.EndX, interactive.EndX);
        Assert.Equal(usual.Steps, interactive.Steps);
        Assert.Throws<ArgumentOutOfRangeException>(() => MapRunner.Run(problem, engine, null, 0, CancellationToken.None));
    }

    private sealed class CountingEngine(IDescentEngine inner, Action afterBand) : IDescentEngine
    {
        public int Bands { get; private set; }

        public List<int> Rows { get; } = [];

        public string Description => inner.Description;

        public EngineKind Kind => inner.Kind;

        public void Run(DescentProblem problem, TileSpec tile, TileResult result)
        {
            inner.Run(problem, tile, result);
            Bands++;
            Rows.Add(tile.Height);
            afterBand();
        }

        public void Dispose() => inner.Dispose();
    }
}
