using LandscapeGpu.Descents;
using LandscapeGpu.Devices;

namespace LandscapeGpu.Tests.Devices;

/// <summary>Device text is parsed in one place; engines say what kind of processor they run on.</summary>
public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("cpu", DeviceChoice.Cpu)]
    [InlineData("ILGPU-CPU", DeviceChoice.IlgpuCpu)]
    [InlineData("auto", DeviceChoice.Auto)]
    public void Parse_OneName_IsThatDeviceAlone(string text, DeviceChoice expected)
    {
        DeviceSelection selection = DeviceSelection.Parse(text);
        Assert.False(selection.IsMultiple);
        Assert.Equal(expected, selection.Single);
    }

    [Fact]
    public void Parse_ListAndAll_AreMultipleAndHaveNoSingleDevice()
    {
        DeviceSelection list = DeviceSelection.Parse("cpu, ilgpu-cpu");
        Assert.Equal([DeviceChoice.Cpu, DeviceChoice.IlgpuCpu], list.Choices);
        var error = Assert.Throws<InvalidParameterException>(() => list.Single);
        Assert.Equal("device", error.Parameter);
        Assert.Contains("names several devices", error.Message, StringComparison.Ordinal);
        Assert.True(DeviceSelection.Parse("ALL").All);
    }

    [Fact]
    public void Parse_UnknownName_NamesItAndTheChoices()
    {
        var error = Assert.Throws<InvalidParameterException>(() => DeviceSelection.Parse("cpu,tpu"));
        Assert.Equal("unknown device 'tpu'; valid: auto, cuda, opencl, cpu, ilgpu-cpu, all, or a comma-separated list of them", error.Message);
    }

    [Fact]
    public void Create_CpuEngines_SayTheyRunOnTheCpu()
    {
        using IDescentEngine simd = EngineFactory.Create(DeviceChoice.Cpu), simulator = EngineFactory.Create(DeviceChoice.IlgpuCpu);
        Assert.Equal(EngineKind.Cpu, simd.Kind);
        Assert.Equal(EngineKind.CpuSimulator, simulator.Kind);
    }

    [Fact]
    public void CreateEngines_All_IsEveryGpuOrElseTheCpuEngine()
    {
        IReadOnlyList<IDescentEngine> engines = DeviceSelection.Parse("all").CreateEngines();
        try
        {
            Assert.NotEmpty(engines);
            Assert.True(engines.All(engine => engine.Kind == EngineKind.Gpu) || (engines.Count == 1 && engines[0].Kind == EngineKind.Cpu),
                string.Join("; ", engines.Select(engine => $"{engine.Kind}: {engine.Description}")));
        }
        finally
        {
            foreach (IDescentEngine engine in engines)
            {
                engine.Dispose();
            }
        }
    }
}
