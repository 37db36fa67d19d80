using System.Runtime.InteropServices;
using LandscapeGpu.Rendering.Native;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// A GLFW window with an OpenGL 3.3 core context, current on the creating thread, which must also run
/// <see cref="PollEvents"/> and every GL call. Input callbacks are forwarded to an <see cref="IWindowInput"/>.
/// </summary>
public sealed class GlWindow : IDisposable
{
    /// <summary>The packages a Debian machine needs for the window.</summary>
    public const string Packages = "libglfw3 libgl1-mesa-dri";

    private static int openWindows;

    private readonly nint window;

    // Native code holds only function pointers: these fields keep the delegates alive as long as the window.
    private readonly Glfw.CursorPosCallback cursorCallback;
    private readonly Glfw.MouseButtonCallback buttonCallback;
    private readonly Glfw.ScrollCallback scrollCallback;
    private readonly Glfw.KeyCallback keyCallback;
    private readonly Glfw.FramebufferSizeCallback resizeCallback;
    private bool disposed;

    /// <summary>Opens a window of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <exception cref="GlUnavailableException">GLFW is missing, there is no display, or no OpenGL 3.3 context.</exception>
    public GlWindow(int width, int height, string title, IWindowInput input)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(input);
        if (!NativeLibrary.TryLoad(Glfw.Library, out _))
        {
            throw new GlUnavailableException($"the window needs {Glfw.Library}, which was not found: install {Packages} (apt-get install {Packages})");
        }

        if (Glfw.Init() == 0)
        {
            string display = Environment.GetEnvironmentVariable("DISPLAY") ?? "";
            throw new GlUnavailableException(display.Length == 0
                ? "no display to open a window on (DISPLAY is not set): run under X, or under Xvfb with 'xvfb-run -a landscape view ...' (apt-get install xvfb xauth); 'landscape map --renderer gl' needs no display"
                : $"GLFW could not open display '{display}': is the X server running? (for a virtual one: apt-get install xvfb xauth, then xvfb-run -a)");
        }

        Glfw.WindowHint(Glfw.ContextVersionMajor, 3);
        Glfw.WindowHint(Glfw.ContextVersionMinor, 3);
        // Not forward-compatible: that would forbid the wide lines the descent path is drawn with.
        Glfw.WindowHint(Glfw.OpenGlProfile, Glfw.OpenGlCoreProfile);
        window = Glfw.CreateWindow(width, height, title, 0, 0);
        if (window == 0)
        {
            if (openWindows == 0)
            {
                Glfw.Terminate();
            }

            throw new GlUnavailableException($"GLFW could not create an OpenGL 3.3 core window: install {Packages}");
        }

        openWindows++;
        Glfw.MakeContextCurrent(window);
        Glfw.SwapInterval(1);
        Gl = GL.GetApi(Glfw.GetProcAddress);

        cursorCallback = (_, x, y) => input.OnCursorMoved(x, y);
        buttonCallback = (_, button, action, _) => input.OnMouseButton((MouseButton)button, action != Glfw.Release);
        scrollCallback = (_, _, offsetY) => input.OnScroll(offsetY);
        keyCallback = (_, key, _, action, _) =>
        {
            if (action != Glfw.Release)
            {
                input.OnKey(Enum.IsDefined((Key)key) ? (Key)key : Key.Unknown);
            }
        };
        resizeCallback = (_, w, h) => input.OnResize(w, h);
        Glfw.SetCursorPosCallback(window, Marshal.GetFunctionPointerForDelegate(cursorCallback));
        Glfw.SetMouseButtonCallback(window, Marshal.GetFunctionPointerForDelegate(buttonCallback));
        Glfw.SetScrollCallback(window, Marshal.GetFunctionPointerForDelegate(scrollCallback));
        Glfw.SetKeyCallback(window, Marshal.GetFunctionPointerForDelegate(keyCallback));
        Glfw.SetFramebufferSizeCallback(window, Marshal.GetFunctionPointerForDelegate(resizeCallback));
    }

    /// <summary>The GL functions of this window's context.</summary>
    public GL Gl { get; }

    /// <summary>Whether the user asked to close the window (or <see cref="Close"/> was called).</summary>
    public bool ShouldClose => Glfw.WindowShouldClose(window) != 0;

    /// <summary>The drawable size in pixels.</summary>
    public (int Width, int Height) FramebufferSize
    {
        get
        {
            Glfw.GetFramebufferSize(window, out int width, out int height);
            return (width, height);
        }
    }

    /// <summary>Sets the title bar text.</summary>
    public void SetTitle(string title) => Glfw.SetWindowTitle(window, title);

    /// <summary>Asks the loop to end.</summary>
    public void Close() => Glfw.SetWindowShouldClose(window, 1);

    /// <summary>Runs pending input callbacks, waiting at most <paramref name="seconds"/> for one to arrive.</summary>
    public void PollEvents(double seconds = 0)
    {
        if (seconds > 0)
        {
            Glfw.WaitEventsTimeout(seconds);
        }
        else
        {
            Glfw.PollEvents();
        }
    }

    /// <summary>Shows what was drawn.</summary>
    public void SwapBuffers() => Glfw.SwapBuffers(window);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Gl.Dispose();
        Glfw.DestroyWindow(window);
        if (--openWindows == 0)
        {
            Glfw.Terminate();
        }
    }
}
