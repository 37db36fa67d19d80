using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Tests.Devices;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

/// <summary>
/// A generated model struct inside an ILGPU kernel: one launch on the CPU accelerator over a binding of the model
/// (its data copied to the accelerator) gives the host's loss and gradient. The test sits in the ILGPU CPU collection,
/// so it never launches kernels while another test of the collection does; it uses its own accelerator.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class WeightModelKernelTests(IlgpuCpuEngineFixture fixture)
{
    // The CPU accelerator runs the kernel's IL through the same JIT as the host: the same operations in the same order.
    private const double KernelTolerance = 1e-14;

    [Theory]
    [InlineData("w2*tanh(w1*x)", "tanh", "w1,w2")]
    [InlineData("w3*tanh(w1*x + w2)", "tanh", "w1,w2,w3")]
    public void Kernel_OnTheCpuAccelerator_GivesTheHostsLossAndGradient(string model, string data, string trained)
    {
        WeightModelEntry entry = WeightModels.Create(WeightModelTests.Spec(model, data, trained, "", ResidualLossKind.LogCosh));
        var random = new Random(77);
        double[][] starts = Enumerable.Range(0, 64).Select(_ => WeightModelTests.RandomWeights(random, entry.Count)).ToArray();
        using Context context = Context.Create(builder => builder.CPU());
        using Accelerator accelerator = context.CreateCPUAccelerator(0);
        using WeightModelBinding binding = entry.BindTo(accelerator);
        double[] results = binding.Model.Accept(new KernelRun(accelerator, starts, entry.Count));
        for (int i = 0; i < starts.Length; i++)
        {
            double[] gradient = new double[entry.Count];
            entry.Function.Gradient(starts[i], gradient);
            double[] expected = [entry.Function.Loss(starts[i]), .. gradient, 0];
            for (int j = 0; j < expected.Length; j++)
            {
                double actual = results[i * 5 + j];
                Assert.True(Math.Abs(expected[j] - actual) <= KernelTolerance * Math.Max(1, Math.Abs(expected[j])), $"start {i}, output {j}: expected {expected[j]:R}, got {actual:R}");
            }
        }
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent)]
    [InlineData(OptimizerKind.Newton)]
    public void Descent_XorNetwork_SimdEngineAndIlgpuKernelAgree(OptimizerKind kind)
    {
        // The K-weight descent (SIMD lanes, and the ILGPU kernel over the model bound to the engine's accelerator) on
        // the generated 9-weight network, w1 and w5 on the grid, a fixed number of steps: the lanes fuse multiply-adds
        // the kernel's float64 does not, so the two agree to rounding, not bit for bit.
        WeightModelEntry entry = WeightModels.Create(new WeightModelSpec(WeightModelTests.Xor, DataSets.Load("xor")));
        double[] start = [0.5, -0.5, 0.1, -0.4, 0.6, -0.2, 0.3, 0.8, 0];
        var settings = new OptimizerSettings(kind, kind == OptimizerKind.Newton ? 1 : 0.5).Validated();
        WeightDescentProblem problem = new WeightDescentProblem(settings, new GridSpec(new Box(-2, 2, -2, 2), 5, 4), 40, 1e-9, Precision.F64,
            start, 0, 4, FixedSteps: true).Validated();
        using var simdEngine = new SimdDescentEngine();
        var simd = new WeightTileResult(20, 9);
        entry.Accept(new RunOn(simdEngine, problem, simd));
        var engine = (IlgpuDescentEngine)fixture.Engine;
        var kernel = new WeightTileResult(20, 9);
        using (WeightModelBinding binding = entry.BindTo(engine.Accelerator))
        {
            binding.Model.Accept(new RunOn(engine, problem, kernel));
        }

        Assert.Equal(simd.Outcomes, kernel.Outcomes);
        int finite = 0;
        for (int i = 0; i < simd.Endpoints.Length; i++)
        {
            if (double.IsFinite(simd.Endpoints[i]))
            {
                finite++;
                Assert.True(Math.Abs(simd.Endpoints[i] - kernel.Endpoints[i]) <= EngineTolerance * Math.Max(1, Math.Abs(simd.Endpoints[i])),
                    $"weight {i % 9} of start {i / 9}: SIMD {simd.Endpoints[i]:R}, kernel {kernel.Endpoints[i]:R}");
            }
        }

        Assert.True(finite > simd.Endpoints.Length / 2);

        // The descents lower the loss the generated code computes: every finite endpoint below its start's loss.
        double[] weights = new double[9];
        for (int cell = 0; cell < 20; cell++)
        {
            problem.StartAt(cell % 5, cell / 5, weights);
            double before = entry.Function.Loss(weights);
            double after = entry.Function.Loss(simd.Endpoints.AsSpan(cell * 9, 9));
            Assert.True(!double.IsFinite(after) || after <= before, $"start {cell}: loss {before} rose to {after}");
        }
    }

    // 40 steps of float64 descents whose multiply-adds are fused on one side only: rounding grows with the steps.
    private const double EngineTolerance = 1e-8;

    private sealed class RunOn(IWeightDescentEngine engine, WeightDescentProblem problem, WeightTileResult result) : IWeightModelVisitor<bool>
    {
        public bool Visit<TModel>(TModel model) where TModel : struct, IWeightModel
        {
            engine.Run(model, problem, problem.Grid.Whole, result);
            return true;
        }
    }

    // Per start: the loss, then the four entries of the gradient vector (those beyond K are zero).
    private static void Kernel<TModel>(Index1D index, TModel model, ArrayView<double> starts, ArrayView<double> results)
        where TModel : struct, IWeightModel
    {
        Weights4<Real64> weights = default;
        weights.W0 = new Real64(starts[index * 4]);
        weights.W1 = new Real64(starts[index * 4 + 1]);
        weights.W2 = new Real64(starts[index * 4 + 2]);
        weights.W3 = new Real64(starts[index * 4 + 3]);
        results[index * 5] = model.Loss<Real64, Weights4<Real64>>(weights).Value;
        model.Gradient<Real64, Weights4<Real64>>(weights, out Weights4<Real64> gradient);
        results[index * 5 + 1] = gradient.W0.Value;
        results[index * 5 + 2] = gradient.W1.Value;
        results[index * 5 + 3] = gradient.W2.Value;
        results[index * 5 + 4] = gradient.W3.Value;
    }

    private sealed class KernelRun(Accelerator accelerator, double[][] starts, int count) : IWeightModelVisitor<double[]>
    {
        public double[] Visit<TModel>(TModel model) where TModel : struct, IWeightModel
        {
            double[] packed = new double[starts.Length * 4];
            for (int i = 0; i < starts.Length; i++)
            {
                starts[i].CopyTo(packed, i * 4);
            }

            using MemoryBuffer1D<double, Stride1D.Dense> input = accelerator.Allocate1D(packed);
            using MemoryBuffer1D<double, Stride1D.Dense> output = accelerator.Allocate1D<double>(starts.Length * 5);
            accelerator.LoadAutoGroupedStreamKernel<Index1D, TModel, ArrayView<double>, ArrayView<double>>(Kernel)(starts.Length, model, input.View, output.View);
            accelerator.Synchronize();
            Assert.True(count <= 4);
            return output.GetAsArray1D();
        }
    }
}
