// A scripted pan session on the view's map computer, without a window: request a model's 1024² view, wait until its
// 256² level is in (code compiled, plans timed, rate known), then pan PANS times by 5% of the box, INTERVAL seconds
// apart, printing every level and every cancelled level with the time since the session began. Shows how soon the
// level in flight is cancelled and how soon the new view's first level arrives.
//   dotnet run -c Release -- MODEL DATA_CSV [SIZE] [PANS] [INTERVAL_SECONDS]
using System.Diagnostics;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Explorer;

string model = args.Length > 0 ? args[0] : "w2*tanh(w1*x)";
string data = args.Length > 1 ? args[1] : "data/tanh.csv";
int size = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1024;
int pans = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
double interval = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 1.5;

LandscapeEntry entry = ModelLandscapes.Create(new ModelSpec(model, DataSets.Load(data)));
LandscapeInfo info = entry.Info;
var settings = new OptimizerSettings(OptimizerKind.GradientDescent, info.Defaults.LearningRate).Validated();
var home = new DescentProblem(entry, settings, new GridSpec(info.Box, size, size), info.Defaults.Steps, info.Defaults.Tolerance, Precision.F32);
var clock = Stopwatch.StartNew();
int warmWidth = Math.Max(16, size / 4);
using var warm = new ManualResetEventSlim();
using var computer = new MapComputer(() => EngineFactory.Create(DeviceChoice.Auto));
computer.LevelFinished += timing =>
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,8:0.000} s  request {timing.Generation}: {timing}"));
    if (timing.Width >= warmWidth)
    {
        warm.Set();
    }
};
computer.Request(home);
warm.Wait();
double shift = 0.05 * (info.Box.X1 - info.Box.X0);
for (int pan = 1; pan <= pans; pan++)
{
    var box = new Box(info.Box.X0 + pan * shift, info.Box.X1 + pan * shift, info.Box.Y0, info.Box.Y1);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,8:0.000} s  pan {pan} (request {computer.Request(home with { Grid = new GridSpec(box, size, size) })})"));
    Thread.Sleep(TimeSpan.FromSeconds(interval));
}
