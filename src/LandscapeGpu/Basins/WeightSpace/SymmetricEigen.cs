namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// Eigenvalues and eigenvectors of a small real symmetric matrix (a K×K Hessian, K up to a few dozen) by the cyclic
/// Jacobi method: plane rotations zero each off-diagonal entry in turn until the off-diagonal part is negligible.
/// Jacobi is chosen over a tridiagonal QR for its accuracy on small eigenvalues (it finds them to a small multiple of
/// machine precision times the matrix's norm, which is what telling a zero eigenvalue from a small one needs) and
/// because it is short enough to read in full.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Sweeps (each rotates every off-diagonal pair once) at most. Jacobi converges quadratically once the off-diagonal
    /// part is small; 6 to 10 sweeps suffice for the sizes here, so 64 is reached only by a matrix with a non-finite entry.
    /// </summary>
    public const int MaxSweeps = 64;

    /// <summary>
    /// The off-diagonal part counts as zero once its Frobenius norm is below this fraction of the whole matrix's:
    /// a few units of float64 rounding, below which further rotations only move noise.
    /// </summary>
    public const double OffDiagonalRelative = 1e-15;

    /// <summary>
    /// Decomposes the symmetric <paramref name="n"/>×<paramref name="n"/> matrix <paramref name="matrix"/> (row-major;
    /// only its symmetric part is used). Writes the eigenvalues in ascending order into <paramref name="values"/> and,
    /// when <paramref name="vectors"/> is not empty, the matching unit eigenvectors as its columns (row-major n×n:
    /// vector i is entries [k * n + i]). Returns false (and leaves NaN eigenvalues) when an entry is not finite.
    /// </summary>
    public static bool Decompose(ReadOnlySpan<double> matrix, int n, Span<double> values, Span<double> vectors)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (matrix.Length < n * n || values.Length < n || (!vectors.IsEmpty && vectors.Length < n * n))
        {
            throw new ArgumentException($"a {n}x{n} decomposition needs {n * n} matrix entries, {n} values and 0 or {n * n} vector entries; got {matrix.Length}, {values.Length} and {vectors.Length}");
        }

        var a = new double[n * n];
        double norm = 0;
        for (int row = 0; row < n; row++)
        {
            for (int column = 0; column < n; column++)
            {
                // The symmetric part, so that a Hessian with rounding asymmetry is treated as the symmetric matrix it is.
                double entry = 0.5 * (matrix[row * n + column] + matrix[column * n + row]);
                a[row * n + column] = entry;
                norm += entry * entry;
            }
        }

        bool withVectors = !vectors.IsEmpty;
        double[] v = new double[withVectors ? n * n : 0];
        for (int i = 0; withVectors && i < n; i++)
        {
            v[i * n + i] = 1;
        }

        if (!double.IsFinite(norm))
        {
            values[..n].Fill(double.NaN);
            if (withVectors)
            {
                vectors[..(n * n)].Fill(double.NaN);
            }

            return false;
        }

        double limit = OffDiagonalRelative * OffDiagonalRelative * norm;
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    off += 2 * a[p * n + q] * a[p * n + q];
                }
            }

            if (off <= limit)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }

        // Ascending eigenvalues, ties by index, so the order is the same on every run.
        int[] order = Enumerable.Range(0, n).OrderBy(i => a[i * n + i]).ThenBy(i => i).ToArray();
        for (int i = 0; i < n; i++)
        {
            values[i] = a[order[i] * n + order[i]];
            for (int k = 0; withVectors && k < n; k++)
            {
                vectors[k * n + i] = v[k * n + order[i]];
            }
        }

        return true;
    }

    /// <summary>The eigenvalues of <paramref name="matrix"/> in ascending order (see <see cref="Decompose"/>).</summary>
    public static double[] Eigenvalues(ReadOnlySpan<double> matrix, int n)
    {
        var values = new double[n];
        Decompose(matrix, n, values, []);
        return values;
    }

    // One rotation in the (p, q) plane that zeroes a[p, q]: A <- Jᵀ A J, V <- V J.
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        double apq = a[p * n + q];
        if (apq == 0)
        {
            return;
        }

        double app = a[p * n + p], aqq = a[q * n + q];
        double theta = (aqq - app) / (2 * apq);
        // The smaller root of t² + 2θt - 1 = 0 (a rotation of at most 45°), written to stay accurate for large θ.
        double t = double.IsFinite(theta * theta)
            ? Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1))
            : 0.5 / theta;
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++)
        {
            double akp = a[k * n + p], akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }

        for (int k = 0; k < n; k++)
        {
            double apk = a[p * n + k], aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }

        // Exactly zero by construction; rounding would leave a few ulps that later sweeps would chase.
        a[p * n + q] = a[q * n + p] = 0;
        if (v.Length == 0)
        {
            return;
        }

        for (int k = 0; k < n; k++)
        {
            double vkp = v[k * n + p], vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }
}
