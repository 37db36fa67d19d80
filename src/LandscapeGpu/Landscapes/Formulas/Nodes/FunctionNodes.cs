using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas.Nodes;

/// <summary>sin(a).</summary>
/// <param name="operand">a.</param>
public readonly struct Sine<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Sine(a);
    }
}

/// <summary>cos(a).</summary>
/// <param name="operand">a.</param>
public readonly struct Cosine<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Cosine(a);
    }
}

/// <summary>tan(a) = sin(a)/cos(a).</summary>
/// <param name="operand">a.</param>
public readonly struct Tangent<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Tangent(a);
    }
}

/// <summary>exp(a).</summary>
/// <param name="operand">a.</param>
public readonly struct Exponential<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Exponential(a);
    }
}

/// <summary>log(a), the natural logarithm.</summary>
/// <param name="operand">a.</param>
public readonly struct Logarithm<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Logarithm(a);
    }
}

/// <summary>sqrt(a).</summary>
/// <param name="operand">a.</param>
public readonly struct SquareRoot<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.SquareRoot(a);
    }
}

/// <summary>|a|.</summary>
/// <param name="operand">a.</param>
public readonly struct AbsoluteValue<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.AbsoluteValue(a);
    }
}

/// <summary>tanh(a).</summary>
/// <param name="operand">a.</param>
public readonly struct HyperbolicTangent<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.HyperbolicTangent(a);
    }
}

/// <summary>sigmoid(a) = 1/(1+exp(−a)).</summary>
/// <param name="operand">a.</param>
public readonly struct Sigmoid<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Sigmoid(a);
    }
}

/// <summary>relu(a) = max(a, 0).</summary>
/// <param name="operand">a.</param>
public readonly struct Relu<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Relu(a);
    }
}

/// <summary>softplus(a) = log(1+exp(a)).</summary>
/// <param name="operand">a.</param>
public readonly struct Softplus<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Softplus(a);
    }
}

/// <summary>
/// sigmoid'(a) = exp(−|a|)/(1+exp(−|a|))², the slope of <see cref="Sigmoid{TOperand}"/>: made by symbolic
/// differentiation, not a function a formula can name. Even in a, and exp of −|a| never overflows.
/// </summary>
/// <param name="operand">a.</param>
public readonly struct SigmoidSlope<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T a = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.SigmoidSlope(a);
    }
}
