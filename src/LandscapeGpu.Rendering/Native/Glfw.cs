using System.Runtime.InteropServices;

namespace LandscapeGpu.Rendering.Native;

/// <summary>
/// The few GLFW 3.3 entry points the view needs, imported from <c>libglfw.so.3</c> by its full name (the short
/// name exists only where the -dev package is installed). Every call must come from the thread that called
/// <see cref="Init"/>.
/// </summary>
internal static partial class Glfw
{
    public const string Library = "libglfw.so.3";

    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGlProfile = 0x00022008;
    public const int OpenGlCoreProfile = 0x00032001;
    public const int Resizable = 0x00020003;
    public const int Visible = 0x00020004;

    public const int Release = 0;
    public const int Press = 1;
    public const int Repeat = 2;

    public const int MouseButtonLeft = 0;
    public const int MouseButtonRight = 1;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ErrorCallback(int code, nint description);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void CursorPosCallback(nint window, double x, double y);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void MouseButtonCallback(nint window, int button, int action, int mods);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ScrollCallback(nint window, double offsetX, double offsetY);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void KeyCallback(nint window, int key, int scancode, int action, int mods);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void FramebufferSizeCallback(nint window, int width, int height);

    [LibraryImport(Library, EntryPoint = "glfwInit")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "glfwTerminate")]
    public static partial void Terminate();

    [LibraryImport(Library, EntryPoint = "glfwSetErrorCallback")]
    public static partial nint SetErrorCallback(nint callback);

    [LibraryImport(Library, EntryPoint = "glfwWindowHint")]
    public static partial void WindowHint(int hint, int value);

    [LibraryImport(Library, EntryPoint = "glfwCreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(Library, EntryPoint = "glfwDestroyWindow")]
    public static partial void DestroyWindow(nint window);

    [LibraryImport(Library, EntryPoint = "glfwMakeContextCurrent")]
    public static partial void MakeContextCurrent(nint window);

    [LibraryImport(Library, EntryPoint = "glfwGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Library, EntryPoint = "glfwSwapBuffers")]
    public static partial void SwapBuffers(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSwapInterval")]
    public static partial void SwapInterval(int interval);

    [LibraryImport(Library, EntryPoint = "glfwPollEvents")]
    public static partial void PollEvents();

    [LibraryImport(Library, EntryPoint = "glfwWaitEventsTimeout")]
    public static partial void WaitEventsTimeout(double seconds);

    [LibraryImport(Library, EntryPoint = "glfwWindowShouldClose")]
    public static partial int WindowShouldClose(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowShouldClose")]
    public static partial void SetWindowShouldClose(nint window, int value);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowTitle", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetWindowTitle(nint window, string title);

    [LibraryImport(Library, EntryPoint = "glfwGetFramebufferSize")]
    public static partial void GetFramebufferSize(nint window, out int width, out int height);

    [LibraryImport(Library, EntryPoint = "glfwSetCursorPosCallback")]
    public static partial nint SetCursorPosCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetMouseButtonCallback")]
    public static partial nint SetMouseButtonCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetScrollCallback")]
    public static partial nint SetScrollCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetKeyCallback")]
    public static partial nint SetKeyCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetFramebufferSizeCallback")]
    public static partial nint SetFramebufferSizeCallback(nint window, nint callback);
}
