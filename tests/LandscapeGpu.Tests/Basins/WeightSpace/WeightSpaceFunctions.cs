using LandscapeGpu.Descents;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Basins.WeightSpace;

/// <summary>
/// f(a, b, c) = (a² - 1)² + (b² - 1)² + (c - ab/2)²: at c = ab/2 the a and b equations decouple, so the stationary
/// points are a, b ∈ {-1, 0, 1}, c = ab/2: minima (±1, ±1, ±1/2) at loss 0, saddles with one negative curvature
/// where exactly one of a, b is 0 (loss 1), and a saddle with two at the origin (loss 2).
/// </summary>
internal sealed class CoupledWells : IWeightSpaceFunction
{
    public int Dimension => 3;

    public double Loss(ReadOnlySpan<double> w)
    {
        double r = w[2] - 0.5 * w[0] * w[1];
        return Square(w[0] * w[0] - 1) + Square(w[1] * w[1] - 1) + r * r;
    }

    public void Gradient(ReadOnlySpan<double> w, Span<double> g)
    {
        double a = w[0], b = w[1], r = w[2] - 0.5 * a * b;
        g[0] = 4 * a * (a * a - 1) - b * r;
        g[1] = 4 * b * (b * b - 1) - a * r;
        g[2] = 2 * r;
    }

    public void Hessian(ReadOnlySpan<double> w, Span<double> h)
    {
        double a = w[0], b = w[1], r = w[2] - 0.5 * a * b;
        h[0] = 12 * a * a - 4 + 0.5 * b * b;
        h[4] = 12 * b * b - 4 + 0.5 * a * a;
        h[8] = 2;
        h[1] = h[3] = -r + 0.5 * a * b;
        h[2] = h[6] = -b;
        h[5] = h[7] = -a;
    }

    internal static double Square(double x) => x * x;
}

/// <summary>
/// f(a, b, c, d) = ((a - c)² - 1)² + (a + c)² + (b + d - 2)² + (b - d)², unchanged by swapping (a, b) with (c, d)
/// (two hidden units trading places): two minima at loss 0, (1/2, 1, -1/2, 1) and its swap (-1/2, 1, 1/2, 1), and the
/// saddle (0, 1, 0, 1) at loss 1 between them.
/// </summary>
internal sealed class SwappedUnits : IWeightSpaceFunction
{
    public int Dimension => 4;

    public double Loss(ReadOnlySpan<double> w)
    {
        double u = w[0] - w[2];
        return CoupledWells.Square(u * u - 1) + CoupledWells.Square(w[0] + w[2]) + CoupledWells.Square(w[1] + w[3] - 2) + CoupledWells.Square(w[1] - w[3]);
    }

    public void Gradient(ReadOnlySpan<double> w, Span<double> g)
    {
        double u = w[0] - w[2], well = 4 * u * (u * u - 1), sum = 2 * (w[0] + w[2]);
        double bd = 2 * (w[1] + w[3] - 2), diff = 2 * (w[1] - w[3]);
        g[0] = well + sum;
        g[2] = -well + sum;
        g[1] = bd + diff;
        g[3] = bd - diff;
    }

    public void Hessian(ReadOnlySpan<double> w, Span<double> h)
    {
        double u = w[0] - w[2], well = 12 * u * u - 4;
        h.Clear();
        h[0 * 4 + 0] = h[2 * 4 + 2] = well + 2;
        h[0 * 4 + 2] = h[2 * 4 + 0] = -well + 2;
        h[1 * 4 + 1] = h[3 * 4 + 3] = 4;
        h[1 * 4 + 3] = h[3 * 4 + 1] = 0;
    }
}

/// <summary>
/// f(w1, w2, w3) = (w1·w2 - 1)² + w3²: every point of the hyperbola w1·w2 = 1 (w3 = 0) is a minimum, two branches
/// (two valleys), and the origin is a saddle at loss 1.
/// </summary>
internal sealed class HyperbolaValley : IWeightSpaceFunction
{
    public int Dimension => 3;

    public double Loss(ReadOnlySpan<double> w) => CoupledWells.Square(w[0] * w[1] - 1) + w[2] * w[2];

    public void Gradient(ReadOnlySpan<double> w, Span<double> g)
    {
        double r = w[0] * w[1] - 1;
        g[0] = 2 * r * w[1];
        g[1] = 2 * r * w[0];
        g[2] = 2 * w[2];
    }

    public void Hessian(ReadOnlySpan<double> w, Span<double> h)
    {
        double r = w[0] * w[1] - 1;
        h.Clear();
        h[0] = 2 * w[1] * w[1];
        h[4] = 2 * w[0] * w[0];
        h[1] = h[3] = 2 * w[0] * w[1] + 2 * r;
        h[8] = 2;
    }
}

/// <summary>
/// A network of two tanh units without biases fitted to a teacher of the same form, weights (a₁, v₁, a₂, v₂):
/// f = mean over x of (v₁ tanh(a₁x) + v₂ tanh(a₂x) - y)². Swapping the units and flipping a unit's signs
/// ((a, v) to (-a, -v)) leave f unchanged, so the teacher's solution has 8 copies at loss 0.
/// </summary>
internal sealed class TwoTanhUnits : IWeightSpaceFunction
{
    public static readonly double[] Teacher = [1.5, 1, -0.6, 0.8];

    private static readonly double[] Inputs = Enumerable.Range(0, 16).Select(i => -2 + 4.0 * i / 15).ToArray();

    private static readonly double[] Targets = Inputs.Select(x => Teacher[1] * Math.Tanh(Teacher[0] * x) + Teacher[3] * Math.Tanh(Teacher[2] * x)).ToArray();

    public int Dimension => 4;

    public double Loss(ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int i = 0; i < Inputs.Length; i++)
        {
            double r = w[1] * Math.Tanh(w[0] * Inputs[i]) + w[3] * Math.Tanh(w[2] * Inputs[i]) - Targets[i];
            sum += r * r;
        }

        return sum / Inputs.Length;
    }

    public void Gradient(ReadOnlySpan<double> w, Span<double> g)
    {
        g[..4].Clear();
        for (int i = 0; i < Inputs.Length; i++)
        {
            double x = Inputs[i], t1 = Math.Tanh(w[0] * x), t2 = Math.Tanh(w[2] * x);
            double r = (w[1] * t1 + w[3] * t2 - Targets[i]) * 2 / Inputs.Length;
            g[0] += r * w[1] * x * (1 - t1 * t1);
            g[1] += r * t1;
            g[2] += r * w[3] * x * (1 - t2 * t2);
            g[3] += r * t2;
        }
    }

    public void Hessian(ReadOnlySpan<double> w, Span<double> h)
    {
        h[..16].Clear();
        double scale = 2.0 / Inputs.Length;
        Span<double> d = stackalloc double[4];
        for (int i = 0; i < Inputs.Length; i++)
        {
            double x = Inputs[i], t1 = Math.Tanh(w[0] * x), t2 = Math.Tanh(w[2] * x);
            double s1 = x * (1 - t1 * t1), s2 = x * (1 - t2 * t2);
            double r = w[1] * t1 + w[3] * t2 - Targets[i];
            // Gauss-Newton part: the outer product of the output's derivatives.
            d[0] = w[1] * s1;
            d[1] = t1;
            d[2] = w[3] * s2;
            d[3] = t2;
            for (int p = 0; p < 4; p++)
            {
                for (int q = 0; q < 4; q++)
                {
                    h[p * 4 + q] += scale * d[p] * d[q];
                }
            }

            // The residual times the output's second derivatives (within one unit only).
            double second1 = -2 * x * t1 * s1, second2 = -2 * x * t2 * s2;
            h[0] += scale * r * w[1] * second1;
            h[1] += scale * r * s1;
            h[4] += scale * r * s1;
            h[10] += scale * r * w[3] * second2;
            h[11] += scale * r * s2;
            h[14] += scale * r * s2;
        }
    }
}

/// <summary>
/// f(a, b, c) = max(0, a + b + c - 1/2)⁴: the half-space a + b + c ≤ 1/2 is a plateau of minima at loss 0 where the
/// Hessian vanishes (a dead unit's region), and starts outside it descend onto its face.
/// </summary>
internal sealed class HalfSpacePlateau : IWeightSpaceFunction
{
    public int Dimension => 3;

    public double Loss(ReadOnlySpan<double> w) => Math.Pow(Excess(w), 4);

    public void Gradient(ReadOnlySpan<double> w, Span<double> g) => g[..3].Fill(4 * Math.Pow(Excess(w), 3));

    public void Hessian(ReadOnlySpan<double> w, Span<double> h) => h[..9].Fill(12 * Excess(w) * Excess(w));

    private static double Excess(ReadOnlySpan<double> w) => Math.Max(0, w[0] + w[1] + w[2] - 0.5);
}

/// <summary>
/// In 9 weights: g(w) = h(Qᵀw) with Q a fixed rotation mixing every weight, and h(v) = (v₀² - 1)² + Σₖ cₖ(vₖ - pₖ)²
/// for k = 1..8. Its minima are Q(±1, p), with Hessian eigenvalues 8 and 2cₖ, and its saddle Q(0, p), with -4 and 2cₖ.
/// </summary>
internal sealed class RotatedWell : IWeightSpaceFunction
{
    public const int Weights = 9;

    public static readonly double[] Curvatures = [0.5, 0.75, 1, 1.5, 2, 3, 5, 7];

    public static readonly double[] Centre = [0.3, -0.2, 0.1, 0.25, -0.4, 0.15, 0.05, -0.1];

    private readonly double[] q = Rotation();

    public int Dimension => Weights;

    /// <summary>Q v.</summary>
    public double[] Rotate(ReadOnlySpan<double> v)
    {
        var w = new double[Weights];
        for (int i = 0; i < Weights; i++)
        {
            for (int j = 0; j < Weights; j++)
            {
                w[i] += q[i * Weights + j] * v[j];
            }
        }

        return w;
    }

    public double Loss(ReadOnlySpan<double> w)
    {
        double[] v = Unrotate(w);
        double f = CoupledWells.Square(v[0] * v[0] - 1);
        for (int k = 1; k < Weights; k++)
        {
            f += Curvatures[k - 1] * CoupledWells.Square(v[k] - Centre[k - 1]);
        }

        return f;
    }

    public void Gradient(ReadOnlySpan<double> w, Span<double> g)
    {
        double[] v = Unrotate(w);
        var inner = new double[Weights];
        inner[0] = 4 * v[0] * (v[0] * v[0] - 1);
        for (int k = 1; k < Weights; k++)
        {
            inner[k] = 2 * Curvatures[k - 1] * (v[k] - Centre[k - 1]);
        }

        Rotate(inner).CopyTo(g);
    }

    public void Hessian(ReadOnlySpan<double> w, Span<double> h)
    {
        double[] v = Unrotate(w);
        var diagonal = new double[Weights];
        diagonal[0] = 12 * v[0] * v[0] - 4;
        for (int k = 1; k < Weights; k++)
        {
            diagonal[k] = 2 * Curvatures[k - 1];
        }

        for (int i = 0; i < Weights; i++)
        {
            for (int j = 0; j < Weights; j++)
            {
                double sum = 0;
                for (int k = 0; k < Weights; k++)
                {
                    sum += q[i * Weights + k] * diagonal[k] * q[j * Weights + k];
                }

                h[i * Weights + j] = sum;
            }
        }
    }

    private double[] Unrotate(ReadOnlySpan<double> w)
    {
        var v = new double[Weights];
        for (int i = 0; i < Weights; i++)
        {
            for (int j = 0; j < Weights; j++)
            {
                v[i] += q[j * Weights + i] * w[j];
            }
        }

        return v;
    }

    // A product of plane rotations through every neighbouring pair of axes, and a few farther ones: every weight mixes.
    private static double[] Rotation()
    {
        var m = new double[Weights * Weights];
        for (int i = 0; i < Weights; i++)
        {
            m[i * Weights + i] = 1;
        }

        for (int step = 0; step < 2 * Weights; step++)
        {
            int p = step % Weights, r = (step * 4 + 1) % Weights;
            if (p == r)
            {
                continue;
            }

            double angle = 0.3 + 0.17 * step, c = Math.Cos(angle), s = Math.Sin(angle);
            for (int i = 0; i < Weights; i++)
            {
                double a = m[i * Weights + p], b = m[i * Weights + r];
                m[i * Weights + p] = c * a - s * b;
                m[i * Weights + r] = s * a + c * b;
            }
        }

        return m;
    }
}

/// <summary>Plain gradient descent in float64 over a weight-space function: the tests' stand-in for the K-weight descent engine.</summary>
internal static class ReferenceDescent
{
    /// <summary>Descends from each start; returns endpoints [n, K], outcomes and steps.</summary>
    public static (double[] Endpoints, DescentOutcome[] Outcomes, int[] Steps) Run(
        IWeightSpaceFunction function, IReadOnlyList<double[]> starts, double learningRate, int maxSteps, double tolerance, double divergence = 1e3)
    {
        int k = function.Dimension, n = starts.Count;
        var endpoints = new double[n * k];
        var outcomes = new DescentOutcome[n];
        var steps = new int[n];
        var gradient = new double[k];
        for (int i = 0; i < n; i++)
        {
            var w = (double[])starts[i].Clone();
            outcomes[i] = DescentOutcome.Unconverged;
            int step = 0;
            for (; step <= maxSteps; step++)
            {
                function.Gradient(w, gradient);
                double norm = Math.Sqrt(gradient.Sum(x => x * x));
                if (!double.IsFinite(norm) || w.Any(x => !(Math.Abs(x) <= divergence)))
                {
                    outcomes[i] = DescentOutcome.Diverged;
                    break;
                }

                if (norm <= tolerance)
                {
                    outcomes[i] = DescentOutcome.Converged;
                    break;
                }

                if (step == maxSteps)
                {
                    break;
                }

                for (int j = 0; j < k; j++)
                {
                    w[j] -= learningRate * gradient[j];
                }
            }

            steps[i] = step;
            w.CopyTo(endpoints, i * k);
        }

        return (endpoints, outcomes, steps);
    }

    /// <summary>A width × height grid of starts over the box [x0, x1] × [y0, y1] in weights <paramref name="xAxis"/> and <paramref name="yAxis"/>, the others at <paramref name="fixedWeights"/>.</summary>
    public static List<double[]> Grid(double[] fixedWeights, int xAxis, int yAxis, LandscapeGpu.Landscapes.Box box, int width, int height)
    {
        var starts = new List<double[]>(width * height);
        for (int j = 0; j < height; j++)
        {
            for (int i = 0; i < width; i++)
            {
                var w = (double[])fixedWeights.Clone();
                w[xAxis] = box.X0 + (i + 0.5) * box.Width / width;
                w[yAxis] = box.Y0 + (j + 0.5) * box.Height / height;
                starts.Add(w);
            }
        }

        return starts;
    }
}
