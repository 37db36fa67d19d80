namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Joins the tiles of shard directories (or of any directories of one run) into one run directory. Every shard
/// must hold the same run (same identity) and is locked while it is read; every tile taken is checked against its
/// record's content hashes before anything is written. The output is built in a temporary directory beside
/// <c>--out</c> and renamed into place only when it is complete, so an interrupted or refused merge leaves no
/// half-merged directory that a retry could trust.
/// </summary>
public static class ShardMerger
{
    /// <summary>
    /// Copies every finished tile of <paramref name="shardPaths"/> into a new run directory, lets
    /// <paramref name="finish"/> write its outputs there, and renames it to <paramref name="outputPath"/>.
    /// </summary>
    /// <param name="shardPaths">The shard directories.</param>
    /// <param name="outputPath">The run directory to make; it must not exist or be empty, unless <paramref name="replace"/>.</param>
    /// <param name="replace">Replace an existing non-empty <paramref name="outputPath"/> (once the new one is complete).</param>
    /// <param name="finish">Writes the merged run's outputs into the (still temporary) directory.</param>
    /// <returns>The merged run directory at <paramref name="outputPath"/>.</returns>
    /// <exception cref="RunConflictException">The shards are of different runs, together lack some tiles, are being written, or the output exists.</exception>
    /// <exception cref="DamagedRunException">A shard's tile file differs from its record.</exception>
    public static RunDirectory Merge(IReadOnlyList<string> shardPaths, string outputPath, bool replace = false, Action<RunDirectory>? finish = null)
    {
        ArgumentNullException.ThrowIfNull(shardPaths);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (shardPaths.Count == 0)
        {
            throw new ArgumentException("give at least one shard directory", nameof(shardPaths));
        }

        string finalPath = Path.GetFullPath(outputPath).TrimEnd(Path.DirectorySeparatorChar);
        if (shardPaths.Any(shard => string.Equals(Path.GetFullPath(shard).TrimEnd(Path.DirectorySeparatorChar), finalPath, StringComparison.Ordinal)))
        {
            throw new RunConflictException($"{{out}} '{outputPath}' is one of the shards; merge into a new directory");
        }

        bool outputExists = Directory.Exists(finalPath) && Directory.EnumerateFileSystemEntries(finalPath).Any();
        if (outputExists && !replace)
        {
            throw new RunConflictException($"{{out}} '{outputPath}' already exists and is not empty; give a new directory, or add {{force}} to replace it");
        }

        if (File.Exists(finalPath) || (Directory.Exists(finalPath) && new DirectoryInfo(finalPath).LinkTarget is not null))
        {
            throw new RunConflictException($"{{out}} '{outputPath}' is a file or a symbolic link, not a directory");
        }

        var locks = new List<RunLock>();
        string temporary = TemporaryPathFor(finalPath);
        try
        {
            var shards = shardPaths.Select(RunDirectory.OpenExisting).ToList();
            foreach (string shardPath in shardPaths.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    locks.Add(RunLock.Acquire(shardPath));
                }
                catch (IOException)
                {
                    // A shard we may only read (another user's, a read-only mount) cannot be locked; its hashes still guard it.
                }
            }

            if (outputExists)
            {
                locks.Add(RunLock.Acquire(finalPath));
            }

            (int[] sourceOf, TileLayout layout) = ChooseSources(shardPaths, shards);
            // Every tile is checked before anything is written: a damaged shard refuses the merge naming its file.
            for (int index = 0; index < layout.Count; index++)
            {
                if (shards[sourceOf[index]].Verify(index) is { } damage)
                {
                    throw new DamagedRunException($"{damage}; nothing was merged. Recompute that shard's tile with the shard's map command and {{resume}}, then merge again");
                }
            }

            DeleteStaleTemporaries(finalPath);
            locks.Add(RunLock.Acquire(temporary));
            RunDirectory output = RunDirectory.Open(temporary, shards[0].Identity, layout, ShardSpec.Whole, resume: false);
            for (int index = 0; index < layout.Count; index++)
            {
                RunDirectory source = shards[sourceOf[index]];
                TileRecord record = source.ReadRecord(index);
                foreach (string kind in record.Files.Keys)
                {
                    AtomicFile.Copy(source.FileOf(index, kind), output.FileOf(index, kind));
                }

                output.WriteRecord(index, record);
            }

            // The copies are checked as the originals were (a disk can fail between the two).
            output.EnsureIntact();
            finish?.Invoke(output);
            if (outputExists)
            {
                Directory.Delete(finalPath, recursive: true);
            }
            else if (Directory.Exists(finalPath))
            {
                Directory.Delete(finalPath);
            }

            Directory.Move(temporary, finalPath);
        }
        finally
        {
            foreach (RunLock held in locks)
            {
                held.Dispose();
            }

            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }

        return RunDirectory.OpenExisting(finalPath);
    }

    private static (int[] SourceOf, TileLayout Layout) ChooseSources(IReadOnlyList<string> shardPaths, List<RunDirectory> shards)
    {
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

        TileLayout layout = first.Layout;
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
                "run the missing shards (or finish them with {resume}) and merge again");
        }

        return (sourceOf, layout);
    }

    // Beside the output, hidden, and marked as a temporary: never mistaken for a run directory.
    private static string TemporaryPathFor(string finalPath)
    {
        string parent = Path.GetDirectoryName(finalPath) ?? ".";
        return AtomicFile.TemporaryNameFor(Path.Combine(parent, $".{Path.GetFileName(finalPath)}.merge"));
    }

    // Directories of merges that were killed: no process holds their lock any more.
    private static void DeleteStaleTemporaries(string finalPath)
    {
        string parent = Path.GetDirectoryName(finalPath) ?? ".";
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (string stale in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(finalPath)}.merge{AtomicFile.TemporaryMarker}*"))
        {
            if (new DirectoryInfo(stale).LinkTarget is null && !RunLock.IsHeld(stale))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // Best effort: a leftover is hidden and never read.
                }
            }
        }
    }
}
