namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Joins the tiles of shard directories (or of any directories of one run) into one run directory. Every shard
/// must hold the same run (same identity); each tile is copied from the first shard that finished it, through a
/// temporary name, its record last, so an interrupted merge can be run again.
/// </summary>
public static class ShardMerger
{
    /// <summary>Copies every finished tile of <paramref name="shardPaths"/> into <paramref name="outputPath"/>.</summary>
    /// <exception cref="RunConflictException">The shards are of different runs, or together lack some tiles.</exception>
    public static RunDirectory Merge(IReadOnlyList<string> shardPaths, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(shardPaths);
        if (shardPaths.Count == 0)
        {
            throw new ArgumentException("give at least one shard directory", nameof(shardPaths));
        }

        var shards = shardPaths.Select(RunDirectory.OpenExisting).ToList();
        RunDirectory first = shards[0];
        for (int i = 1; i < shards.Count; i++)
        {
            IReadOnlyList<string> differences = shards[i].Identity.DifferencesFrom(first.Identity, $"in '{shardPaths[0]}'", $"in '{shardPaths[i]}'");
            if (differences.Count > 0)
            {
                throw new RunConflictException(
                    $"shards '{shardPaths[0]}' and '{shardPaths[i]}' are of different command lines ({string.Join("; ", differences)}); merge only shards of one run");
            }
        }

        (var problem, int tileSide) = first.Identity.ToProblem();
        TileLayout layout = new(problem.Grid, tileSide);
        var missing = new List<int>();
        int[] sourceOf = new int[layout.Count];
        for (int index = 0; index < layout.Count; index++)
        {
            sourceOf[index] = shards.FindIndex(shard => shard.IsDone(index));
            if (sourceOf[index] < 0)
            {
                missing.Add(index);
            }
        }

        if (missing.Count > 0)
        {
            string owners = string.Join(", ", shards.Select(s => s.Shard.ToString()).Distinct());
            throw new RunConflictException(
                $"the shards given ({owners}) lack {missing.Count} of {layout.Count} tiles (first: {layout.StemOf(missing[0])}, tile {missing[0]}); " +
                "run the missing shards (or finish them with --resume) and merge again");
        }

        RunDirectory output = RunDirectory.Open(outputPath, problem, layout, ShardSpec.Whole, resume: true);
        for (int index = 0; index < layout.Count; index++)
        {
            if (output.IsDone(index))
            {
                continue;
            }

            RunDirectory source = shards[sourceOf[index]];
            string ids = File.Exists(source.FileOf(index, "basins.npy")) ? "basins.npy" : "buckets.npy";
            foreach (string kind in new[] { ids, "steps.npy", "endpoints.npy", "json" })
            {
                AtomicFile.Copy(source.FileOf(index, kind), output.FileOf(index, kind));
            }
        }

        return output;
    }
}
