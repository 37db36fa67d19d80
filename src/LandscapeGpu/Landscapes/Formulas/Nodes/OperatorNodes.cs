using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas.Nodes;

/// <summary>−a.</summary>
/// <param name="operand">a.</param>
public readonly struct Negate<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        -Operand.Evaluate(x, y, data, rowStart);
}

/// <summary>a + b.</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Add<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        Left.Evaluate(x, y, data, rowStart) + Right.Evaluate(x, y, data, rowStart);
}

/// <summary>a − b.</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Subtract<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        Left.Evaluate(x, y, data, rowStart) - Right.Evaluate(x, y, data, rowStart);
}

/// <summary>a · b.</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Multiply<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        Left.Evaluate(x, y, data, rowStart) * Right.Evaluate(x, y, data, rowStart);
}

/// <summary>a / b.</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Divide<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        Left.Evaluate(x, y, data, rowStart) / Right.Evaluate(x, y, data, rowStart);
}

/// <summary>a², with a evaluated once: the commonest power, kept as cheap as hand-written code.</summary>
/// <param name="operand">a.</param>
public readonly struct Square<TOperand>(TOperand operand) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T value = Operand.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Square(value);
    }
}

/// <summary>aⁿ for a whole constant n, by repeated squaring: defined for negative a, unlike exp(n·log a).</summary>
/// <param name="operand">a.</param>
/// <param name="exponent">n; negative gives 1/a^|n|.</param>
public readonly struct IntegerPower<TOperand>(TOperand operand, int exponent) : IFormulaNode where TOperand : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TOperand Operand = operand;

    /// <summary>n.</summary>
    public readonly int Exponent = exponent;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        return FormulaOperations.IntegerPower(Operand.Evaluate(x, y, data, rowStart), Exponent);
    }
}

/// <summary>a^b = exp(b · log a) for a non-integer or variable exponent: NaN for negative a, as in real arithmetic.</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Power<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        FormulaOperations.Power(Left.Evaluate(x, y, data, rowStart), Right.Evaluate(x, y, data, rowStart));
}

/// <summary>min(a, b): a where a &lt; b, else b (so a NaN in a gives b).</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Minimum<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T left = Left.Evaluate(x, y, data, rowStart);
        T right = Right.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Minimum(left, right);
    }
}

/// <summary>max(a, b): b where a &lt; b, else a.</summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
public readonly struct Maximum<TLeft, TRight>(TLeft left, TRight right) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T>
    {
        T left = Left.Evaluate(x, y, data, rowStart);
        T right = Right.Evaluate(x, y, data, rowStart);
        return FormulaOperations.Maximum(left, right);
    }
}

/// <summary>
/// then where a &lt; b, else otherwise (so a NaN in a or b gives otherwise): made by symbolic differentiation to pick
/// the side of a kink (abs, relu, min, max) exactly as the automatic derivative does.
/// </summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
/// <param name="then">The value where a &lt; b.</param>
/// <param name="otherwise">The value elsewhere.</param>
public readonly struct LessSelect<TLeft, TRight, TThen, TOtherwise>(TLeft left, TRight right, TThen then, TOtherwise otherwise) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
    where TThen : struct, IFormulaNode
    where TOtherwise : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <summary>The value where a &lt; b.</summary>
    public readonly TThen Then = then;

    /// <summary>The value elsewhere.</summary>
    public readonly TOtherwise Otherwise = otherwise;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        T.IfLess(
            Left.Evaluate(x, y, data, rowStart),
            Right.Evaluate(x, y, data, rowStart),
            Then.Evaluate(x, y, data, rowStart),
            Otherwise.Evaluate(x, y, data, rowStart));
}

/// <summary>
/// a · b + c through <see cref="IReal{TSelf}.MultiplyAdd"/>: fused on SIMD lanes, a plain multiply and add in kernel
/// number types. Made when derivatives are compiled, never from a typed formula.
/// </summary>
/// <param name="left">a.</param>
/// <param name="right">b.</param>
/// <param name="addend">c.</param>
public readonly struct MultiplyAdd<TLeft, TRight, TAddend>(TLeft left, TRight right, TAddend addend) : IFormulaNode
    where TLeft : struct, IFormulaNode
    where TRight : struct, IFormulaNode
    where TAddend : struct, IFormulaNode
{
    /// <summary>a.</summary>
    public readonly TLeft Left = left;

    /// <summary>b.</summary>
    public readonly TRight Right = right;

    /// <summary>c.</summary>
    public readonly TAddend Addend = addend;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> =>
        T.MultiplyAdd(Left.Evaluate(x, y, data, rowStart), Right.Evaluate(x, y, data, rowStart), Addend.Evaluate(x, y, data, rowStart));
}
