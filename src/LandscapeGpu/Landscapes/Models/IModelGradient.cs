using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>How a <see cref="ModelLandscape{TModel, TLoss, TGradient}"/> gets its gradient; either way it is exact.</summary>
public interface IModelGradient
{
    /// <summary>The gradient of <paramref name="landscape"/>'s loss at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    void Evaluate<TModel, TLoss, TGradient, T>(in ModelLandscape<TModel, TLoss, TGradient> landscape, T x, T y, out T gradientX, out T gradientY)
        where TModel : struct, Formulas.IFormulaNode
        where TLoss : struct, IResidualLoss
        where TGradient : struct, IModelGradient
        where T : struct, IReal<T>;
}
