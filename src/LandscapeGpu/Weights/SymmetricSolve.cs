using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Weights;

/// <summary>
/// Solves (H + εI)·d = g for a symmetric H held in a register-resident <see cref="ISymmetricWeights{T, TSelf}"/>: the
/// damped Newton step of <see cref="WeightNewton{T}"/>, the same code in kernels, on SIMD lanes and in float64.
/// </summary>
public static class SymmetricSolve
{
    /// <summary>
    /// The solution d of (<paramref name="matrix"/> + <paramref name="damping"/>·I)·d = <paramref name="right"/> over
    /// the first <paramref name="count"/> rows, by an LDLᵀ factorization (Gaussian elimination that keeps the symmetry)
    /// done in place in <paramref name="matrix"/>; entries at and above <paramref name="count"/> are zero.
    /// </summary>
    /// <remarks>
    /// No pivoting, on purpose: rows cannot be swapped lane by lane in SIMD registers, and an indefinite Hessian (a
    /// saddle, which Newton seeks as readily as a minimum) is handled as long as its leading minors do not vanish, as
    /// the 2-D rule's Cramer solve is as long as its determinant does not. A vanishing pivot gives an infinite or NaN
    /// step, which the descent loop's radius rule then reports as a divergence, as the 2-D rule does with a zero determinant.
    /// </remarks>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TWeights">The vector type.</typeparam>
    /// <typeparam name="THessian">The symmetric matrix type (overwritten by L below the diagonal and D on it).</typeparam>
    /// <param name="matrix">The symmetric matrix in; its factors out.</param>
    /// <param name="damping">ε added to the diagonal.</param>
    /// <param name="right">The right-hand side.</param>
    /// <param name="count">The rows in use (the model's weight count).</param>
    public static TWeights Solve<T, TWeights, THessian>(ref THessian matrix, T damping, in TWeights right, int count)
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        // Factor: for each column j, D_j = A_jj − Σ_{k<j} L_jk²·D_k, then L_ij = (A_ij − Σ_{k<j} L_ik·L_jk·D_k) / D_j.
        for (int j = 0; j < count; j++)
        {
            T pivot = THessian.Get(matrix, j, j) + damping;
            for (int k = 0; k < j; k++)
            {
                T ljk = THessian.Get(matrix, j, k);
                pivot -= ljk * ljk * THessian.Get(matrix, k, k);
            }

            THessian.Set(ref matrix, j, j, pivot);
            for (int i = j + 1; i < count; i++)
            {
                T sum = THessian.Get(matrix, i, j);
                for (int k = 0; k < j; k++)
                {
                    sum -= THessian.Get(matrix, i, k) * THessian.Get(matrix, j, k) * THessian.Get(matrix, k, k);
                }

                THessian.Set(ref matrix, i, j, sum / pivot);
            }
        }

        // L·z = g (forward), then D·y = z, then Lᵀ·d = y (backward).
        TWeights solution = right;
        for (int i = 0; i < count; i++)
        {
            T sum = TWeights.Get(solution, i);
            for (int k = 0; k < i; k++)
            {
                sum -= THessian.Get(matrix, i, k) * TWeights.Get(solution, k);
            }

            TWeights.Set(ref solution, i, sum);
        }

        for (int i = 0; i < count; i++)
        {
            TWeights.Set(ref solution, i, TWeights.Get(solution, i) / THessian.Get(matrix, i, i));
        }

        for (int i = count - 1; i >= 0; i--)
        {
            T sum = TWeights.Get(solution, i);
            for (int k = i + 1; k < count; k++)
            {
                sum -= THessian.Get(matrix, k, i) * TWeights.Get(solution, k);
            }

            TWeights.Set(ref solution, i, sum);
        }

        return solution;
    }
}
