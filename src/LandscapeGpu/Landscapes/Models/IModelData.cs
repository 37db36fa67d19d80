using ILGPU;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// A model struct that reads its data set through an ILGPU view (a generated model, see
/// <see cref="Formulas.Emitted.ModelEmitter"/>): the same struct over host memory for the CPU, or over an
/// accelerator's copy for its kernels.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface IModelData<TSelf> where TSelf : struct, IModelData<TSelf>
{
    /// <summary>The data, row-major (row r, column c at r × columns + c).</summary>
    ArrayView<double> Data { get; }

    /// <summary>This model reading the same values from <paramref name="data"/> instead (a copy elsewhere).</summary>
    TSelf WithData(ArrayView<double> data);
}
