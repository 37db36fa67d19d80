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

/// <summary>Parsing and naming of <see cref="DeviceChoice"/>.</summary>
public static class DeviceChoices
{
    /// <summary>The command-line names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cuda", "opencl", "cpu", "ilgpu-cpu"];

    /// <summary>Parses a device name.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static DeviceChoice Parse(string name) => name.ToLowerInvariant() switch
    {
        "auto" => DeviceChoice.Auto,
        "cuda" => DeviceChoice.Cuda,
        "opencl" => DeviceChoice.OpenCL,
        "cpu" => DeviceChoice.Cpu,
        "ilgpu-cpu" => DeviceChoice.IlgpuCpu,
        _ => throw new ArgumentException($"unknown device '{name}'; valid: {string.Join(", ", Names)}", nameof(name)),
    };
}
