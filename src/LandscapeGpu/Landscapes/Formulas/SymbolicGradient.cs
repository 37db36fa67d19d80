using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// The gradient of a formula as two compiled formulas of their own, its partial derivatives, made by symbolic
/// differentiation when the formula was compiled (<see cref="FormulaGradients"/>): evaluated over the plain number
/// type, with no <see cref="Dual{T}"/> values to carry, so SIMD code keeps its registers.
/// </summary>
/// <typeparam name="TGradientX">The compiled ∂f/∂x.</typeparam>
/// <typeparam name="TGradientY">The compiled ∂f/∂y.</typeparam>
/// <param name="gradientX">∂f/∂x.</param>
/// <param name="gradientY">∂f/∂y.</param>
public readonly struct SymbolicGradient<TGradientX, TGradientY>(TGradientX gradientX, TGradientY gradientY) : IFormulaGradient
    where TGradientX : struct, IFormulaNode
    where TGradientY : struct, IFormulaNode
{
    /// <summary>∂f/∂x.</summary>
    public readonly TGradientX GradientX = gradientX;

    /// <summary>∂f/∂y.</summary>
    public readonly TGradientY GradientY = gradientY;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate<TFormula, T>(in TFormula formula, T x, T y, out T gradientX, out T gradientY)
        where TFormula : struct, IFormulaNode
        where T : struct, IReal<T>
    {
        gradientX = GradientX.Evaluate(x, y, default(ArrayView<double>), 0);
        gradientY = GradientY.Evaluate(x, y, default(ArrayView<double>), 0);
    }
}
