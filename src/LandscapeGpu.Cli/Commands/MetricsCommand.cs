using System.CommandLine;
using System.Text.Json;
using LandscapeGpu.Metrics;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Cli.Commands;

/// <summary><c>landscape metrics DIR</c>: the basin metrics of an existing run directory, untiled or tiled.</summary>
public static class MetricsCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "A finished run directory written by 'landscape map' (basins.npy, or tiles with global ids) or 'landscape merge'.",
        };
        var boxSide = new Option<int>("--box-side")
        {
            Description = "Side of the basin entropy's boxes, in starts.",
            DefaultValueFactory = _ => BasinMetrics.DefaultBoxSide,
            HelpName = "N",
        };
        var asJson = new Option<bool>("--json")
        {
            Description = "Print the metrics as summary.json's 'metrics' object instead of the footer lines.",
        };
        var command = new Command("metrics", "Basin entropy (Sb, Sbb), uncertainty exponent and boundary dimension of an existing run directory; " +
            "a tiled run is read one band of tiles at a time. Reads the run; writes nothing.");
        command.Arguments.Add(directory);
        command.Options.Add(boxSide);
        command.Options.Add(asJson);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            string path = parsed.GetValue(directory)!;
            int side = parsed.GetValue(boxSide);
            var measured = MeasuredMetrics.Timed(() => RunMetrics.Of(path, side));
            if (parsed.GetValue(asJson))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var json = new Utf8JsonWriter(stdout, JsonFormat.Indented))
                {
                    BasinMetricsJson.Write(json, measured.Metrics);
                }

                stdout.WriteByte((byte)'\n');
            }
            else
            {
                Console.WriteLine($"{path}:");
                measured.Print(Console.Out);
            }

            return 0;
        }));
        return command;
    }
}
