using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

/// <summary>
/// The reference the emitted IL is tested against: the same formula and the same simplified, fused symbolic
/// derivatives (<see cref="FormulaGradients.TryDifferentiate"/>), evaluated by node structs through the same
/// <see cref="FormulaOperations"/>, an independent path to the same bits. The program itself never runs formulas this
/// way (node structs there always use automatic differentiation).
/// </summary>
public static class SymbolicReference
{
    /// <summary>The formula as node structs with compiled symbolic derivatives, or with automatic differentiation where those exceed the node limit.</summary>
    public static LandscapeEntry Parse(string formula)
    {
        (Expression lowered, LandscapeInfo info) = FormulaLandscapes.Lower(formula);
        if (FormulaGradients.TryDifferentiate(lowered) is not { } derivatives)
        {
            return FormulaLandscapes.Parse(formula, FormulaGradientChoice.Automatic);
        }

        IFormulaNode loss = FormulaCompiler.Compile(lowered);
        IFormulaNode gradientX = FormulaCompiler.Compile(ExpressionFusion.Fuse(derivatives.X));
        IFormulaNode gradientY = FormulaCompiler.Compile(ExpressionFusion.Fuse(derivatives.Y));
        Type ruleType = typeof(SymbolicGradient<,>).MakeGenericType(gradientX.GetType(), gradientY.GetType());
        object rule = Activator.CreateInstance(ruleType, gradientX, gradientY)!;
        Type landscapeType = typeof(FormulaLandscape<,>).MakeGenericType(loss.GetType(), ruleType);
        return FormulaLandscapes.Entry(Activator.CreateInstance(landscapeType, loss, rule)!, info);
    }
}

/// <summary>A gradient as two compiled formulas of their own, the partial derivatives.</summary>
/// <typeparam name="TGradientX">The compiled ∂f/∂x.</typeparam>
/// <typeparam name="TGradientY">The compiled ∂f/∂y.</typeparam>
public readonly struct SymbolicGradient<TGradientX, TGradientY>(TGradientX gradientX, TGradientY gradientY) : IFormulaGradient
    where TGradientX : struct, IFormulaNode
    where TGradientY : struct, IFormulaNode
{
    /// <summary>∂f/∂x.</summary>
    public readonly TGradientX GradientX = gradientX;

    /// <summary>∂f/∂y.</summary>
    public readonly TGradientY GradientY = gradientY;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate<TFormula, T>(in TFormula formula, T x, T y, out T gradientX, out T gradientY)
        where TFormula : struct, IFormulaNode
        where T : struct, IReal<T>
    {
        gradientX = GradientX.Evaluate(x, y, default(ArrayView<double>), 0);
        gradientY = GradientY.Evaluate(x, y, default(ArrayView<double>), 0);
    }
}
