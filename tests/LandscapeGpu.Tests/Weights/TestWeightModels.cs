using LandscapeGpu.Arithmetic;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

/// <summary>
/// L(a, b, c) = (a·b − 1)² + (b·c − ½)² + 0.1·(a² + b² + c²): three weights that all interact (a and c through b),
/// with hand-written gradient and Hessian, and the same formulas in float64 for the reference loops.
/// </summary>
public readonly struct CoupledThreeWeights : IWeightModel
{
    public int Count => 3;

    public T Loss<T, TWeights>(in TWeights weights)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        T a = TWeights.Get(weights, 0), b = TWeights.Get(weights, 1), c = TWeights.Get(weights, 2);
        T first = a * b - T.Of(1);
        T second = b * c - T.Of(0.5);
        return first * first + second * second + T.Of(0.1) * (a * a + b * b + c * c);
    }

    public void Gradient<T, TWeights>(in TWeights weights, out TWeights gradient)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        T a = TWeights.Get(weights, 0), b = TWeights.Get(weights, 1), c = TWeights.Get(weights, 2);
        T first = a * b - T.Of(1);
        T second = b * c - T.Of(0.5);
        T two = T.Of(2), fifth = T.Of(0.2);
        gradient = default;
        TWeights.Set(ref gradient, 0, two * first * b + fifth * a);
        TWeights.Set(ref gradient, 1, two * first * a + two * second * c + fifth * b);
        TWeights.Set(ref gradient, 2, two * second * b + fifth * c);
    }

    public void Hessian<T, TWeights, THessian>(in TWeights weights, out THessian hessian)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        T a = TWeights.Get(weights, 0), b = TWeights.Get(weights, 1), c = TWeights.Get(weights, 2);
        T two = T.Of(2), fifth = T.Of(0.2);
        hessian = default;
        THessian.Set(ref hessian, 0, 0, two * b * b + fifth);
        THessian.Set(ref hessian, 1, 0, two * (two * a * b - T.Of(1)));
        THessian.Set(ref hessian, 1, 1, two * a * a + two * c * c + fifth);
        THessian.Set(ref hessian, 2, 1, two * (two * b * c - T.Of(0.5)));
        THessian.Set(ref hessian, 2, 2, two * b * b + fifth);
    }

    /// <summary>The gradient in float64, written as plain arithmetic (the reference).</summary>
    public static double[] GradientOf(double[] w)
    {
        double first = w[0] * w[1] - 1, second = w[1] * w[2] - 0.5;
        return [2 * first * w[1] + 0.2 * w[0], 2 * first * w[0] + 2 * second * w[2] + 0.2 * w[1], 2 * second * w[1] + 0.2 * w[2]];
    }

    /// <summary>The Hessian in float64 (row-major 3×3).</summary>
    public static double[,] HessianOf(double[] w) => new[,]
    {
        { 2 * w[1] * w[1] + 0.2, 2 * (2 * w[0] * w[1] - 1), 0 },
        { 2 * (2 * w[0] * w[1] - 1), 2 * w[0] * w[0] + 2 * w[2] * w[2] + 0.2, 2 * (2 * w[1] * w[2] - 0.5) },
        { 0, 2 * (2 * w[1] * w[2] - 0.5), 2 * w[1] * w[1] + 0.2 },
    };
}

/// <summary>
/// Himmelblau in weights 0 and 1 plus stiffness·Σ (w_k − centre_k)² over the other weights (centre_k = k/4): extra
/// weights that do not interact with the free ones, so the free weights descend exactly as on the 2-D landscape.
/// </summary>
/// <param name="count">K, 3 to 16.</param>
/// <param name="stiffness">The extra weights' stiffness.</param>
public readonly struct SeparableHimmelblau(int count, double stiffness) : IWeightModel
{
    private readonly int count = count;
    private readonly double stiffness = stiffness;

    /// <summary>Himmelblau's four minima.</summary>
    public static readonly (double X, double Y)[] Minima = [(3, 2), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)];

    public int Count => count;

    public T Loss<T, TWeights>(in TWeights weights)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        T x = TWeights.Get(weights, 0), y = TWeights.Get(weights, 1);
        T a = x * x + y - T.Of(11), b = x + y * y - T.Of(7);
        T loss = a * a + b * b;
        for (int k = 2; k < count; k++)
        {
            T offset = TWeights.Get(weights, k) - T.Of(k / 4.0);
            loss += T.Of(stiffness) * offset * offset;
        }

        return loss;
    }

    public void Gradient<T, TWeights>(in TWeights weights, out TWeights gradient)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
    {
        T x = TWeights.Get(weights, 0), y = TWeights.Get(weights, 1);
        T a = x * x + y - T.Of(11), b = x + y * y - T.Of(7);
        gradient = default;
        TWeights.Set(ref gradient, 0, T.Of(4) * x * a + T.Of(2) * b);
        TWeights.Set(ref gradient, 1, T.Of(2) * a + T.Of(4) * y * b);
        for (int k = 2; k < count; k++)
        {
            TWeights.Set(ref gradient, k, T.Of(2 * stiffness) * (TWeights.Get(weights, k) - T.Of(k / 4.0)));
        }
    }

    public void Hessian<T, TWeights, THessian>(in TWeights weights, out THessian hessian)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        T x = TWeights.Get(weights, 0), y = TWeights.Get(weights, 1);
        T a = x * x + y - T.Of(11), b = x + y * y - T.Of(7);
        hessian = default;
        THessian.Set(ref hessian, 0, 0, T.Of(4) * a + T.Of(8) * x * x + T.Of(2));
        THessian.Set(ref hessian, 1, 0, T.Of(4) * (x + y));
        THessian.Set(ref hessian, 1, 1, T.Of(2) + T.Of(4) * b + T.Of(8) * y * y);
        for (int k = 2; k < count; k++)
        {
            THessian.Set(ref hessian, k, k, T.Of(2 * stiffness));
        }
    }

    /// <summary>The index of the minimum nearest (x, y).</summary>
    public static int NearestMinimum(double x, double y)
    {
        int best = 0;
        for (int i = 1; i < Minima.Length; i++)
        {
            if (Distance2(Minima[i], x, y) < Distance2(Minima[best], x, y))
            {
                best = i;
            }
        }

        return best;
    }

    private static double Distance2((double X, double Y) minimum, double x, double y) =>
        (minimum.X - x) * (minimum.X - x) + (minimum.Y - y) * (minimum.Y - y);
}
