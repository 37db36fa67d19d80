using System.Runtime.InteropServices;

namespace LandscapeGpu.Rendering.Native;

/// <summary>
/// The EGL 1.5 entry points for a headless OpenGL context on Mesa's surfaceless platform, imported from
/// <c>libEGL.so.1</c> by its full name (the short name exists only where the -dev package is installed).
/// </summary>
internal static partial class Egl
{
    public const string Library = "libEGL.so.1";

    public const int PlatformSurfacelessMesa = 0x31DD;
    public const int OpenGlApi = 0x30A2;
    public const int True = 1;
    public const int None = 0x3038;
    public const int Success = 0x3000;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x00000001;
    public const int SurfaceType = 0x3033;
    public const int PbufferBit = 0x0001;
    public const int RenderableType = 0x3040;
    public const int OpenGlBit = 0x0008;

    [LibraryImport(Library, EntryPoint = "eglGetPlatformDisplay")]
    public static partial nint GetPlatformDisplay(int platform, nint nativeDisplay, nint attributes);

    [LibraryImport(Library, EntryPoint = "eglInitialize")]
    public static partial int Initialize(nint display, out int major, out int minor);

    [LibraryImport(Library, EntryPoint = "eglTerminate")]
    public static partial int Terminate(nint display);

    [LibraryImport(Library, EntryPoint = "eglBindAPI")]
    public static partial int BindApi(int api);

    [LibraryImport(Library, EntryPoint = "eglChooseConfig")]
    public static partial int ChooseConfig(nint display, int[] attributes, nint[] configs, int size, out int count);

    [LibraryImport(Library, EntryPoint = "eglCreateContext")]
    public static partial nint CreateContext(nint display, nint config, nint shareContext, int[] attributes);

    [LibraryImport(Library, EntryPoint = "eglDestroyContext")]
    public static partial int DestroyContext(nint display, nint context);

    [LibraryImport(Library, EntryPoint = "eglMakeCurrent")]
    public static partial int MakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(Library, EntryPoint = "eglGetError")]
    public static partial int GetError();

    [LibraryImport(Library, EntryPoint = "eglGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);
}
