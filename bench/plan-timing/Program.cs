// What the CPU SIMD engine's plan timing costs and picks, and whether timing a few steps ranks the plans as whole
// descents do.
//   dotnet plan-timing.dll choose LANDSCAPE [REPEATS]      # a fresh engine's PlanNow on a 32-row band, REPEATS times
//   dotnet plan-timing.dll plans LANDSCAPE [CAP_STEPS]     # every plan's best of 5 runs, whole descents and CAP_STEPS steps
// LANDSCAPE is a built-in landscape (run with gd) or "model" (w2*tanh(w1*x) on data/tanh.csv, as the view's example;
// run from the repository root).
using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;

string mode = args.Length > 0 ? args[0] : "choose";
string which = args.Length > 1 ? args[1] : "model";
int number = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : mode == "choose" ? 8 : 128;

DescentProblem problem;
if (which == "model")
{
    LandscapeEntry model = ModelLandscapes.Create(new ModelSpec("w2*tanh(w1*x)", DataSets.Load("data/tanh.csv")));
    LandscapeInfo info = model.Info;
    var settings = new OptimizerSettings(OptimizerKind.GradientDescent, info.Defaults.LearningRate).Validated();
    problem = new DescentProblem(model, settings, new GridSpec(info.Box, 128, 128), info.Defaults.Steps, info.Defaults.Tolerance, Precision.F32);
}
else
{
    LandscapeEntry entry = BuiltInLandscapes.Find(which) ?? throw new ArgumentException($"no landscape {which}");
    LandscapeInfo info = entry.Info;
    var settings = new OptimizerSettings(OptimizerKind.GradientDescent, info.Defaults.LearningRate).Validated();
    problem = new DescentProblem(entry, settings, new GridSpec(info.Box, 256, 256), info.Defaults.Steps, info.Defaults.Tolerance, Precision.F32);
}

if (mode == "choose")
{
    var band = new TileSpec(0, 0, problem.Grid.Width, 32);
    var picks = new Dictionary<string, int>();
    for (int run = 0; run < number; run++)
    {
        using var engine = new SimdDescentEngine();
        long started = Stopwatch.GetTimestamp();
        SimdPlan plan = engine.PlanNow(problem, band, out bool timed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{which} run {run}: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.000} s -> {plan}{(timed ? "" : " (too little work to time)")}"));
        picks[plan.ToString()] = picks.GetValueOrDefault(plan.ToString()) + 1;
    }

    Console.WriteLine(string.Join("; ", picks.Select(pick => $"{pick.Key}: {pick.Value}")));
    return;
}

var plans = new[] { new SimdPlan(SimdWidth.Bits256, false), new SimdPlan(SimdWidth.Bits256, true), new SimdPlan(SimdWidth.Bits512, false), new SimdPlan(SimdWidth.Bits512, true) };
var engines = plans.Select(plan => new SimdDescentEngine(width: plan.Width, callsGradient: plan.CallsGradient)).ToArray();
foreach ((string label, DescentProblem run) in new[] { ("whole descents", problem), ($"{number} steps", problem with { MaxSteps = Math.Min(number, problem.MaxSteps) }) })
{
    var best = Enumerable.Repeat(double.MaxValue, plans.Length).ToArray();
    var result = new TileResult(run.Grid.Whole.Count);
    for (int round = 0; round < 6; round++)
    {
        for (int plan = 0; plan < plans.Length; plan++)
        {
            long started = Stopwatch.GetTimestamp();
            engines[plan].Run(run, run.Grid.Whole, result);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            best[plan] = round == 0 ? best[plan] : Math.Min(best[plan], seconds);
        }
    }

    double fastest = best.Min();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{which,-14} {label,-15} {fastest * 1e3,9:0.00} ms  time / fastest: {string.Join("  ", plans.Select((plan, i) => $"{plan} {best[i] / fastest:0.00}"))}"));
}

foreach (SimdDescentEngine engine in engines)
{
    engine.Dispose();
}
