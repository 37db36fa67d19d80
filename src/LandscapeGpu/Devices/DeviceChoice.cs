namespace LandscapeGpu.Devices;

/// <summary>Which device a run asks for.</summary>
public enum DeviceChoice
{
    /// <summary>CUDA, else an OpenCL GPU, else the CPU engine.</summary>
    Auto,

    /// <summary>The first CUDA device.</summary>
    Cuda,

    /// <summary>The first OpenCL GPU.</summary>
    OpenCL,

    /// <summary>The native SIMD CPU engine (<see cref="SimdDescentEngine"/>).</summary>
    Cpu,

    /// <summary>ILGPU's CPU accelerator: the kernel path, simulated on CPU threads; what tests run.</summary>
    IlgpuCpu,
}

/// <summary>The names of <see cref="DeviceChoice"/> (parsed by <see cref="DeviceSelection.Parse"/>).</summary>
public static class DeviceChoices
{
    /// <summary>The command-line names, in the order of <see cref="DeviceChoice"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cuda", "opencl", "cpu", "ilgpu-cpu"];

    /// <summary>The command-line name of <paramref name="choice"/>.</summary>
    public static string Name(DeviceChoice choice) => Names[(int)choice];
}

/// <summary>What kind of processor an engine runs on.</summary>
public enum EngineKind
{
    /// <summary>The native SIMD engine on the CPU's cores.</summary>
    Cpu,

    /// <summary>ILGPU's CPU accelerator: the kernel path simulated on the CPU's threads.</summary>
    CpuSimulator,

    /// <summary>A GPU (CUDA or OpenCL).</summary>
    Gpu,
}
