using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// A model's gradient from its compiled symbolic partial derivatives: the mean over the rows of
/// score'(residual) · ∂model/∂weight, evaluated over the plain number type (no <see cref="Dual{T}"/> values to carry).
/// </summary>
/// <typeparam name="TGradientX">The compiled ∂model/∂(first free weight).</typeparam>
/// <typeparam name="TGradientY">The compiled ∂model/∂(second free weight).</typeparam>
/// <param name="gradientX">∂model/∂(first free weight).</param>
/// <param name="gradientY">∂model/∂(second free weight).</param>
public readonly struct SymbolicModelGradient<TGradientX, TGradientY>(TGradientX gradientX, TGradientY gradientY) : IModelGradient
    where TGradientX : struct, IFormulaNode
    where TGradientY : struct, IFormulaNode
{
    /// <summary>∂model/∂(first free weight).</summary>
    public readonly TGradientX GradientX = gradientX;

    /// <summary>∂model/∂(second free weight).</summary>
    public readonly TGradientY GradientY = gradientY;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate<TModel, TLoss, TGradient, T>(in ModelLandscape<TModel, TLoss, TGradient> landscape, T x, T y, out T gradientX, out T gradientY)
        where TModel : struct, IFormulaNode
        where TLoss : struct, IResidualLoss
        where TGradient : struct, IModelGradient
        where T : struct, IReal<T>
    {
        TLoss score = default;
        int columns = landscape.Columns;
        int rows = (int)(landscape.Data.Length / columns);
        T sumX = T.Of(0), sumY = T.Of(0);
        for (int row = 0; row < rows; row++)
        {
            int start = row * columns;
            T residual = landscape.Model.Evaluate(x, y, landscape.Data, start) - T.Of(landscape.Data[start + landscape.TargetColumn]);
            T slope = score.Slope(residual);
            sumX += slope * GradientX.Evaluate(x, y, landscape.Data, start);
            sumY += slope * GradientY.Evaluate(x, y, landscape.Data, start);
        }

        gradientX = sumX / T.Of(rows);
        gradientY = sumY / T.Of(rows);
    }
}
