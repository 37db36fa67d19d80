using LandscapeGpu.Landscapes;

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

/// <summary>Whether an attractor is one point or a connected set of stationary points at one loss.</summary>
public enum StationaryShape
{
    /// <summary>An isolated stationary point.</summary>
    Point,

    /// <summary>A curve of stationary points: the Hessian has one zero eigenvalue along it.</summary>
    Valley,

    /// <summary>A region of stationary points: the Hessian vanishes there.</summary>
    Plateau,
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
/// <param name="Shape">A point, or a valley or plateau joined from several stationary points (then X, Y is the member nearest their centroid).</param>
/// <param name="Extent">The box the members span; a point's is the point itself.</param>
/// <param name="Members">Stationary points joined: 1 for a point.</param>
/// <param name="HessianLower">The smaller eigenvalue of the Hessian at (X, Y).</param>
/// <param name="HessianUpper">The larger eigenvalue.</param>
public sealed record StationaryPoint(
    int Id, double X, double Y, double Loss, StationaryKind Kind, bool Refined,
    long Count, double Fraction, double MeanSteps, bool IsGlobal,
    StationaryShape Shape = StationaryShape.Point, Box Extent = default, int Members = 1, double HessianLower = 0, double HessianUpper = 0)
{
    /// <summary>
    /// "minimum", "saddle" or "maximum" for a point; "valley" or "plateau" for a set of minima, "maximum-set" for a
    /// ridge of maxima (a degenerate set cannot be a saddle: one zero and one nonzero eigenvalue have one sign).
    /// </summary>
    public string KindName => Shape switch
    {
        StationaryShape.Valley when Kind == StationaryKind.Minimum => "valley",
        StationaryShape.Valley or StationaryShape.Plateau when Kind == StationaryKind.Maximum => "maximum-set",
        StationaryShape.Valley => "saddle-set",
        StationaryShape.Plateau => "plateau",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
