using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Rendering.Explorer;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The view's level pyramid: which levels a request runs, and that a newer request cancels the one in flight.</summary>
public sealed class MapComputerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static string Sizes(IEnumerable<ViewLevel> levels) => string.Join(" ", levels.Select(level => $"{level.Grid.Width}x{level.Grid.Height}/{level.Divisor}"));

    [Fact]
    public void LevelsOf_UnknownRate_RunsEveryLevelFromTheCoarsestToTheFullGrid()
    {
        var full = new GridSpec(new Box(-5, 5, -5, 5), 1024, 1024);
        Assert.Equal("16x16/64 32x32/32 64x64/16 128x128/8 256x256/4 512x512/2 1024x1024/1", Sizes(MapComputer.LevelsOf(full, double.NaN)));
        // A 1-D map is one row at every level.
        Assert.Equal("16x1/64 32x1/32 64x1/16 128x1/8 256x1/4 512x1/2 1024x1/1", Sizes(MapComputer.LevelsOf(full with { Height = 1 }, double.NaN)));
        // Levels narrower than SmallestLevelSide are left out; a small map is its full grid only.
        Assert.Equal("24x24/4 48x48/2 96x96/1", Sizes(MapComputer.LevelsOf(full with { Width = 96, Height = 96 }, double.NaN)));
        Assert.Equal("20x20/1", Sizes(MapComputer.LevelsOf(full with { Width = 20, Height = 20 }, double.NaN)));
        // A wide window: the short side decides.
        Assert.Equal("64x16/16 128x32/8 256x64/4 512x128/2 1024x256/1", Sizes(MapComputer.LevelsOf(full with { Height = 256 }, double.NaN)));
    }

    [Fact]
    public void LevelsOf_KnownRate_StartsAtTheFinestLevelReadyWithinTheLiveTime()
    {
        var full = new GridSpec(new Box(-5, 5, -5, 5), 1024, 1024);
        // 256² = 65,536 starts in exactly the live time: 256² is the first level, 512² would take four times longer.
        double rate = 256 * 256 / MapComputer.LiveSeconds;
        Assert.Equal("256x256/4 512x512/2 1024x1024/1", Sizes(MapComputer.LevelsOf(full, rate)));
        Assert.Equal("512x512/2 1024x1024/1", Sizes(MapComputer.LevelsOf(full, 4.01 * rate)));
        // A fast engine goes straight to the full grid; one too slow for any level still starts at the coarsest.
        Assert.Equal("1024x1024/1", Sizes(MapComputer.LevelsOf(full, 1e12)));
        Assert.Equal("16x16/64 32x32/32 64x64/16 128x128/8 256x256/4 512x512/2 1024x1024/1", Sizes(MapComputer.LevelsOf(full, 1)));
    }

    [Fact]
    public void Request_WhileALevelRuns_CancelsItBetweenBandsAndComputesTheNewRequest()
    {
        var engine = new GatedEngine(new BorrowedEngine(TestMaps.SharedEngine), blockWidth: 256);
        var timings = new List<LevelTiming>();
        using (var computer = new MapComputer(() => engine))
        {
            computer.LevelFinished += timing =>
            {
                lock (timings)
                {
                    timings.Add(timing);
                }
            };
            DescentProblem first = TestMaps.Problem("himmelblau", 256);
            long firstGeneration = computer.Request(first);
            Assert.True(engine.Entered.Wait(Timeout), "the 256x256 level never started");

            // The view moves on while the 256x256 level is inside a band.
            DescentProblem second = TestMaps.Problem("himmelblau", 64) with { Grid = new GridSpec(new Box(0, 5, 0, 5), 64, 64) };
            long secondGeneration = computer.Request(second);
            engine.Release.Set();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!computer.Settled)
            {
                Assert.True(clock.Elapsed < Timeout, "the second request did not finish");
                Thread.Sleep(10);
            }

            ComputedMap shown = Assert.IsType<ComputedMap>(computer.TakeLatest());
            Assert.Equal(secondGeneration, shown.Generation);
            Assert.True(shown.Final);
            Assert.Equal(second.Grid, shown.Map.Grid);
            Assert.Null(computer.Error);

            // The cancelled level ran the one band it was in and no more, though its grid had many bands left.
            Assert.Equal(1, engine.BandsOfWidth(256));
            lock (timings)
            {
                LevelTiming cancelled = Assert.Single(timings, timing => timing.Cancelled);
                Assert.Equal((firstGeneration, 256, 256), (cancelled.Generation, cancelled.Width, cancelled.Height));
                Assert.Contains("level 256x256: cancelled after", cancelled.ToString(), StringComparison.Ordinal);
                // The second request's levels were reported done, coarse first, the full grid last (which coarse
                // levels it skipped depends on the rate the first request measured).
                int[] widths = timings.Where(t => t.Generation == secondGeneration).Select(t => t.Width).ToArray();
                Assert.Equal(64, widths[^1]);
                Assert.Equal(widths.Order().Distinct(), widths);
                Assert.All(timings.Where(t => !t.Cancelled), t => Assert.True(t.Seconds >= t.MapSeconds && t.SinceRequest >= t.Seconds, t.ToString()));
                Assert.Matches(@"^level 64x64: \d+\.\d{3} s \(descents and basins \d+\.\d{3} s, loss field and colours \d+\.\d{3} s; \d+\.\d{3} s after the request\)$", timings[^1].ToString());
            }
        }
    }

    /// <summary>An engine that holds the first band of a grid <c>blockWidth</c> wide until released, and counts the bands of each width.</summary>
    private sealed class GatedEngine(IDescentEngine inner, int blockWidth) : IDescentEngine
    {
        private readonly Dictionary<int, int> bands = [];

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public string Description => inner.Description;

        public EngineKind Kind => inner.Kind;

        public int BandsOfWidth(int width)
        {
            lock (bands)
            {
                return bands.GetValueOrDefault(width);
            }
        }

        public void Run(DescentProblem problem, TileSpec tile, TileResult result)
        {
            lock (bands)
            {
                bands[problem.Grid.Width] = bands.GetValueOrDefault(problem.Grid.Width) + 1;
            }

            if (problem.Grid.Width == blockWidth && !Entered.IsSet)
            {
                Entered.Set();
                Release.Wait();
            }

            inner.Run(problem, tile, result);
        }

        public void Dispose() => inner.Dispose();
    }
}
