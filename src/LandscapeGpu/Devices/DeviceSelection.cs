using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace LandscapeGpu.Devices;

/// <summary>
/// The devices a run uses at once: one <see cref="DeviceChoice"/>, a comma-separated list of them (one engine
/// each, e.g. <c>cuda,cpu</c>), or <c>all</c>: every CUDA device and OpenCL GPU, each its own engine, or the CPU
/// engine where there is none.
/// </summary>
public sealed record DeviceSelection
{
    private DeviceSelection(bool all, IReadOnlyList<DeviceChoice> choices)
    {
        All = all;
        Choices = choices;
    }

    /// <summary>True for <c>all</c>.</summary>
    public bool All { get; }

    /// <summary>The devices listed (empty for <c>all</c>).</summary>
    public IReadOnlyList<DeviceChoice> Choices { get; }

    /// <summary>Whether this may give more than one engine.</summary>
    public bool IsMultiple => All || Choices.Count > 1;

    /// <summary>Parses <c>all</c>, a device name, or a comma-separated list of device names.</summary>
    /// <exception cref="ArgumentException">A name is unknown.</exception>
    public static DeviceSelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceSelection(true, []);
        }

        var choices = new List<DeviceChoice>();
        foreach (string name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            try
            {
                choices.Add(DeviceChoices.Parse(name));
            }
            catch (ArgumentException)
            {
                throw new ArgumentException(
                    $"unknown device '{name}'; valid: {string.Join(", ", DeviceChoices.Names)}, all, or a comma-separated list of them", nameof(text));
            }
        }

        return new DeviceSelection(false, choices);
    }

    /// <summary>Creates one engine per selected device; disposes those already made if one fails.</summary>
    /// <exception cref="DeviceUnavailableException">A device asked for by name is not present.</exception>
    public IReadOnlyList<IDescentEngine> CreateEngines()
    {
        var engines = new List<IDescentEngine>();
        try
        {
            if (All)
            {
                engines.AddRange(CreateEveryGpu());
                if (engines.Count == 0)
                {
                    engines.Add(EngineFactory.Create(DeviceChoice.Cpu));
                }
            }
            else
            {
                foreach (DeviceChoice choice in Choices)
                {
                    engines.Add(EngineFactory.Create(choice));
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

    // One context per engine: each engine owns (and disposes) its context.
    private static List<IDescentEngine> CreateEveryGpu()
    {
        CudaLibraryResolver.Install();
        int count;
        using (Context probe = Context.Create(builder => builder.Cuda().OpenCL()))
        {
            count = Gpus(probe).Count;
        }

        var engines = new List<IDescentEngine>();
        for (int i = 0; i < count; i++)
        {
            Context context = Context.Create(builder => builder.Cuda().OpenCL().EnableAlgorithms().Optimize(OptimizationLevel.O2));
            try
            {
                Device device = Gpus(context)[i];
                string kind = device.AcceleratorType == AcceleratorType.Cuda ? "CUDA" : "OpenCL";
                engines.Add(new IlgpuDescentEngine(context, device.CreateAccelerator(context), $"{kind} {i}: {device.Name}"));
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }

        return engines;
    }

    private static List<Device> Gpus(Context context)
    {
        var devices = new List<Device>();
        foreach (CudaDevice device in context.GetCudaDevices())
        {
            devices.Add(device);
        }

        foreach (CLDevice device in context.GetCLDevices())
        {
            if (device.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU)
            {
                devices.Add(device);
            }
        }

        return devices;
    }
}
