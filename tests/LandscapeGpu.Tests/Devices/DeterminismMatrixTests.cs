using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Shared;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// Reproducibility is a property of the arithmetic, not of timing: every SIMD plan (256- or 512-bit lanes, gradient
/// inlined or called), the ILGPU kernel on the CPU accelerator, tiles, two devices sharing a run, and a machine
/// kept busy by other threads all give byte-identical arrays, for a polynomial, a transcendental built-in and a
/// transcendental formula, in float32 and float64.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class DeterminismMatrixTests(IlgpuCpuEngineFixture fixture)
{
    private const string Formula = "sin(x)*cos(y) + 0.1*(x^2 + y^2)";

    public static TheoryData<string, OptimizerKind, Precision> EngineCases() => new()
    {
        { "himmelblau", OptimizerKind.GradientDescent, Precision.F32 },
        { "rastrigin", OptimizerKind.Adam, Precision.F32 },
        { "rastrigin", OptimizerKind.Momentum, Precision.F64 },
        { Formula, OptimizerKind.RmsProp, Precision.F32 },
        { Formula, OptimizerKind.Newton, Precision.F64 },
    };

    [Theory]
    [MemberData(nameof(EngineCases))]
    public void EveryPlanAndTheKernel_IdleOrLoaded_GiveTheSameBits(string landscape, OptimizerKind optimizer, Precision precision)
    {
        // 37 x 29: rows do not fill whole lane groups at either width, and the kernel's thread pairs do not divide it.
        DescentProblem problem = Problem(landscape, optimizer, precision, 37, 29);
        TileResult reference = Run(problem, fixture.Engine);
        foreach (bool loaded in new[] { false, true })
        {
            using BusyThreads? load = loaded ? new BusyThreads() : null;
            foreach (SimdWidth width in new[] { SimdWidth.Bits256, SimdWidth.Bits512 })
            {
                foreach (bool callsGradient in new[] { false, true })
                {
                    using var engine = new SimdDescentEngine(width: width, callsGradient: callsGradient);
                    AssertSameBits(reference, Run(problem, engine), $"{landscape} {optimizer} {precision}, {width} lanes, gradient {(callsGradient ? "called" : "inlined")}, {(loaded ? "loaded" : "idle")}");
                }
            }
        }
    }

    public static TheoryData<string[]> CliCases() => new()
    {
        new[] { "himmelblau" },
        new[] { "rastrigin", "--precision", "f64", "--optimizer", "adam" },
        new[] { Formula, "--optimizer", "rmsprop" },
    };

    [Theory]
    [MemberData(nameof(CliCases))]
    public void Map_AnyWidthTilingDevicesOrLoad_WritesByteIdenticalArrays(string[] landscape)
    {
        string root = Path.Combine(Path.GetTempPath(), $"determinism-{Guid.NewGuid():N}");
        try
        {
            string[] common = [.. new[] { "map" }, .. landscape, "--grid", "24x20", "--steps", "200"];
            string reference = Path.Combine(root, "reference");
            RunMap(common, ["--device", "cpu"], "256", reference, loaded: false);
            int run = 0;
            foreach (bool loaded in new[] { false, true })
            {
                foreach (string width in new[] { "256", "512" })
                {
                    foreach (string[] mode in new[] { new[] { "--device", "cpu" }, ["--device", "cpu", "--tile", "8"], ["--device", "cpu,ilgpu-cpu", "--tile", "8"] })
                    {
                        string directory = Path.Combine(root, $"run{run++}");
                        RunMap(common, mode, width, directory, loaded);
                        foreach (string file in new[] { "basins.npy", "steps.npy", "endpoints.npy" })
                        {
                            byte[] expected = File.ReadAllBytes(Path.Combine(reference, file));
                            byte[] actual = File.ReadAllBytes(Path.Combine(directory, file));
                            Assert.True(expected.AsSpan().SequenceEqual(actual),
                                $"{file} of `{string.Join(' ', mode)}` at {width}-bit lanes ({(loaded ? "loaded" : "idle")}) differs from the untiled CPU run");
                        }
                    }
                }
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static void RunMap(string[] common, string[] mode, string width, string directory, bool loaded)
    {
        using BusyThreads? load = loaded ? new BusyThreads() : null;
        var (code, _, error) = CliRunner.RunWith(new Dictionary<string, string?> { [SimdWidths.EnvironmentVariable] = width }, [.. common, .. mode, "--out", directory]);
        Assert.True(code == 0, $"map {string.Join(' ', mode)} at {width}-bit lanes failed: {error}");
    }

    private static DescentProblem Problem(string landscape, OptimizerKind optimizer, Precision precision, int width, int height)
    {
        bool isFormula = landscape == Formula;
        DescentProblem problem = TestProblems.For(isFormula ? "himmelblau" : landscape, width, height, optimizer, precision, steps: 400);
        return isFormula ? problem with { Landscape = FormulaLandscapes.Parse(Formula) } : problem;
    }

    private static TileResult Run(DescentProblem problem, IDescentEngine engine)
    {
        var result = new TileResult(problem.Grid.Whole.Count);
        engine.Run(problem, problem.Grid.Whole, result);
        return result;
    }

    private static void AssertSameBits(TileResult expected, TileResult actual, string what)
    {
        for (int i = 0; i < expected.Capacity; i++)
        {
            bool same = BitConverter.DoubleToInt64Bits(expected.EndX[i]) == BitConverter.DoubleToInt64Bits(actual.EndX[i])
                && BitConverter.DoubleToInt64Bits(expected.EndY[i]) == BitConverter.DoubleToInt64Bits(actual.EndY[i])
                && expected.Steps[i] == actual.Steps[i]
                && expected.Outcomes[i] == actual.Outcomes[i];
            Assert.True(same, $"{what}: start {i} ends at ({actual.EndX[i]:R}, {actual.EndY[i]:R}) after {actual.Steps[i]} steps, " +
                $"the ILGPU kernel at ({expected.EndX[i]:R}, {expected.EndY[i]:R}) after {expected.Steps[i]}");
        }
    }

    // Threads that keep every core busy until disposed: the runs beside them see other timing and thread orders.
    private sealed class BusyThreads : IDisposable
    {
        private volatile bool stopping;
        private readonly Thread[] threads;

        public BusyThreads()
        {
            threads = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(Spin) { IsBackground = true })];
            foreach (Thread thread in threads)
            {
                thread.Start();
            }
        }

        public void Dispose()
        {
            stopping = true;
            foreach (Thread thread in threads)
            {
                thread.Join();
            }
        }

        private void Spin()
        {
            double sink = 1;
            while (!stopping)
            {
                for (int i = 0; i < 100_000; i++)
                {
                    sink = sink * 1.0000001 + 1e-9;
                }
            }

            GC.KeepAlive(sink);
        }
    }
}
