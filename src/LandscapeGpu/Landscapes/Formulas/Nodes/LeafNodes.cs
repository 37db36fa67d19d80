using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas.Nodes;

/// <summary>The horizontal axis variable (x, or a model's first free weight).</summary>
public readonly struct AxisX : IFormulaNode
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> => x;
}

/// <summary>The vertical axis variable (y, or a model's second free weight).</summary>
public readonly struct AxisY : IFormulaNode
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> => y;
}

/// <summary>A number: a literal, pi, e, or a model's fixed weight.</summary>
/// <param name="value">The number.</param>
public readonly struct Constant(double value) : IFormulaNode
{
    /// <summary>The number.</summary>
    public readonly double Value = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> => T.Of(Value);
}

/// <summary>An input column of a data set, read from the current row.</summary>
/// <param name="offset">The column's index within a row.</param>
public readonly struct DataColumn(int offset) : IFormulaNode
{
    /// <summary>The column's index within a row.</summary>
    public readonly int Offset = offset;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> => T.OfRead(data[rowStart + Offset]);
}
