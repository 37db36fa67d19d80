using LandscapeGpu.Arithmetic;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

/// <summary>
/// The mean squared error of the 2-2-1 tanh network w7·tanh(w1·x1 + w2·x2 + w3) + w8·tanh(w4·x1 + w5·x2 + w6) + w9
/// on the four XOR rows, written by hand (weights 0..8 are w1..w9): the model of the README's many-weight example.
/// </summary>
public readonly struct XorNetwork : IWeightModel
{
    /// <summary>The XOR rows: x1, x2, y.</summary>
    public static readonly (double X1, double X2, double Y)[] Rows = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)];

    public int Count => 9;

    public T Loss<T, TWeights>(in TWeights weights)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        T sum = T.Of(0);
        foreach ((double x1, double x2, double y) in Rows)
        {
            T residual = Output<T, TWeights>(weights, x1, x2, out _, out _) - T.Of(y);
            sum = T.MultiplyAdd(residual, residual, sum);
        }

        return sum * T.Of(1.0 / Rows.Length);
    }

    public void Gradient<T, TWeights>(in TWeights weights, out TWeights gradient)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        T w7 = TWeights.Get(weights, 6), w8 = TWeights.Get(weights, 7);
        T g1 = T.Of(0), g2 = T.Of(0), g3 = T.Of(0), g4 = T.Of(0), g5 = T.Of(0), g6 = T.Of(0), g7 = T.Of(0), g8 = T.Of(0), g9 = T.Of(0);
        T one = T.Of(1);
        for (int row = 0; row < Rows.Length; row++)
        {
            (double x1, double x2, double y) = Rows[row];
            T residual = Output<T, TWeights>(weights, x1, x2, out T h1, out T h2) - T.Of(y);
            T d1 = residual * w7 * (one - h1 * h1);
            T d2 = residual * w8 * (one - h2 * h2);
            g1 = T.MultiplyAdd(d1, T.Of(x1), g1);
            g2 = T.MultiplyAdd(d1, T.Of(x2), g2);
            g3 += d1;
            g4 = T.MultiplyAdd(d2, T.Of(x1), g4);
            g5 = T.MultiplyAdd(d2, T.Of(x2), g5);
            g6 += d2;
            g7 = T.MultiplyAdd(residual, h1, g7);
            g8 = T.MultiplyAdd(residual, h2, g8);
            g9 += residual;
        }

        T scale = T.Of(2.0 / Rows.Length);
        gradient = default;
        TWeights.Set(ref gradient, 0, g1 * scale);
        TWeights.Set(ref gradient, 1, g2 * scale);
        TWeights.Set(ref gradient, 2, g3 * scale);
        TWeights.Set(ref gradient, 3, g4 * scale);
        TWeights.Set(ref gradient, 4, g5 * scale);
        TWeights.Set(ref gradient, 5, g6 * scale);
        TWeights.Set(ref gradient, 6, g7 * scale);
        TWeights.Set(ref gradient, 7, g8 * scale);
        TWeights.Set(ref gradient, 8, g9 * scale);
    }

    public void Hessian<T, TWeights, THessian>(in TWeights weights, out THessian hessian)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian> =>
        throw new NotSupportedException("the hand-written XOR network has no Hessian; Newton runs on the generated model");

    private static T Output<T, TWeights>(in TWeights weights, double x1, double x2, out T h1, out T h2)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        h1 = T.Tanh(T.MultiplyAdd(TWeights.Get(weights, 0), T.Of(x1), T.MultiplyAdd(TWeights.Get(weights, 1), T.Of(x2), TWeights.Get(weights, 2))));
        h2 = T.Tanh(T.MultiplyAdd(TWeights.Get(weights, 3), T.Of(x1), T.MultiplyAdd(TWeights.Get(weights, 4), T.Of(x2), TWeights.Get(weights, 5))));
        return T.MultiplyAdd(TWeights.Get(weights, 6), h1, T.MultiplyAdd(TWeights.Get(weights, 7), h2, TWeights.Get(weights, 8)));
    }
}
