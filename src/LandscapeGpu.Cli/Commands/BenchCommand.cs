using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LandscapeGpu.Benchmarks;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// <c>landscape bench</c>: descent steps per second of one engine on a fixed amount of work (every start takes the
/// full step budget), FLOP/s and the fraction of the device's peak, after a warm-up, as the median of several runs.
/// </summary>
public static class BenchCommand
{
    /// <summary>Grid side when --grid is absent: 2048 x 2048 starts, the size the peers are measured on.</summary>
    public const int DefaultGrid = 2048;

    /// <summary>Step budget when --steps is absent.</summary>
    public const int DefaultSteps = 200;

    /// <summary>The descent options with bench's defaults (<see cref="DefaultGrid"/>, <see cref="DefaultSteps"/>), as its help prints them.</summary>
    public static DescentOptions CreateDescentOptions() => new(DefaultGrid, DefaultSteps);

    public static Command Create()
    {
        var descent = CreateDescentOptions();
        var runs = new Option<int>("--runs")
        {
            Description = "Timed runs; the median is reported.",
            DefaultValueFactory = _ => 5,
        };
        var peak = new Option<double?>("--peak-gflops")
        {
            Description = "The device's float32 peak in GFLOP/s, to compare with. [default: measured on CPU devices (FMA on every core); none on GPUs]",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var exitChecks = new Option<bool>("--exit-checks")
        {
            Description = "Time map's early-exit loop (every step checked for convergence and divergence; --tol is set to 0 so that no start stops) instead of the fixed-step loop.",
        };
        var command = new Command("bench", $"Measure descent steps per second on a fixed amount of work: every start runs the whole step budget " +
            $"(the --fixed-steps loop; or, with --exit-checks, map's early-exit loop with --tol 0). Defaults: --grid {DefaultGrid}, --steps {DefaultSteps}, the landscape's learning rate.");
        var weights = new WeightOptions();
        descent.AddTo(command);
        weights.AddTo(command);
        command.Options.Add(runs);
        command.Options.Add(peak);
        command.Options.Add(json);
        command.Options.Add(exitChecks);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            // A model trained in more weights than its free ones (issue 14) is timed on its K-weight loop; its 2-D slice names it in the report.
            ManyWeightsRun? many = weights.Resolve(parsed, descent);
            DescentProblem problem = many?.Slice ?? descent.ToProblem(parsed);

            if (parsed.GetValue(exitChecks))
            {
                if (problem.FixedSteps)
                {
                    throw new UsageException("--exit-checks times the early-exit loop and --fixed-steps the fixed-step loop: give one of them");
                }
            }
            else
            {
                problem = problem with { FixedSteps = true };
            }

            int runCount = parsed.GetValue(runs);
            if (runCount < 1 || runCount > 1000)
            {
                throw new UsageException($"--runs {runCount} is invalid: it must be between 1 and 1000");
            }

            double? statedPeak = parsed.GetValue(peak);
            if (statedPeak is { } stated && (!(stated > 0) || !double.IsFinite(stated)))
            {
                throw new UsageException($"--peak-gflops {stated.ToString(CultureInfo.InvariantCulture)} is invalid: it must be a positive number");
            }

            using IDescentEngine engine = EngineFactory.Create(descent.Devices(parsed).Single);
            if (!parsed.GetValue(json))
            {
                Console.Error.WriteLine($"device: {engine.Description}");
            }

            DescentBenchmarkResult result = many is null
                ? DescentBenchmark.Run(problem, engine, runCount)
                : WeightBenchmark.Run(many.Model, many.Problem with { FixedSteps = problem.FixedSteps }, problem, engine, runCount);
            // The CPU's peak is measured (an engine on the CPU, native or simulated, is bound by it); a GPU's must be stated.
            double? peakFloat32 = statedPeak * 1e9 ?? (engine.Kind != EngineKind.Gpu ? CpuPeak.MeasureFloat32() : null);
            bool timed = false;
            SimdPlan? plan = engine is SimdDescentEngine simd ? simd.PlanFor(result.Problem, out timed) : null;
            var report = new BenchReport(result, Roofline.For(result, peakFloat32), statedPeak is null ? "measured" : "stated", many is null ? plan : null, timed,
                many?.Problem.Count ?? problem.Landscape.Info.Dimensions);
            if (parsed.GetValue(json))
            {
                report.WriteJson(Console.Out);
            }
            else
            {
                report.WriteText(Console.Out);
            }

            return 0;
        }));
        return command;
    }

    private sealed record BenchReport(DescentBenchmarkResult Result, Roofline? Roofline, string PeakSource, SimdPlan? Plan, bool PlanTimed, int TrainedWeights)
    {
        private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

        private string Loop => Result.Problem.FixedSteps ? "fixed-step loop" : "early-exit loop, every step checked";

        public void WriteText(TextWriter output)
        {
            DescentProblem problem = Result.Problem;
            output.WriteLine(string.Create(Culture,
                $"{problem.Landscape.Info.Name}{(TrainedWeights > 2 ? $" in {TrainedWeights} trained weights" : "")} {problem.Optimizer.Name} lr={problem.Optimizer.LearningRate:G4} {Precisions.Name(problem.Precision)}: " +
                $"{problem.Grid.Width}x{problem.Grid.Height} starts x {problem.MaxSteps} steps ({Loop}) on {Result.Device}"));
            if (Plan is { } plan)
            {
                output.WriteLine($"plan: {plan} ({(PlanTimed ? "the fastest of those timed" : "not timed: too little work to time")})");
            }

            output.WriteLine(string.Create(Culture,
                $"runs: {string.Join(" ", Result.RunSeconds.Select(s => s.ToString("0.000", Culture)))} s (median {Result.MedianSeconds:0.000} s)"));
            output.WriteLine(string.Create(Culture,
                $"{Result.StepsPerSecond:0.00e0} descent steps/s, {Result.FlopsPerStep} FLOP/step (counted), {Result.FlopsPerSecond:0.00e0} FLOP/s"));
            output.WriteLine(string.Create(Culture,
                $"per CPU-second x {Environment.ProcessorCount} cores: {Result.StepsPerCpuSecondAllCores:0.00e0} steps/s (the rate with every core to itself; {Result.MedianCpuSeconds:0.000} CPU-s in {Result.MedianSeconds:0.000} s)"));
            if (Roofline is { } roofline)
            {
                output.WriteLine(string.Create(Culture,
                    $"peak ({PeakSource}, {Precisions.Name(problem.Precision)} FMA): {roofline.PeakFlopsPerSecond:0.00e0} FLOP/s; this run: {100 * roofline.FractionOfPeak:0.0}% of it " +
                    $"({100 * roofline.FractionOfPeakPerCpuSecond:0.0}% per CPU-second)"));
                output.WriteLine(string.Create(Culture,
                    $"limit with every operation on the multiply-add units: {roofline.MachineLimitStepsPerSecond:0.00e0} steps/s; this run: {100 * Result.StepsPerSecond / roofline.MachineLimitStepsPerSecond:0.0}%"));
                if (roofline.MultiplierLimitStepsPerSecond is { } multiplierLimit)
                {
                    output.WriteLine(string.Create(Culture,
                        $"limit with additions on separate adders ({Result.MultipliesPerStep} multiplies or multiply-adds per step): {multiplierLimit:0.00e0} steps/s; " +
                        $"this run: {100 * Result.StepsPerSecond / multiplierLimit:0.0}% ({100 * Result.StepsPerCpuSecondAllCores / multiplierLimit:0.0}% per CPU-second)"));
                }
            }
            else
            {
                output.WriteLine("peak: unknown for this device (give --peak-gflops)");
            }

            output.WriteLine(string.Create(Culture, $"peak working set: {Result.PeakWorkingSetBytes / 1e6:0} MB"));
        }

        public void WriteJson(TextWriter output)
        {
            DescentProblem problem = Result.Problem;
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, JsonFormat.Indented))
            {
                json.WriteStartObject();
                json.WriteString("landscape", problem.Landscape.Info.Name);
                json.WriteNumber("trainedWeights", TrainedWeights);
                json.WriteString("optimizer", problem.Optimizer.Name);
                json.WriteNumber("learningRate", problem.Optimizer.LearningRate);
                json.WriteString("precision", Precisions.Name(problem.Precision));
                json.WriteNumber("gridWidth", problem.Grid.Width);
                json.WriteNumber("gridHeight", problem.Grid.Height);
                json.WriteNumber("steps", problem.MaxSteps);
                json.WriteString("loop", problem.FixedSteps ? "fixed" : "early-exit");
                json.WriteString("device", Result.Device);
                if (Plan is { } plan)
                {
                    json.WriteString("simdWidth", SimdWidths.Name(plan.Width));
                    json.WriteBoolean("callsGradient", plan.CallsGradient);
                    json.WriteBoolean("planTimed", PlanTimed);
                }

                json.WriteStartArray("runSeconds");
                foreach (double seconds in Result.RunSeconds)
                {
                    json.WriteNumberValue(seconds);
                }

                json.WriteEndArray();
                json.WriteNumber("medianSeconds", Result.MedianSeconds);
                json.WriteNumber("medianCpuSeconds", Result.MedianCpuSeconds);
                // A run too short for the process's CPU clock to tick (0 CPU-seconds) has no per-CPU-second rate.
                if (double.IsFinite(Result.StepsPerCpuSecondAllCores))
                {
                    json.WriteNumber("stepsPerCpuSecondAllCores", Result.StepsPerCpuSecondAllCores);
                }
                else
                {
                    json.WriteNull("stepsPerCpuSecondAllCores");
                }
                json.WriteNumber("descentStepsPerRun", Result.DescentStepsPerRun);
                json.WriteNumber("stepsPerSecond", Result.StepsPerSecond);
                json.WriteNumber("flopsPerStep", Result.FlopsPerStep);
                json.WriteNumber("multipliesPerStep", Result.MultipliesPerStep);
                json.WriteNumber("flopsPerSecond", Result.FlopsPerSecond);
                if (Roofline is { } roofline)
                {
                    json.WriteNumber("peakFlopsPerSecond", roofline.PeakFlopsPerSecond);
                    json.WriteString("peakSource", PeakSource);
                    json.WriteNumber("machineLimitStepsPerSecond", roofline.MachineLimitStepsPerSecond);
                    if (roofline.MultiplierLimitStepsPerSecond is { } multiplierLimit)
                    {
                        json.WriteNumber("multiplierLimitStepsPerSecond", multiplierLimit);
                    }

                    json.WriteNumber("fractionOfPeak", roofline.FractionOfPeak);
                }

                json.WriteNumber("peakWorkingSetBytes", Result.PeakWorkingSetBytes);
                json.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}
