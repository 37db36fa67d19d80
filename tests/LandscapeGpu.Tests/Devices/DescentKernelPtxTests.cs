using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes.BuiltIn;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// Both descent kernels (two starts per thread through the early-exit loop, four through the fixed-step loop) must
/// pass ILGPU's own compiler, which the CPU accelerator never runs: compiled to PTX here, no GPU needed.
/// </summary>
public sealed class DescentKernelPtxTests
{
    [Theory]
    [InlineData(nameof(DescentKernel.Run), typeof(Real32), typeof(GradientDescent<Real32>))]
    [InlineData(nameof(DescentKernel.Run), typeof(Real64), typeof(Adam<Real64>))]
    [InlineData(nameof(DescentKernel.RunFixed), typeof(Real32), typeof(Adam<Real32>))]
    [InlineData(nameof(DescentKernel.RunFixed), typeof(Real64), typeof(Newton<Real64>))]
    public void Kernel_ForHimmelblau_CompilesToPtxWithOneEntryPoint(string kernelName, Type number, Type optimizer)
    {
        using Context context = Context.Create(builder => builder.EnableAlgorithms().Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_70, null);
        var kernel = typeof(DescentKernel).GetMethod(kernelName)!.MakeGenericMethod(typeof(Himmelblau), optimizer, number);

        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), default);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(compiled.PTXAssembly, @"\.entry\b"));
        Assert.Contains(".target sm_80", compiled.PTXAssembly);
    }
}
