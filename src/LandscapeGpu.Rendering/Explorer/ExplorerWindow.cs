using System.Diagnostics;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Figures;
using LandscapeGpu.Rendering.Gl;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Explorer;

/// <summary>Frame and recompute times of a view session.</summary>
/// <param name="Frames">Frames drawn.</param>
/// <param name="MeanFrameMilliseconds">Mean time to draw a frame (to glFinish), excluding the swap, over the frames drawn while no map was being computed (NaN if none).</param>
/// <param name="LastRecomputeSeconds">Time of the last full-resolution map, or NaN.</param>
/// <param name="LastGrid">Its grid, as WxH.</param>
/// <param name="LastLevels">Each level of the last request that reached the screen, coarse first: its grid and seconds.</param>
public readonly record struct ViewStatistics(int Frames, double MeanFrameMilliseconds, double LastRecomputeSeconds, string LastGrid, string LastLevels);

/// <summary>
/// The interactive view: a <see cref="GlWindow"/>, a <see cref="BasinRenderer"/> drawing into it, a
/// <see cref="BasinExplorer"/> receiving its input, and a <see cref="MapComputer"/> on a background thread. The
/// loop and every GL call run on the thread that created it.
/// </summary>
public sealed class ExplorerWindow : IDisposable
{
    private readonly GlWindow window;
    private BasinRenderer renderer;
    private BasinRenderer backdrop;
    private ComputedMap? onScreen;
    private ComputedMap? behind;
    private readonly OverlayImage axesImage;
    private readonly OverlayImage panelImage;
    private readonly OverlayImage lossImage;
    private object? drawnOverlay;
    private HoverInfo? drawnPanel;
    private Trajectory? drawnTrajectory;
    private readonly EntropyOverlayRenderer entropyRenderer;
    private readonly MapComputer computer;
    private readonly ForwardingInput input = new();
    private string title = "";
    private int frames;
    private int settledFrames;
    private double settledDrawSeconds;
    private ComputedMap? lastFinal;
    private readonly List<ComputedMap> lastLevels = [];
    private long drawnVersion = -1;
    private long lastDrawn;

    /// <summary>The hover panel's distance in pixels from the data area's bottom-left corner.</summary>
    public const int PanelInset = 8;

    /// <summary>An unchanged frame is still redrawn this often, in case the window system lost its pixels.</summary>
    public static readonly TimeSpan IdleRedraw = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Opens a <paramref name="width"/> x <paramref name="height"/> window exploring <paramref name="problem"/> (see
    /// <see cref="BasinExplorer"/>); <paramref name="levelFinished"/>, if given, hears of every level computed or
    /// abandoned, from the first (see <see cref="MapComputer.LevelFinished"/>). With <paramref name="manyWeights"/>,
    /// <paramref name="problem"/> is its 2-D slice and the maps and clicked descents run in all its trained weights.
    /// </summary>
    /// <exception cref="GlUnavailableException">No window could be opened.</exception>
    public ExplorerWindow(DescentProblem problem, int width, int height, Func<IDescentEngine> createEngine, Action<LevelTiming>? levelFinished = null,
        ManyWeightsView? manyWeights = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        window = new GlWindow(width, height, $"landscape view {problem.Landscape.Info.Name}", input);
        try
        {
            renderer = new BasinRenderer(window.Gl);
            backdrop = new BasinRenderer(window.Gl);
            axesImage = new OverlayImage(window.Gl);
            panelImage = new OverlayImage(window.Gl);
            lossImage = new OverlayImage(window.Gl);
            entropyRenderer = new EntropyOverlayRenderer(window.Gl);
            (int framebufferWidth, int framebufferHeight) = window.FramebufferSize;
            computer = new MapComputer(createEngine, manyWeights);
            if (levelFinished is not null)
            {
                computer.LevelFinished += levelFinished;
            }
            Explorer = new BasinExplorer(problem, framebufferWidth, framebufferHeight, computer, manyWeights);
            input.Target = Explorer;
        }
        catch
        {
            window.Dispose();
            throw;
        }
    }

    /// <summary>The input handler and view state (scripted input goes here, as the callbacks do).</summary>
    public BasinExplorer Explorer { get; }

    /// <summary>Frames drawn and their mean time, and the last recompute.</summary>
    public ViewStatistics Statistics => new(
        frames,
        settledFrames == 0 ? double.NaN : 1000 * settledDrawSeconds / settledFrames,
        lastFinal?.Seconds ?? double.NaN,
        lastFinal is null ? "" : $"{lastFinal.Map.Grid.Width}x{lastFinal.Map.Grid.Height}",
        string.Join(", ", lastLevels.Select(level => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{level.Map.Grid.Width}x{level.Map.Grid.Height} {level.Seconds:0.00} s"))));

    /// <summary>
    /// Where the loss-curve panel was drawn in the last frame (window pixels from the top-left corner; right and
    /// bottom exclusive), or null when it was not drawn.
    /// </summary>
    public ScottPlot.PixelRect? LossPanelRect { get; private set; }

    /// <summary>The engine computing the maps, once it exists.</summary>
    public string? Device => computer.Device;

    /// <summary>Whether the window should close.</summary>
    public bool Closing => window.ShouldClose || Explorer.QuitRequested;

    /// <summary>
    /// Handles pending input (waiting up to <paramref name="waitSeconds"/> for some), takes a new map if one is
    /// ready, and draws and shows a frame unless nothing changed since the last one; returns the frame's pixels
    /// when <paramref name="capture"/> is set. <paramref name="force"/> draws even an unchanged frame.
    /// </summary>
    public RgbImage? RenderFrame(double waitSeconds = 0, bool capture = false, bool force = false)
    {
        window.PollEvents(waitSeconds);
        if (Explorer.Update() is { } computed)
        {
            Take(computed);
            if (lastLevels.Count > 0 && lastLevels[0].Generation != computed.Generation)
            {
                lastLevels.Clear();
            }

            lastLevels.Add(computed);
            if (computed.Final)
            {
                lastFinal = computed;
            }
        }

        (int width, int height) = window.FramebufferSize;
        bool unchanged = Explorer.Version == drawnVersion && Explorer.SaveRequest is null && !capture && !force;
        if (unchanged && Stopwatch.GetElapsedTime(lastDrawn) < IdleRedraw)
        {
            return null;
        }

        drawnVersion = Explorer.Version;
        lastDrawn = Stopwatch.GetTimestamp();
        GL gl = window.Gl;
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        gl.ClearColor(0.98f, 0.98f, 0.98f, 1);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        RgbImage? image = null;
        if (renderer.Layer is not null && width > 0 && height > 0)
        {
            // Frames drawn while the worker computes share the CPU with it (llvmpipe draws on the CPU): timed apart.
            bool settled = Explorer.Settled;
            long start = Stopwatch.GetTimestamp();
            FrameStyle style = Explorer.Style();
            renderer.DrawMap(style, width, height);
            DrawBackdrop(style, width, height);
            renderer.DrawOverlay(style, width, height);
            if (Explorer.EntropyOverlay.Of(Explorer.Shown) is { } entropy)
            {
                entropyRenderer.Draw(entropy.Boxes, entropy.Covered, Explorer.View.Visible, width, height);
            }

            DrawOverlays(style, width, height);
            gl.Finish();
            if (settled)
            {
                settledDrawSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
                settledFrames++;
            }

            frames++;
            if (capture || Explorer.SaveRequest is not null)
            {
                image = FramebufferReader.Read(gl, width, height);
            }
        }

        if (Explorer.SaveRequest is { } file && image is not null)
        {
            SaveImage(image, file);
            Console.Error.WriteLine($"saved {file}");
            Explorer.SaveDone();
        }

        window.SwapBuffers();
        string next = Explorer.Title;
        if (next != title)
        {
            title = next;
            window.SetTitle(title);
        }

        return image;
    }

    /// <summary>
    /// Whether the last frame drew the previous view's finer map over the current view's coarse level, where the two
    /// overlap (see <see cref="Take"/>).
    /// </summary>
    public bool BackdropShown { get; private set; }

    /// <summary>
    /// Uploads <paramref name="computed"/>. When it is the first level of a new view of the same problem (a pan or a
    /// zoom), the map it replaces on screen is kept, if it is finer than the one already kept, in a second renderer:
    /// <see cref="DrawBackdrop"/> draws it over the new view's coarse levels where the two overlap, so that a pan shows
    /// the detail already computed and only the newly exposed margins coarse, until the new view's own levels are as fine.
    /// </summary>
    private void Take(ComputedMap computed)
    {
        if (behind is not null && !CanStandBehind(behind, computed))
        {
            behind = null;
        }

        if (onScreen is not null && onScreen.Generation != computed.Generation && CanStandBehind(onScreen, computed)
            && (behind is null || CellWidth(onScreen) <= CellWidth(behind)))
        {
            (renderer, backdrop) = (backdrop, renderer);
            behind = onScreen;
        }

        renderer.Upload(computed.Layer);
        onScreen = computed;
        if (computed.Final)
        {
            behind = null;
        }
    }

    // An earlier map may stand behind a newer one only for the same problem on another part of the plane: not across
    // a change of optimizer or learning rate, whose map differs everywhere. A 1-D scene's curve is drawn whole.
    private static bool CanStandBehind(ComputedMap earlier, ComputedMap later) =>
        !later.Layer.OneDimensional && earlier.Map.Problem == (later.Map.Problem with { Grid = earlier.Map.Problem.Grid });

    private static double CellWidth(ComputedMap map) => map.Layer.Extent.Width / map.Layer.Width;

    /// <summary>Draws the kept map (see <see cref="Take"/>) over its part of the window while the map on screen is coarser.</summary>
    private void DrawBackdrop(FrameStyle style, int width, int height)
    {
        BackdropShown = false;
        if (behind is null || onScreen is null || CellWidth(onScreen) <= CellWidth(behind) * (1 + 1e-9))
        {
            return;
        }

        ViewState view = Explorer.View;
        WorldRect extent = behind.Layer.Extent;
        (double left, double top) = view.ToPixel(extent.X0, extent.Y1);
        (double right, double bottom) = view.ToPixel(extent.X1, extent.Y0);
        int x0 = (int)Math.Clamp(Math.Round(left), 0, width), x1 = (int)Math.Clamp(Math.Round(right), 0, width);
        int y0 = (int)Math.Clamp(Math.Round(top), 0, height), y1 = (int)Math.Clamp(Math.Round(bottom), 0, height);
        if (x1 <= x0 || y1 <= y0)
        {
            return;
        }

        GL gl = window.Gl;
        gl.Enable(EnableCap.ScissorTest);
        // GL counts rows from the bottom.
        gl.Scissor(x0, height - y1, (uint)(x1 - x0), (uint)(y1 - y0));
        backdrop.DrawMap(style, width, height);
        gl.Disable(EnableCap.ScissorTest);
        BackdropShown = true;
    }

    /// <summary>
    /// The axes, ids and legend and the hover panel, when <see cref="BasinExplorer.ShowOverlay"/> and no drag is in
    /// progress: each drawn again into its picture only when what it shows changed.
    /// </summary>
    private void DrawOverlays(FrameStyle style, int width, int height)
    {
        LossPanelRect = null;
        ViewState view = Explorer.View;
        if (view.Width != width || view.Height != height || Explorer.Shown is not { } shown)
        {
            // The resize has not reached the view yet: its axes would not fit this frame.
            return;
        }

        // While a drag moves the map the overlay is left out: drawing its axes anew for every move would slow the drag.
        if (Explorer.ShowOverlay && !Explorer.Dragging)
        {
            (double Bottom, double Top) curveRange = renderer.CurveRangeOf(style);
            var key = (view.Visible, width, height, shown, Explorer.ShadeBySteps, curveRange);
            OverlayAxes axes = ViewOverlay.AxesOf(view, ViewOverlay.AxisNamesOf(shown.Map.Problem), curveRange, LogView.AxesOf(shown.Map.Problem));
            if (!key.Equals(drawnOverlay))
            {
                bool oneDimensional = view.OneDimensional;
                // On an axes map (lr against momentum) the stationary points live in another plane: no ids on the map.
                var labels = FigureLegend.Listed(shown.Map.Problem.Axes is null ? shown.Map.Attractors : [])
                    .Select(point => (point.X, oneDimensional ? point.Loss : point.Y, shown.StableIds[point.Id].ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .ToList();
                axesImage.Upload(ViewOverlay.Draw(width, height, axes, ViewOverlay.LegendOf(shown, Explorer.ShadeBySteps), labels), width, height);
                drawnOverlay = key;
            }

            axesImage.Draw(0, 0, height);
            if (Explorer.HoverPanel is { } hover)
            {
                if (!ReferenceEquals(hover, drawnPanel))
                {
                    (byte[] pixels, int panelWidth, int panelHeight) = ViewOverlay.DrawPanel(hover.Lines);
                    panelImage.Upload(pixels, panelWidth, panelHeight);
                    drawnPanel = hover;
                }

                // The bottom-left corner of the map: the legend takes the top-right one.
                panelImage.Draw((int)axes.DataArea.Left + PanelInset, Math.Max(0, (int)axes.DataArea.Bottom - PanelInset - panelImage.Height), height);
            }

            if (Explorer.Trajectory is { } trajectory)
            {
                if (!ReferenceEquals(trajectory, drawnTrajectory))
                {
                    lossImage.Upload(LossCurvePanel.Draw(LossCurve.Of(trajectory)), LossCurvePanel.Width, LossCurvePanel.Height);
                    drawnTrajectory = trajectory;
                }

                // A 1-D path is drawn on the cost curve, at the height of its loss over the curve's range.
                var pathPixels = trajectory.Points.Select(p => view.OneDimensional
                    ? (view.ToPixel(p.X, 0).X, (1 - FrameStyle.StripHeight - (1 - FrameStyle.StripHeight) * (p.Loss - curveRange.Bottom) / (curveRange.Top - curveRange.Bottom)) * height)
                    : view.ToPixel(p.X, p.Y)).ToList();
                (int left, int top) = LossCurvePanel.Place(axes.DataArea, pathPixels, PanelInset);
                lossImage.Draw(left, top, height);
                LossPanelRect = new ScottPlot.PixelRect(left, left + lossImage.Width, top + lossImage.Height, top);
            }
        }

        window.Gl.Viewport(0, 0, (uint)width, (uint)height);
    }

    /// <summary>
    /// Draws frames until the full-resolution map of the current view is on screen and <paramref name="frames"/>
    /// more were drawn, then returns the last frame's pixels.
    /// </summary>
    /// <exception cref="TimeoutException">The map did not settle within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">Computing the map failed.</exception>
    public RgbImage RenderSettled(int frames, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var clock = Stopwatch.StartNew();
        int afterSettled = 0;
        while (true)
        {
            bool settled = Explorer.Settled;
            RgbImage? image = RenderFrame(settled ? 0 : 0.02, capture: settled && afterSettled + 1 >= frames, force: settled);
            if (computer.Error is { } error)
            {
                throw new InvalidOperationException($"computing the map failed: {error}");
            }

            if (settled && ++afterSettled >= frames && image is not null)
            {
                return image;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the map did not finish within {timeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>Runs until the window is closed or Q or Esc is pressed.</summary>
    public void Run()
    {
        while (!Closing)
        {
            // Wait for input briefly when nothing moves, so an idle window costs little; keep drawing while refining.
            bool busy = !Explorer.Settled || (Explorer.Path is { } path && Explorer.PathShown < path.Points.Count);
            RenderFrame(busy ? 0.01 : 0.05);
        }
    }

    /// <summary>
    /// Writes <paramref name="image"/> as a PNG to <paramref name="path"/>, through a fresh temporary name
    /// (<see cref="Runs.Tiled.AtomicFile"/>): never half-written, and never through a link planted beside it.
    /// </summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveImage(RgbImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        Runs.Tiled.AtomicFile.Write(path, stream => PngFile.Write(stream, image));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The window goes first, so that quitting is immediate even while a map level is still computing.
        entropyRenderer?.Dispose();
        panelImage?.Dispose();
        lossImage?.Dispose();
        axesImage?.Dispose();
        renderer?.Dispose();
        backdrop?.Dispose();
        window.Dispose();
        computer?.Dispose();
    }

    // The window exists before the explorer (which needs its size): callbacks go through this until it does.
    private sealed class ForwardingInput : IWindowInput
    {
        public IWindowInput? Target { get; set; }

        public void OnCursorMoved(double x, double y) => Target?.OnCursorMoved(x, y);

        public void OnMouseButton(MouseButton button, bool pressed) => Target?.OnMouseButton(button, pressed);

        public void OnScroll(double clicks) => Target?.OnScroll(clicks);

        public void OnKey(Key key) => Target?.OnKey(key);

        public void OnResize(int width, int height) => Target?.OnResize(width, height);
    }
}
