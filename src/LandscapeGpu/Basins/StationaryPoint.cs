namespace LandscapeGpu.Basins;

/// <summary>What kind of stationary point an attractor is, from the signs of its Hessian's eigenvalues.</summary>
public enum StationaryKind
{
    /// <summary>No negative curvature.</summary>
    Minimum,

    /// <summary>Curvature of both signs.</summary>
    Saddle,

    /// <summary>No positive curvature.</summary>
    Maximum,
}

/// <summary>A distinct point that descents converged to, refined in float64, with the share of starts that reached it.</summary>
/// <param name="Id">Its id in basin maps: 0 has the lowest loss.</param>
/// <param name="X">x, refined by Newton's method in float64 where that converged.</param>
/// <param name="Y">y.</param>
/// <param name="Loss">f(x, y).</param>
/// <param name="Kind">Minimum, saddle or maximum.</param>
/// <param name="Refined">False where Newton's method did not converge nearby and the point is the cluster's centre.</param>
/// <param name="Count">Starts that reached it.</param>
/// <param name="Fraction">Count over all starts of the grid.</param>
/// <param name="MeanSteps">Mean steps those starts took.</param>
/// <param name="IsGlobal">True for the minima of lowest loss (ties within 1e-8 relative count as global).</param>
public sealed record StationaryPoint(
    int Id, double X, double Y, double Loss, StationaryKind Kind, bool Refined,
    long Count, double Fraction, double MeanSteps, bool IsGlobal)
{
    /// <summary>"minimum", "saddle" or "maximum".</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}
