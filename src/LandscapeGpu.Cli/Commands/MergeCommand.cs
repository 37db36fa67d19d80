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
        var command = new Command("merge", "Join the shard directories of one run into a run directory: global attractor ids, " +
            "summary.json, basins.png and the arrays, as a single run writes them.");
        command.Arguments.Add(shards);
        command.Options.Add(output);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            RunDirectory merged = ShardMerger.Merge(parsed.GetValue(shards)!, parsed.GetValue(output)!);
            TiledRunOutputs.Finish(merged, MapImageRenderer.Auto);
            return 0;
        }));
        return command;
    }
}
