using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace LandscapeGpu.Devices;

/// <summary>
/// Chooses and creates the engine for a <see cref="DeviceChoice"/>: the one place devices are chosen.
/// Explicit order (CUDA, then OpenCL GPUs, then CPU) rather than ILGPU's GetPreferredDevice, which sorts by
/// memory size and can prefer an OpenCL CPU runtime over a GPU.
/// </summary>
public static class EngineFactory
{
    /// <summary>Creates the engine for <paramref name="choice"/>.</summary>
    /// <exception cref="DeviceUnavailableException">An explicitly requested device is not present.</exception>
    public static IDescentEngine Create(DeviceChoice choice)
    {
        if (choice == DeviceChoice.Cpu)
        {
            return new SimdDescentEngine(width: SimdWidths.FromEnvironment());
        }

        if (choice == DeviceChoice.IlgpuCpu)
        {
            return CreateIlgpuCpu();
        }

        CudaLibraryResolver.Install();
        Context context = Context.Create(builder => builder.Cuda().OpenCL().EnableAlgorithms().Optimize(OptimizationLevel.O2));
        try
        {
            Device? device = choice switch
            {
                DeviceChoice.Cuda => CudaDevices(context).FirstOrDefault(),
                DeviceChoice.OpenCL => OpenClGpus(context).FirstOrDefault(),
                _ => (Device?)CudaDevices(context).FirstOrDefault() ?? OpenClGpus(context).FirstOrDefault(),
            };
            if (device is null)
            {
                context.Dispose();
                return choice == DeviceChoice.Auto
                    ? new SimdDescentEngine(width: SimdWidths.FromEnvironment())
                    : throw new DeviceUnavailableException(
                        $"--device {DeviceChoices.Names[(int)choice]}: no {(choice == DeviceChoice.Cuda ? "CUDA device (is the NVIDIA driver's libcuda.so.1 installed?)" : "OpenCL GPU")} was found; use --device auto or cpu");
            }

            string kind = device.AcceleratorType == AcceleratorType.Cuda ? "CUDA" : "OpenCL";
            return new IlgpuDescentEngine(context, device.CreateAccelerator(context), $"{kind}: {device.Name}");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    // ILGPU's device collections are ref-struct enumerables: copied to lists so that LINQ can read them.
    private static List<Device> CudaDevices(Context context)
    {
        var devices = new List<Device>();
        foreach (CudaDevice device in context.GetCudaDevices())
        {
            devices.Add(device);
        }

        return devices;
    }

    private static List<Device> OpenClGpus(Context context)
    {
        var devices = new List<Device>();
        foreach (CLDevice device in context.GetCLDevices())
        {
            if (device.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU)
            {
                devices.Add(device);
            }
        }

        return devices;
    }

    private static IlgpuDescentEngine CreateIlgpuCpu()
    {
        // Two threads per warp, one warp per multiprocessor, a multiprocessor per core: the fastest
        // configuration of ILGPU's CPU accelerator measured on this kind of machine (shared NOTES.md).
        var device = new CPUDevice(2, 1, Environment.ProcessorCount);
        Context context = Context.Create(builder => builder.CPU(device).EnableAlgorithms().Optimize(OptimizationLevel.O2));
        try
        {
            return new IlgpuDescentEngine(context, device.CreateAccelerator(context), $"ILGPU CPU accelerator ({Environment.ProcessorCount} threads)");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }
}

/// <summary>A device that was asked for by name is not present on this machine.</summary>
/// <param name="message">Which device, and what to do instead.</param>
public sealed class DeviceUnavailableException(string message) : Exception(message);
