using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

using LandscapeGpu.Descents;

namespace LandscapeGpu.Devices;

/// <summary>
/// Creates engines: the one place devices are enumerated, contexts built and engines named. Explicit order (CUDA,
/// then OpenCL GPUs, then the CPU) rather than ILGPU's GetPreferredDevice, which sorts by memory size and can prefer
/// an OpenCL CPU runtime over a GPU.
/// </summary>
public static class EngineFactory
{
    /// <summary>Creates the engine for <paramref name="choice"/>.</summary>
    /// <exception cref="DeviceUnavailableException">An explicitly requested device is not present.</exception>
    public static IDescentEngine Create(DeviceChoice choice)
    {
        switch (choice)
        {
            case DeviceChoice.Cpu:
                return CreateSimd();
            case DeviceChoice.IlgpuCpu:
                return CreateIlgpuCpu();
        }

        Context context = CreateGpuContext();
        try
        {
            if (Gpus(context, choice).FirstOrDefault() is not { } device)
            {
                context.Dispose();
                return choice == DeviceChoice.Auto
                    ? CreateSimd()
                    : throw new DeviceUnavailableException(DeviceChoices.Name(choice),
                        $"{{device}} {DeviceChoices.Name(choice)}: no {(choice == DeviceChoice.Cuda ? "CUDA device (is the NVIDIA driver's libcuda.so.1 installed?)" : "OpenCL GPU")} was found; use {{device}} auto or cpu");
            }

            return CreateGpu(context, device, KindOf(device));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>One engine per CUDA device and OpenCL GPU, in that order, each with a context of its own; or the CPU engine where there is none.</summary>
    public static IReadOnlyList<IDescentEngine> CreateEveryGpu()
    {
        int count;
        using (Context probe = CreateGpuContext())
        {
            count = Gpus(probe, DeviceChoice.Auto).Count;
        }

        if (count == 0)
        {
            return [CreateSimd()];
        }

        var engines = new List<IDescentEngine>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                Context context = CreateGpuContext();
                try
                {
                    Device device = Gpus(context, DeviceChoice.Auto)[i];
                    engines.Add(CreateGpu(context, device, $"{KindOf(device)} {i}"));
                }
                catch
                {
                    context.Dispose();
                    throw;
                }
            }

            return engines;
        }
        catch
        {
            engines.ForEach(engine => engine.Dispose());
            throw;
        }
    }

    private static SimdDescentEngine CreateSimd() => new(width: SimdWidths.FromEnvironment());

    private static Context CreateGpuContext()
    {
        CudaLibraryResolver.Install();
        return Context.Create(builder => builder.Cuda().OpenCL().EnableAlgorithms().Optimize(OptimizationLevel.O2));
    }

    // The GPUs of a context that a choice may use: CUDA devices, OpenCL GPUs, or both in that order (auto). ILGPU's
    // device collections are ref-struct enumerables: copied to a list so that LINQ can read it.
    private static List<Device> Gpus(Context context, DeviceChoice choice)
    {
        var devices = new List<Device>();
        if (choice != DeviceChoice.OpenCL)
        {
            foreach (CudaDevice device in context.GetCudaDevices())
            {
                devices.Add(device);
            }
        }

        if (choice != DeviceChoice.Cuda)
        {
            foreach (CLDevice device in context.GetCLDevices())
            {
                if (device.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU)
                {
                    devices.Add(device);
                }
            }
        }

        return devices;
    }

    private static string KindOf(Device device) => device.AcceleratorType == AcceleratorType.Cuda ? "CUDA" : "OpenCL";

    private static IlgpuDescentEngine CreateGpu(Context context, Device device, string label) =>
        new(context, device.CreateAccelerator(context), $"{label}: {device.Name}", EngineKind.Gpu);

    private static IlgpuDescentEngine CreateIlgpuCpu()
    {
        // Two threads per warp, one warp per multiprocessor, a multiprocessor per core: the fastest
        // configuration of ILGPU's CPU accelerator measured on this kind of machine (shared NOTES.md).
        var device = new CPUDevice(2, 1, Environment.ProcessorCount);
        Context context = Context.Create(builder => builder.CPU(device).EnableAlgorithms().Optimize(OptimizationLevel.O2));
        try
        {
            return new IlgpuDescentEngine(context, device.CreateAccelerator(context), $"ILGPU CPU accelerator ({Environment.ProcessorCount} threads)", EngineKind.CpuSimulator);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }
}

/// <summary>A device that was asked for by name is not present on this machine: an invalid value of the device parameter here.</summary>
/// <param name="device">The device's name.</param>
/// <param name="template">Which device, and what to do instead, with the parameter written <c>{device}</c>.</param>
public sealed class DeviceUnavailableException(string device, string template) : InvalidParameterException("device", device, template);
