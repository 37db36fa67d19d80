using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// Host-readable memory for the data of model landscapes used in host code (float64 probes, the SIMD CPU engine):
/// buffers of one ILGPU CPU accelerator, created on first use and kept for the life of the process. Views of CPU
/// accelerator buffers are plain host memory, so a struct holding one reads it from any host thread.
/// </summary>
internal static class HostDataMemory
{
    private static readonly Lazy<Accelerator> Accelerator = new(CreateAccelerator, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A host-readable copy of <paramref name="values"/>; it lives as long as the returned buffer.</summary>
    public static MemoryBuffer1D<double, Stride1D.Dense> Copy(double[] values) => Accelerator.Value.Allocate1D(values);

    private static Accelerator CreateAccelerator()
    {
        // The smallest device ILGPU accepts (a warp is at least two threads): it only owns memory, it never runs kernels.
        var device = new CPUDevice(2, 1, 1);
        Context context = Context.Create(builder => builder.CPU(device));
        return device.CreateAccelerator(context);
    }
}
