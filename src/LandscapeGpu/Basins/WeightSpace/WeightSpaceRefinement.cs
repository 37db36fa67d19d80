using LandscapeGpu.Weights;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// Newton's method in float64 in the full weight space: polishing a bucket's centre into the stationary point it
/// approximates, projecting a point onto a degenerate stationary set, and classifying a point by its Hessian's
/// eigenvalues (the K-weight counterparts of <see cref="Refinement"/> and <see cref="Curvature"/>).
/// </summary>
public static class WeightSpaceRefinement
{
    /// <summary>Newton iterations at most (as on the 2-D map).</summary>
    public const int MaxIterations = 100;

    /// <summary>A Newton step shorter than this fraction of the point's scale (1 + ‖w‖₁) ends the iteration: converged (as on the 2-D map).</summary>
    public const double StepRelative = 1e-13;

    /// <summary>
    /// A step below this fraction of the point's scale that no longer shrinks quadratically (to less than a quarter of
    /// the last) for <see cref="SettledIterations"/> iterations in a row is rounding noise: the point has settled. In K
    /// weights the Hessian's condition number (1e4 to 1e6 for small networks) amplifies the gradient's rounding into
    /// steps well above <see cref="StepRelative"/>, which would otherwise never end the iteration.
    /// </summary>
    public const double SettledRelative = 1e-9;

    /// <summary>Iterations of noise-sized steps that count as settled.</summary>
    public const int SettledIterations = 3;

    /// <summary>Halvings of a damped Newton step at most before the step is judged unable to reduce the gradient.</summary>
    public const int MaxHalvings = 30;

    /// <summary>
    /// Eigenvalues below this fraction of the stiffest are left out of a projection's step (as on the 2-D map): near a
    /// valley the soft eigenvalue is small but not zero, and dividing by it would throw the point along the valley.
    /// </summary>
    public const double ProjectionSoftRelative = Refinement.ProjectionSoftRelative;

    /// <summary>An isolated point's curvature within this fraction of its largest eigenvalue's magnitude counts as flat: degenerate minima stay minima (as on the 2-D map).</summary>
    public const double ClassifyFlatRelative = 1e-9;

    /// <summary>
    /// Damped Newton's method for ∇f = 0 from <paramref name="point"/>, refined in place. Each step solves H s = ∇f and
    /// is shortened to at most a quarter of <paramref name="maxDistance"/> and halved until it reduces ‖∇f‖ (the Newton
    /// direction always does, for a small enough step, at minima, saddles and maxima alike). Returns true when the step
    /// fell below <see cref="StepRelative"/> of the point's scale (or settled at rounding noise) within
    /// <paramref name="maxDistance"/> of the start in every weight; false otherwise (the point is then undefined), since the start
    /// was then not near a nondegenerate stationary point.
    /// </summary>
    public static bool Newton(IWeightSpaceFunction function, Span<double> point, double maxDistance)
    {
        ArgumentNullException.ThrowIfNull(function);
        int n = function.Dimension;
        double[] start = point[..n].ToArray(), gradient = new double[n], hessian = new double[n * n], step = new double[n];
        double[] trial = new double[n], trialGradient = new double[n];
        function.Gradient(point, gradient);
        double gradientNorm = Norm2(gradient);
        double previous = double.PositiveInfinity;
        int settled = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (gradientNorm == 0)
            {
                return true;
            }

            function.Hessian(point, hessian);
            if (!Solve(hessian, gradient, n, step))
            {
                return false;
            }

            double length = NormInfinity(step);
            double limit = 0.25 * maxDistance;
            if (length > limit)
            {
                Scale(step, limit / length);
            }

            double stepNorm = Norm1(step);
            if (stepNorm <= StepRelative * (1 + Norm1(point)))
            {
                Subtract(point, step, point);
                return Within(point, start, maxDistance);
            }

            double fraction = 1;
            bool reduced = false;
            for (int halving = 0; halving <= MaxHalvings && !reduced; halving++, fraction *= 0.5)
            {
                for (int k = 0; k < n; k++)
                {
                    trial[k] = point[k] - fraction * step[k];
                }

                function.Gradient(trial, trialGradient);
                double trialNorm = Norm2(trialGradient);
                reduced = trialNorm < gradientNorm;
                if (reduced)
                {
                    gradientNorm = trialNorm;
                }
            }

            if (!reduced)
            {
                // No step along Newton's direction lowers the gradient: rounding noise, or a point Newton cannot reach.
                return stepNorm <= SettledRelative * (1 + Norm1(point)) && Within(point, start, maxDistance);
            }

            trial.CopyTo(point);
            trialGradient.CopyTo(gradient, 0);
            if (!Within(point, start, maxDistance))
            {
                return false;
            }

            settled = stepNorm <= SettledRelative * (1 + Norm1(point)) && stepNorm >= 0.25 * previous ? settled + 1 : 0;
            if (settled >= SettledIterations)
            {
                return true;
            }

            previous = stepNorm;
        }

        return false;
    }

    /// <summary>
    /// Moves <paramref name="point"/> onto the nearest stationary set with Newton steps taken only along the
    /// Hessian's stiff eigendirections (a pseudo-inverse Newton step; see <see cref="ProjectionSoftRelative"/>): it
    /// converges onto a valley or stays put on a plateau, where plain Newton divides by a zero eigenvalue. Returns false
    /// when the step did not settle within <paramref name="maxDistance"/>; the caller checks that the gradient
    /// vanishes there, since a flat direction may still slope.
    /// </summary>
    public static bool Project(IWeightSpaceFunction function, Span<double> point, double maxDistance, double reach)
    {
        ArgumentNullException.ThrowIfNull(function);
        int n = function.Dimension;
        double[] start = point[..n].ToArray(), gradient = new double[n], hessian = new double[n * n], values = new double[n], vectors = new double[n * n];
        double[] step = new double[n];
        double previous = double.PositiveInfinity;
        int settled = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double loss = function.Loss(point);
            function.Gradient(point, gradient);
            function.Hessian(point, hessian);
            if (!SymmetricEigen.Decompose(hessian, n, values, vectors))
            {
                return false;
            }

            double stiff = StiffMagnitude(values);
            double skip = Math.Max(ProjectionSoftRelative * stiff, Curvature.FlatThreshold(stiff, loss, reach));
            Array.Clear(step);
            for (int i = 0; i < n; i++)
            {
                if (Math.Abs(values[i]) <= skip)
                {
                    continue;
                }

                double along = 0;
                for (int k = 0; k < n; k++)
                {
                    along += vectors[k * n + i] * gradient[k];
                }

                along /= values[i];
                for (int k = 0; k < n; k++)
                {
                    step[k] += along * vectors[k * n + i];
                }
            }

            Subtract(point, step, point);
            double stepNorm = Norm1(step);
            if (!double.IsFinite(stepNorm) || !Within(point, start, maxDistance))
            {
                return false;
            }

            if (stepNorm <= StepRelative * (1 + Norm1(point)))
            {
                return true;
            }

            settled = stepNorm <= SettledRelative * (1 + Norm1(point)) && stepNorm >= 0.25 * previous ? settled + 1 : 0;
            if (settled >= SettledIterations)
            {
                return true;
            }

            previous = stepNorm;
        }

        return false;
    }

    /// <summary>
    /// Whether the gradient vanishes at <paramref name="point"/> by the 2-D map's test
    /// (<see cref="StationarySets.GradientRelative"/>): ‖∇f‖ ≤ 1e-9 · (1 + |f|) / s, s the reach (at least 1).
    /// </summary>
    public static bool IsStationary(IWeightSpaceFunction function, ReadOnlySpan<double> point, double reach)
    {
        ArgumentNullException.ThrowIfNull(function);
        var gradient = new double[function.Dimension];
        function.Gradient(point, gradient);
        double loss = function.Loss(point);
        return double.IsFinite(loss) && Norm2(gradient) <= StationarySets.GradientRelative * (1 + Math.Abs(loss)) / Math.Max(1, reach);
    }

    /// <summary>How many of <paramref name="eigenvalues"/> count as zero at a point of loss <paramref name="loss"/>, by the 2-D map's thresholds (<see cref="Curvature.FlatThreshold"/>): all of them when even the stiffest is below the absolute threshold.</summary>
    public static int FlatDirections(ReadOnlySpan<double> eigenvalues, double loss, double reach)
    {
        double stiff = StiffMagnitude(eigenvalues);
        double scale = Math.Max(1, reach);
        if (stiff <= Curvature.FlatAbsolute * (1 + Math.Abs(loss)) / (scale * scale))
        {
            return eigenvalues.Length;
        }

        double threshold = Curvature.FlatThreshold(stiff, loss, reach);
        int flat = 0;
        foreach (double value in eigenvalues)
        {
            flat += Math.Abs(value) <= threshold ? 1 : 0;
        }

        return flat;
    }

    /// <summary>An isolated point's kind from its eigenvalues: no curvature below -<see cref="ClassifyFlatRelative"/> of the largest magnitude is a minimum, none above it a maximum, otherwise a saddle.</summary>
    public static StationaryKind Classify(ReadOnlySpan<double> eigenvalues)
    {
        double flat = ClassifyFlatRelative * StiffMagnitude(eigenvalues);
        double lower = double.PositiveInfinity, upper = double.NegativeInfinity;
        foreach (double value in eigenvalues)
        {
            lower = Math.Min(lower, value);
            upper = Math.Max(upper, value);
        }

        if (lower >= -flat)
        {
            return StationaryKind.Minimum;
        }

        return upper <= flat ? StationaryKind.Maximum : StationaryKind.Saddle;
    }

    /// <summary>
    /// A degenerate point's kind from the signs of its eigenvalues that are not flat (below <paramref name="threshold"/> in
    /// magnitude): a valley of minima, a ridge of maxima, or a set of saddles (which K weights allow: a hidden unit
    /// whose outgoing weight is zero is such a set). A Hessian that is flat in every direction is a plateau of minima.
    /// </summary>
    public static StationaryKind ClassifyStiff(ReadOnlySpan<double> eigenvalues, double threshold)
    {
        bool negative = false, positive = false;
        foreach (double value in eigenvalues)
        {
            negative |= value < -threshold;
            positive |= value > threshold;
        }

        return negative && positive ? StationaryKind.Saddle : negative ? StationaryKind.Maximum : StationaryKind.Minimum;
    }

    /// <summary>The largest eigenvalue magnitude.</summary>
    public static double StiffMagnitude(ReadOnlySpan<double> eigenvalues)
    {
        double stiff = 0;
        foreach (double value in eigenvalues)
        {
            stiff = Math.Max(stiff, Math.Abs(value));
        }

        return stiff;
    }

    /// <summary>Solves <paramref name="matrix"/> x = <paramref name="rhs"/> by Gaussian elimination with partial pivoting; false when singular or not finite.</summary>
    internal static bool Solve(double[] matrix, double[] rhs, int n, double[] solution)
    {
        double[] a = (double[])matrix.Clone();
        double[] b = (double[])rhs.Clone();
        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row * n + column]) > Math.Abs(a[pivot * n + column]))
                {
                    pivot = row;
                }
            }

            double p = a[pivot * n + column];
            if (p == 0 || !double.IsFinite(p))
            {
                return false;
            }

            if (pivot != column)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[pivot * n + k], a[column * n + k]) = (a[column * n + k], a[pivot * n + k]);
                }

                (b[pivot], b[column]) = (b[column], b[pivot]);
            }

            for (int row = column + 1; row < n; row++)
            {
                double factor = a[row * n + column] / p;
                if (factor == 0)
                {
                    continue;
                }

                for (int k = column; k < n; k++)
                {
                    a[row * n + k] -= factor * a[column * n + k];
                }

                b[row] -= factor * b[column];
            }
        }

        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int k = row + 1; k < n; k++)
            {
                sum -= a[row * n + k] * solution[k];
            }

            solution[row] = sum / a[row * n + row];
            if (!double.IsFinite(solution[row]))
            {
                return false;
            }
        }

        return true;
    }

    internal static double Norm1(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v)
        {
            sum += Math.Abs(x);
        }

        return sum;
    }

    internal static double Norm2(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v)
        {
            sum += x * x;
        }

        return Math.Sqrt(sum);
    }

    private static double NormInfinity(ReadOnlySpan<double> v)
    {
        double max = 0;
        foreach (double x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return double.IsNaN(Norm1(v)) ? double.NaN : max;
    }

    private static void Scale(Span<double> v, double factor)
    {
        for (int k = 0; k < v.Length; k++)
        {
            v[k] *= factor;
        }
    }

    private static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = a[k] - b[k];
        }
    }

    private static bool Within(ReadOnlySpan<double> point, ReadOnlySpan<double> start, double maxDistance)
    {
        for (int k = 0; k < start.Length; k++)
        {
            if (!(Math.Abs(point[k] - start[k]) <= maxDistance))
            {
                return false;
            }
        }

        return true;
    }
}
