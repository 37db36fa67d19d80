using System.Reflection;
using System.Runtime.InteropServices;
using ILGPU;

namespace LandscapeGpu.Devices;

/// <summary>
/// ILGPU imports the CUDA driver as "cuda", which on Linux resolves to libcuda.so only; driver-only hosts and
/// containers ship libcuda.so.1 alone, and ILGPU then silently finds no CUDA device. This resolver adds the
/// versioned name. It must be installed before the first <see cref="Context"/> is created.
/// </summary>
internal static class CudaLibraryResolver
{
    private static int installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Context).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another component already set a resolver for ILGPU; it is then theirs to find libcuda.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name == "cuda" && OperatingSystem.IsLinux())
        {
            foreach (string candidate in new[] { "libcuda.so", "libcuda.so.1" })
            {
                if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out IntPtr handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }
}
