using System.CommandLine;
using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Cli.Commands;

/// <summary><c>landscape view</c>: explore the basin map in a window; with --screenshot, render, save and exit.</summary>
public static class ViewCommand
{
    /// <summary>Longest wait for the map of a --screenshot run.</summary>
    public static readonly TimeSpan ScreenshotTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The descent options of view: no --grid (the window's size is the grid), hidden from the help; --device offers
    /// one device, as the view computes on one engine and refuses 'all' or a list.
    /// </summary>
    public static DescentOptions CreateDescentOptions()
    {
        var descent = new DescentOptions(takesGrid: false);
        descent.Device.Description = "One device: auto (CUDA, then an OpenCL GPU, then the CPU), cuda, opencl, cpu, or ilgpu-cpu (the kernel path on ILGPU's CPU simulator).";
        return descent;
    }

    public static Command Create()
    {
        var descent = CreateDescentOptions();
        var size = new Option<string>("--size")
        {
            Description = "Window size WxH in pixels; the map is computed at this resolution. [default: 1024x1024; 1024x512 for a 1-D landscape]",
            HelpName = "WxH",
        };
        var screenshot = new Option<string>("--screenshot")
        {
            Description = "Render until the full-resolution map is on screen, save the window's pixels to this PNG, and exit.",
            HelpName = "FILE",
        };
        var frames = new Option<int>("--frames")
        {
            Description = "With --screenshot: frames drawn after the map is complete, the last one saved.",
            DefaultValueFactory = _ => 1,
        };
        var noOverlay = new Option<bool>("--no-overlay")
        {
            Description = "Start with the axes, ticks, ids, legend and hover panel hidden (L shows them): with --screenshot, the map alone.",
        };
        var printLevelTimes = new Option<bool>("--print-level-times")
        {
            Description = "Print each level of every map (coarse to full resolution) to stderr as it finishes or is cancelled: 'level 256x256: 0.050 s (...)'.",
        };
        var command = new Command("view", "Explore the basin map in a window (OpenGL through GLFW): drag to pan, scroll to zoom " +
            "(the visible region is recomputed at screen resolution), hover for a start's outcome, click for its descent path. " +
            $"Keys: {BasinExplorer.KeyHelp}.");
        var weights = new WeightOptions();
        descent.AddTo(command);
        descent.AddAxesTo(command);
        weights.AddTo(command);
        command.Options.Add(size);
        command.Options.Add(screenshot);
        command.Options.Add(frames);
        command.Options.Add(noOverlay);
        command.Options.Add(printLevelTimes);
        command.SetAction(parsed => CommandRunner.Guard(() =>
        {
            if (parsed.GetValue(descent.Grid) is not null)
            {
                throw new UsageException("--grid does not apply to view: the map is computed at the window's resolution; use --size WxH");
            }

            // A model trained in more weights than its free ones (issue 14): the view explores its 2-D slice's plane,
            // every level and every clicked start descending in all trained weights.
            ManyWeightsRun? many = weights.Resolve(parsed, descent);
            DescentProblem problem = many?.Slice ?? descent.ToProblem(parsed);
            ManyWeightsView? manyWeights = many is null ? null : new ManyWeightsView(many.Model, many.Problem, DescriptionOf(many));
            bool oneDimensional = problem.Landscape.Info.Dimensions == 1 && problem.Axes is null;
            (int width, int height) = ParseSize(parsed.GetValue(size), oneDimensional);
            int frameCount = parsed.GetValue(frames);
            if (frameCount < 1)
            {
                throw new UsageException($"--frames {frameCount} is invalid: it must be 1 or more");
            }

            string? screenshotPath = parsed.GetValue(screenshot);
            if (screenshotPath is not null)
            {
                CheckScreenshotPath(screenshotPath);
            }

            DeviceChoice device = descent.Devices(parsed).Single;
            ExplorerWindow view;
            try
            {
                Action<LevelTiming>? levelFinished = parsed.GetValue(printLevelTimes) ? level => Console.Error.WriteLine(level.ToString()) : null;
                view = new ExplorerWindow(problem, width, height, () => EngineFactory.Create(device), levelFinished, manyWeights);
            }
            catch (GlUnavailableException error)
            {
                throw new UsageException($"cannot open the view: {error.Message}");
            }

            using (view)
            {
                view.Explorer.ShowOverlay = !parsed.GetValue(noOverlay);
                if (screenshotPath is null)
                {
                    Console.Error.WriteLine($"keys: {BasinExplorer.KeyHelp}");
                    view.Run();
                }
                else
                {
                    ExplorerWindow.SaveImage(view.RenderSettled(frameCount, ScreenshotTimeout), screenshotPath);
                    Console.WriteLine($"wrote {screenshotPath}");
                }

                ViewStatistics statistics = view.Statistics;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"view: {statistics.Frames} frames, mean frame {statistics.MeanFrameMilliseconds:0.00} ms once the map was complete; last full map {statistics.LastGrid} in {statistics.LastRecomputeSeconds:0.000} s on {view.Device} (levels: {statistics.LastLevels})"));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The weights of a many-weight view for its title, as the figure's title lists them: the trained ones (the two on
    /// the axes named), the fixed ones, and the other trained weights' starts.
    /// </summary>
    public static string DescriptionOf(ManyWeightsRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        string[] lines = ManyWeightsMap.TitleOf(run).Split('\n');
        // Lines 2 and 3 of the figure's title: "trained (K): ...; fixed: ..." and "other starts: ...".
        return $"{lines[1]}; {lines[2]}";
    }

    /// <summary>Parses WxH; null gives the default size.</summary>
    public static (int Width, int Height) ParseSize(string? text, bool oneDimensional)
    {
        if (text is null)
        {
            return (1024, oneDimensional ? 512 : 1024);
        }

        string[] parts = text.ToLowerInvariant().Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || width < 16 || height < 16 || width > 8192 || height > 8192)
        {
            throw new UsageException($"--size '{text}' is invalid: give WxH with each side between 16 and 8192, e.g. 1024x768");
        }

        return (width, height);
    }

    // Checked before anything is drawn: a bad path must fail at once, not after the whole map was computed.
    private static void CheckScreenshotPath(string path)
    {
        if (path.Trim().Length == 0)
        {
            throw new UsageException("--screenshot '' is invalid: give a file name, e.g. view.png");
        }

        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"--screenshot '{path}': the folder '{directory}' does not exist; create it first");
        }

        if (Directory.Exists(full))
        {
            throw new UsageException($"--screenshot '{path}' is a folder; give a file name, e.g. {Path.Combine(path, "view.png")}");
        }

        try
        {
            using (LandscapeGpu.Runs.Tiled.AtomicFile.CreateTemporary(full, out string probe))
            {
                File.Delete(probe);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--screenshot '{path}' cannot be written: {error.Message}");
        }
    }
}
