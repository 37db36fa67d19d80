using System.CommandLine;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli.Commands;

/// <summary><c>landscape merge SHARD_DIR... --out DIR</c>: joins the shards of a run into one run directory with global ids.</summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards")
        {
            Description = "Directories written by 'landscape map ... --shard K/N' (all shards of one command line).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out")
        {
            Description = "Run directory to write: the same files a single run writes.",
            HelpName = "DIR",
            Required = true,
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace DIR if it already holds files (once the merged run is complete).",
        };
        var command = new Command("merge", "Join the shard directories of one run into a run directory: global attractor ids, " +
            "summary.json, basins.png and the arrays, as a single run writes them.");
        command.Arguments.Add(shards);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            string outputPath = parsed.GetValue(output)!;
            bool weightMap = false;
            ShardMerger.Merge(parsed.GetValue(shards)!, outputPath, parsed.GetValue(force), merged =>
            {
                // A map in all trained weights is clustered with its model, which merge cannot reload: the map
                // command finishes the merged tiles (it finds them all done and computes nothing).
                weightMap = merged.Identity.IsWeightMap;
                if (!weightMap)
                {
                    TiledRunOutputs.Finish(merged, FigureRequest.Default, reportedPath: Path.GetFullPath(outputPath));
                }
            });
            if (weightMap)
            {
                Console.WriteLine($"merged the tiles of a map in all trained weights into {Path.GetFullPath(outputPath)}; finish it with the shards' map command, " +
                    $"--shard left out, and --resume --out {outputPath}");
            }

            return 0;
        }));
        return command;
    }
}
