using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using LandscapeGpu.Arithmetic;
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
public sealed class WeightModelKernelTests
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
