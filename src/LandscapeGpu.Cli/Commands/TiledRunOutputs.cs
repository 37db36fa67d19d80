using LandscapeGpu.Descents;
using LandscapeGpu.Metrics;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Cli.Commands;

/// <summary>
/// Finishes a run directory whose tiles are all done and writes its outputs: a small grid gets exactly the files an
/// untiled run writes (basins.npy, steps.npy, endpoints.npy, summary.json, basins.png); a large one keeps its tiles
/// (with global ids and tiles/index.json) and gets summary.json and an overview basins.png.
/// </summary>
public static class TiledRunOutputs
{
    /// <summary>
    /// Finishes <paramref name="directory"/>; <paramref name="problem"/> defaults to the one its manifest describes.
    /// Grids of up to <paramref name="singleFileLimit"/> starts are written as single files. The report names
    /// <paramref name="reportedPath"/> (a merge finishes in a temporary directory renamed afterwards). The basin
    /// metrics use entropy boxes of <paramref name="boxSide"/>; a large grid's are read from its tiles one band at a time.
    /// </summary>
    public static void Finish(RunDirectory directory, FigureRequest figure, DescentProblem? problem = null, long singleFileLimit = TiledMaps.SingleFileLimit,
        string? reportedPath = null, int boxSide = BasinMetrics.DefaultBoxSide)
    {
        ArgumentNullException.ThrowIfNull(directory);
        FinishedRun run = TiledFinalizer.Finish(directory, problem ?? directory.Problem());
        using var outputs = new AtomicOutputs(directory.Path);
        string files;
        GridSpec grid = run.Problem.Grid;
        MeasuredMetrics? metrics = null;
        // The figure is drawn beside the metrics and the data files, as an untiled run's: each reads the tiles on its own.
        void WriteSummary()
        {
            metrics = MeasuredMetrics.Of(grid.Width, grid.Height, boxSide, () => RunMetrics.OfTiles(directory, boxSide));
            outputs.Write("summary.json", stream => SummaryWriter.Write(stream, run.Problem, run.Basins, run.Device, run.Seconds, run.DescentSteps, metrics.Metrics, figure.ColorByName));
        }

        if (run.Problem.Grid.Count <= singleFileLimit)
        {
            // The arrays go from the tiles to the files one tile at a time; only the figure holds the grid (12 bytes a start).
            Concurrently.Run(
                () => MapImageRenderers.Write(outputs, TiledMaps.Picture(directory, run), figure, Console.Error),
                () =>
                {
                    WriteSummary();
                    TiledArrays.Write(outputs, directory, run);
                });
            files = $"{figure.FileNames} summary.json basins.npy steps.npy endpoints.npy valleyPosition.npy (tiles in tiles/)";
        }
        else
        {
            GridSpec overviewGrid = default;
            Concurrently.Run(
                () =>
                {
                    BasinMap overview = TiledMaps.Overview(directory, run);
                    overviewGrid = overview.Grid;
                    // The overview holds a coarser grid; the figure's title names the grid the run computed.
                    MapImageRenderers.Write(outputs, overview, figure, Console.Error, run.Problem.Grid);
                },
                WriteSummary);
            files = $"{figure.FileNames} ({overviewGrid.Width}x{overviewGrid.Height} overview) summary.json tiles/index.json tiles/*.npy";
        }

        outputs.Commit();
        RunReport.Print(run.Problem, run.Basins, run.Device, run.Seconds, run.DescentSteps, reportedPath ?? directory.Path, files, metrics);
    }
}
