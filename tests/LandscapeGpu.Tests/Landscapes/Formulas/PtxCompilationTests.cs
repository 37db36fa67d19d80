using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

/// <summary>
/// ILGPU's CPU accelerator runs kernels as .NET code, so it never shows whether ILGPU's own compiler accepts a
/// landscape. These tests compile the descent kernel to PTX (no GPU needed) for formula and model landscapes.
/// </summary>
public sealed class PtxCompilationTests
{
    [Theory]
    [InlineData("(x^2+y-11)^2 + (x+y^2-7)^2")]
    [InlineData("sigmoid(x)*softplus(y) + relu(x-y) - min(x, y)^3 + max(abs(x), tan(y)) + pow(x, y) + x^-2 + sqrt(exp(x)) / log(2+y^2)")]
    public void DescentKernel_ForAFormula_CompilesToPtx(string formula)
    {
        string ptx = CompileDescentKernel(FormulaLandscapes.Parse(formula), typeof(Real32), typeof(Newton<Real32>));
        Assert.Contains(".entry", ptx);
    }

    [Fact]
    public void DescentKernel_ForAModelOverData_CompilesToPtx()
    {
        LandscapeEntry model = ModelLandscapes.Create(new ModelSpec("w2*tanh(w1*x)", DataSets.Load("tanh"), ResidualLossKind.LogCosh));
        string ptx = CompileDescentKernel(model, typeof(Real64), typeof(Adam<Real64>));
        Assert.Contains(".entry", ptx);
    }

    private static string CompileDescentKernel(LandscapeEntry entry, Type number, Type optimizer)
    {
        using Context context = Context.Create(builder => builder.EnableAlgorithms().Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_70, null);
        Type landscape = entry.Accept(new TypeOf());
        var kernel = typeof(DescentKernel).GetMethod(nameof(DescentKernel.Run))!.MakeGenericMethod(landscape, optimizer, number);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), default);
        return compiled.PTXAssembly;
    }

    private sealed class TypeOf : ILandscapeVisitor<Type>
    {
        public Type Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape => typeof(TLandscape);
    }
}
