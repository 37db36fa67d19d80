using System.Runtime.InteropServices;
using LandscapeGpu.Rendering.Native;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// An OpenGL 3.3 core context with no window and no X server: EGL on Mesa's surfaceless platform. It has no
/// default framebuffer, so everything is drawn into an <see cref="OffscreenTarget"/>. Current on the creating thread.
/// </summary>
public sealed class HeadlessGlContext : IDisposable
{
    /// <summary>The packages a Debian machine needs for headless rendering.</summary>
    public const string Packages = "libegl1 libgl1-mesa-dri";

    private readonly nint display;
    private readonly nint context;
    private bool disposed;

    private HeadlessGlContext(nint display, nint context, GL gl)
    {
        this.display = display;
        this.context = context;
        Gl = gl;
    }

    /// <summary>The GL functions of this context.</summary>
    public GL Gl { get; }

    /// <summary>Creates a context and makes it current.</summary>
    /// <exception cref="GlUnavailableException">EGL or Mesa's drivers are missing.</exception>
    public static HeadlessGlContext Create()
    {
        if (!NativeLibrary.TryLoad(Egl.Library, out _))
        {
            throw new GlUnavailableException($"headless OpenGL needs {Egl.Library}, which was not found: install {Packages} (apt-get install {Packages})");
        }

        nint display = Egl.GetPlatformDisplay(Egl.PlatformSurfacelessMesa, 0, 0);
        if (display == 0 || Egl.Initialize(display, out _, out _) != Egl.True)
        {
            throw new GlUnavailableException($"EGL found no surfaceless Mesa display (EGL error 0x{Egl.GetError():X}): install {Packages}");
        }

        try
        {
            if (Egl.BindApi(Egl.OpenGlApi) != Egl.True)
            {
                throw new GlUnavailableException($"EGL cannot bind the desktop OpenGL API (EGL error 0x{Egl.GetError():X}): install {Packages}");
            }

            int[] configAttributes = [Egl.RenderableType, Egl.OpenGlBit, Egl.None];
            var configs = new nint[1];
            // With no matching config, Mesa still accepts a config-less context (EGL_KHR_no_config_context).
            nint config = Egl.ChooseConfig(display, configAttributes, configs, 1, out int found) == Egl.True && found > 0 ? configs[0] : 0;
            int[] contextAttributes =
            [
                Egl.ContextMajorVersion, 3, Egl.ContextMinorVersion, 3,
                Egl.ContextOpenGlProfileMask, Egl.ContextOpenGlCoreProfileBit, Egl.None,
            ];
            nint context = Egl.CreateContext(display, config, 0, contextAttributes);
            if (context == 0)
            {
                throw new GlUnavailableException($"EGL could not create an OpenGL 3.3 core context (EGL error 0x{Egl.GetError():X}): install {Packages}");
            }

            if (Egl.MakeCurrent(display, 0, 0, context) != Egl.True)
            {
                Egl.DestroyContext(display, context);
                throw new GlUnavailableException($"EGL could not make the context current (EGL error 0x{Egl.GetError():X})");
            }

            return new HeadlessGlContext(display, context, GL.GetApi(Egl.GetProcAddress));
        }
        catch
        {
            Egl.Terminate(display);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Gl.Dispose();
        Egl.MakeCurrent(display, 0, 0, 0);
        Egl.DestroyContext(display, context);
        // The display is shared by every context of the process, so it stays initialized.
    }
}
