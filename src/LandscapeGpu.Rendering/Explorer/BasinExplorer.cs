using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Gl;
using LandscapeGpu.Rendering.Scenes;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>
/// What the view does with input: pans and zooms the <see cref="ViewState"/>, asks the <see cref="MapComputer"/>
/// for the visible region at screen resolution, reports the start under the cursor, records a clicked start's
/// path in float64, and handles the keys. The GLFW callbacks and scripted tests call the same methods.
/// Everything here runs on the GL thread.
/// </summary>
public sealed class BasinExplorer : IWindowInput
{
    /// <summary>Zoom factor of one wheel click.</summary>
    public const double ZoomPerClick = 1.25;

    /// <summary>Learning-rate factor of one press of ] (and its inverse for [).</summary>
    public const double LearningRateStep = 1.25;

    /// <summary>A press and release closer than this many pixels is a click, farther a drag.</summary>
    public const double ClickSlop = 3;

    /// <summary>The keys, for the title bar and the help text.</summary>
    public const string KeyHelp =
        "drag: pan  wheel or +/-: zoom  click: descent path and loss curve  O: next optimizer  ] / [: raise / lower lr  " +
        "C: contours  S: shading by steps  L: axes, legend and hover info  M: basin entropy overlay  R: reset view  Space: clear path  P: save PNG  H: help  Q or Esc: quit";

    private readonly MapComputer computer;
    private readonly ManyWeightsView? manyWeights;
    private readonly LandscapeProbe probe;
    private readonly LandscapeInfo info;
    private readonly Box homeBox;
    private readonly (bool X, bool Y) logarithmic;
    private readonly WorldRect homeView;
    private DescentProblem problem;
    private bool showOverlay = true;
    private ComputedMap? shown;
    private (double X, double Y) cursor;
    private bool cursorSeen;
    private (double X, double Y)? pressedAt;
    private (double X, double Y) lastDrag;
    private bool dragged;
    private (double X, double Y)? pathStart;
    private int savedCount;

    /// <summary>
    /// Starts exploring <paramref name="problem"/> (its landscape, optimizer, steps, tolerance and precision; its
    /// box is the home view; the grid follows the window) in a <paramref name="width"/> x <paramref name="height"/> window.
    /// With <paramref name="manyWeights"/>, <paramref name="problem"/> is its 2-D slice and a clicked start's descent runs
    /// in all the trained weights, drawn projected on the two free ones (the computer must be given the same).
    /// </summary>
    public BasinExplorer(DescentProblem problem, int width, int height, MapComputer computer, ManyWeightsView? manyWeights = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(computer);
        this.problem = problem;
        this.computer = computer;
        this.manyWeights = manyWeights;
        info = problem.Landscape.Info;
        probe = LandscapeProbe.For(problem.Landscape);
        Box box = problem.Grid.Box;
        homeBox = box;
        // An axes map (--axes lr,momentum) is a plane of two quantities without a common unit, even on a 1-D landscape.
        // A log axis (--log-axes) is viewed in log10 of its values: its cells are evenly spaced there (LogView).
        logarithmic = LogView.AxesOf(problem);
        View = new ViewState(LogView.ToView(box, logarithmic), info.Dimensions == 1 && problem.Axes is null, width, height, squarePixels: problem.Axes is null);
        homeView = View.Visible;
        RequestMap();
    }

    /// <summary>The visible region.</summary>
    public ViewState View { get; }

    /// <summary>The problem the view computes (its grid: the visible region at screen resolution).</summary>
    public DescentProblem Problem => problem;

    /// <summary>The map on screen, or null before the first arrives.</summary>
    public ComputedMap? Shown => shown;

    /// <summary>The recorded path of the last clicked start, or null.</summary>
    public RecordedDescent? Path { get; private set; }

    /// <summary>
    /// The last clicked start's descent as drawn: its path over the map and its float64 loss at every step (the
    /// loss-curve panel's data), or null.
    /// </summary>
    public Trajectory? Trajectory { get; private set; }

    /// <summary>How many points of <see cref="Path"/> are drawn: a 1-D path slides down the curve frame by frame.</summary>
    public int PathShown { get; private set; }

    /// <summary>Draw contour lines of the loss.</summary>
    public bool Contours { get; private set; }

    /// <summary>Darken starts by the steps they took.</summary>
    public bool ShadeBySteps { get; private set; } = true;

    /// <summary>Draw axes with ticks in the landscape's variables, the stationary points' ids, a legend and the hover panel over the map.</summary>
    public bool ShowOverlay
    {
        get => showOverlay;
        set
        {
            showOverlay = value;
            Version++;
        }
    }

    /// <summary>Whether the map is being dragged (a button held and moved past <see cref="ClickSlop"/>).</summary>
    public bool Dragging => pressedAt is not null && dragged;

    /// <summary>The basin-entropy overlay, cycled by M.</summary>
    public EntropyOverlay EntropyOverlay { get; } = new();

    /// <summary>What the cursor is over, in words.</summary>
    public string Hover { get; private set; } = "";

    /// <summary>What the cursor is over, for the panel in the window's corner; null before the cursor moved over the map.</summary>
    public HoverInfo? HoverPanel { get; private set; }

    /// <summary>A file the loop should save the next frame to, or null.</summary>
    public string? SaveRequest { get; private set; }

    /// <summary>Counts changes to what is drawn: a frame whose version was already drawn need not be drawn again.</summary>
    public long Version { get; private set; }

    /// <summary>Whether the user asked to quit.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>Whether the map on screen is the full-resolution map of the current view and settings.</summary>
    public bool Settled => computer.Settled && shown is { Final: true } && shown.Generation == computer.Requested;

    /// <summary>The window title: the problem, the view, progress, the hover text and the keys.</summary>
    public string Title
    {
        get
        {
            var culture = CultureInfo.InvariantCulture;
            string progress = computer.Error is { } error ? $"error: {error}"
                : shown is null ? "computing..."
                : !Settled ? $"refining (1/{shown.Divisor} shown)"
                : string.Create(culture, $"{shown.Map.Grid.Width}x{shown.Map.Grid.Height} in {shown.Seconds:0.00} s");
            string weights = manyWeights is null ? "" : $" | {manyWeights.Description}";
            return string.Create(culture,
                $"landscape view {info.Name}{weights} | {problem.Optimizer.Name} lr={problem.Optimizer.LearningRate:G4} {problem.Precision.ToString().ToLowerInvariant()} | " +
                $"zoom x{View.Magnification:G3} | {progress} | {Hover} | {KeyHelp}");
        }
    }

    /// <summary>Collects a newly computed map, if any; returns it so the caller can upload it.</summary>
    public ComputedMap? Update()
    {
        ComputedMap? next = computer.TakeLatest();
        if (next is not null)
        {
            shown = next;
            UpdateHover();
            Version++;
        }

        if (Path is not null && PathShown < Path.Points.Count)
        {
            PathShown = Math.Min(Path.Points.Count, PathShown + Math.Max(1, Path.Points.Count / 90));
            Version++;
        }

        return next;
    }

    /// <summary>What to draw this frame over the uploaded layer.</summary>
    public FrameStyle Style()
    {
        IReadOnlyList<Marker> path = [];
        if (Trajectory is not null)
        {
            // A 1-D descent slides down the cost curve: its height is its loss.
            path = Trajectory.Points.Select(p => new Marker(p.X, View.OneDimensional ? p.Loss : p.Y, MarkerShape.Dot)).ToList();
        }

        return new FrameStyle
        {
            View = View.Visible,
            ShadeByCounts = ShadeBySteps,
            Contours = Contours,
            Markers = shown is null || problem.Axes is not null ? [] : BasinScene.MarkersOf(shown.Map),
            Path = path,
            PathShown = PathShown,
        };
    }

    /// <summary>The loop saved the requested file.</summary>
    public void SaveDone() => SaveRequest = null;

    /// <inheritdoc/>
    public void OnCursorMoved(double x, double y)
    {
        Version++;
        if (pressedAt is { } start)
        {
            if (!dragged && Math.Abs(x - start.X) + Math.Abs(y - start.Y) > ClickSlop)
            {
                dragged = true;
                lastDrag = start;
            }

            if (dragged)
            {
                View.Pan(x - lastDrag.X, y - lastDrag.Y);
                lastDrag = (x, y);
            }
        }

        cursor = (x, y);
        cursorSeen = true;
        UpdateHover();
    }

    /// <inheritdoc/>
    public void OnMouseButton(MouseButton button, bool pressed)
    {
        Version++;
        if (button != MouseButton.Left)
        {
            return;
        }

        if (pressed)
        {
            pressedAt = cursor;
            dragged = false;
            return;
        }

        if (pressedAt is null)
        {
            return;
        }

        pressedAt = null;
        if (dragged)
        {
            RequestMap();
        }
        else if (problem.Axes is not null)
        {
            Console.Error.WriteLine("descent paths are drawn in the landscape's x,y plane: not on an axes map (--axes)");
        }
        else
        {
            (double x, double y) = View.ToWorld(cursor.X, cursor.Y);
            pathStart = (x, View.OneDimensional ? 0 : y);
            RecordPath();
        }
    }

    /// <inheritdoc/>
    public void OnScroll(double clicks)
    {
        Version++;
        if (clicks != 0 && View.ZoomAt(cursor.X, cursor.Y, Math.Pow(ZoomPerClick, clicks)))
        {
            RequestMap();
        }
    }

    /// <inheritdoc/>
    public void OnKey(Key key)
    {
        Version++;
        switch (key)
        {
            case Key.O:
                OptimizerKind next = NextOptimizer();
                // The settings map gives this optimizer on the home box (an axes map's: the landscape's), so that a map of what is seen agrees.
                ChangeOptimizer(OptimizerSettings.DefaultsFor(next, info.Defaults, problem.Axes?.LandscapeBox ?? homeBox));
                break;
            case Key.RightBracket:
                ChangeOptimizer(problem.Optimizer with { LearningRate = problem.Optimizer.LearningRate * LearningRateStep });
                break;
            case Key.LeftBracket:
                ChangeOptimizer(problem.Optimizer with { LearningRate = problem.Optimizer.LearningRate / LearningRateStep });
                break;
            case Key.Equal or Key.KeypadAdd or Key.Minus or Key.KeypadSubtract:
                double factor = key is Key.Equal or Key.KeypadAdd ? 2 : 0.5;
                if (View.ZoomAt(0.5 * View.Width, 0.5 * View.Height, factor))
                {
                    RequestMap();
                }

                break;
            case Key.C when problem.Axes is not null:
                Console.Error.WriteLine("contours of the loss are drawn in the landscape's x,y plane: not on an axes map (--axes)");
                break;
            case Key.C:
                Contours = !Contours;
                break;
            case Key.S:
                ShadeBySteps = !ShadeBySteps;
                break;
            case Key.L:
                ShowOverlay = !ShowOverlay;
                break;
            case Key.M:
                EntropyOverlay.Cycle();
                Console.Error.WriteLine(EntropyOverlay.Describe(shown));
                break;
            case Key.R:
                View.Reset();
                RequestMap();
                break;
            case Key.Space:
                Path = null;
                Trajectory = null;
                pathStart = null;
                break;
            case Key.P:
                SaveRequest = $"landscape-{info.Name}-{++savedCount}.png";
                break;
            case Key.H:
                Console.WriteLine(KeyHelp);
                break;
            case Key.Q or Key.Escape:
                QuitRequested = true;
                break;
        }
    }

    /// <inheritdoc/>
    public void OnResize(int width, int height)
    {
        Version++;
        if (width > 0 && height > 0 && (width != View.Width || height != View.Height))
        {
            View.Resize(width, height);
            RequestMap();
        }
    }

    // The next optimizer in order; on an axes map the next one that has both axes (momentum: momentum or nesterov).
    private OptimizerKind NextOptimizer()
    {
        int count = Enum.GetValues<OptimizerKind>().Length;
        for (int offset = 1; offset < count; offset++)
        {
            var kind = (OptimizerKind)(((int)problem.Optimizer.Kind + offset) % count);
            IReadOnlyList<MapAxis> valid = MapAxes.ValidAxes(info, kind);
            if (problem.Axes is not { } axes || (valid.Contains(axes.Horizontal) && valid.Contains(axes.Vertical)))
            {
                return kind;
            }
        }

        return problem.Optimizer.Kind;
    }

    private void ChangeOptimizer(OptimizerSettings settings)
    {
        problem = problem with { Optimizer = settings.Validated() };
        RequestMap();
        if (pathStart is not null)
        {
            RecordPath();
        }
    }

    private void RequestMap()
    {
        WorldRect visible = View.Visible;
        var box = View.OneDimensional ? new Box(visible.X0, visible.X1, 0, 0) : LogView.ToValues(visible, logarithmic);
        if (logarithmic != (false, false) && visible == homeView)
        {
            // The home view asks for the box as given: 10^log10(v) need not give v back to the last bit.
            box = homeBox;
        }

        problem = problem with { Grid = new GridSpec(box, View.Width, View.OneDimensional ? 1 : View.Height) };
        computer.Request(problem);
    }

    private void RecordPath()
    {
        (double x, double y) = pathStart!.Value;
        if (manyWeights is not null)
        {
            // The full descent in all trained weights; the path drawn is its projection on the free ones.
            Trajectory = manyWeights.Record(problem, x, y);
            Path = new RecordedDescent(Trajectory.Points.Select(p => (p.X, p.Y)).ToList(), Trajectory.Outcome, Trajectory.FirstStep);
        }
        else
        {
            Path = DescentPath.Record(problem, x, y);
            Trajectory = Trajectory.Of(Path, probe);
        }

        PathShown = View.OneDimensional ? 1 : Path.Points.Count;
    }

    private void UpdateHover()
    {
        if (shown is null)
        {
            Hover = "";
            HoverPanel = null;
            return;
        }

        HoverInfo? info = HoverInfo.Describe(shown, View, probe, cursor.X, cursor.Y);
        Hover = info?.Summary ?? "cursor outside the computed map";
        HoverPanel = cursorSeen ? info : null;
    }
}
