using LandscapeGpu.Devices;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// One ILGPU CPU accelerator shared by every test that runs the kernel path: creating a context and compiling
/// kernels is the slow part, so tests in the "ilgpu-cpu" collection reuse the same engine (and its kernel cache).
/// </summary>
public sealed class IlgpuCpuEngineFixture : IDisposable
{
    public IDescentEngine Engine { get; } = EngineFactory.Create(DeviceChoice.IlgpuCpu);

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class IlgpuCpuCollection : ICollectionFixture<IlgpuCpuEngineFixture>
{
    public const string Name = "ilgpu-cpu";
}
