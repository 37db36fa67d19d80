using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// A model's gradient by forward-mode automatic differentiation of its whole loss (<see cref="Derivatives.Gradient"/>):
/// the fallback where the model's symbolic derivatives would be too large (see <see cref="Formulas.FormulaGradients"/>).
/// </summary>
public readonly struct AutomaticModelGradient : IModelGradient
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate<TModel, TLoss, TGradient, T>(in ModelLandscape<TModel, TLoss, TGradient> landscape, T x, T y, out T gradientX, out T gradientY)
        where TModel : struct, Formulas.IFormulaNode
        where TLoss : struct, IResidualLoss
        where TGradient : struct, IModelGradient
        where T : struct, IReal<T> =>
        Derivatives.Gradient(landscape, x, y, out gradientX, out gradientY);
}
