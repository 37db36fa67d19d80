namespace LandscapeGpu.Descents;

/// <summary>How a descent ended. The numeric values are the status the shared loop computes per lane.</summary>
public enum DescentOutcome : byte
{
    /// <summary>The step budget ran out before the gradient norm fell below the tolerance.</summary>
    Unconverged = 0,

    /// <summary>The gradient norm fell below the tolerance.</summary>
    Converged = 1,

    /// <summary>The weights left the divergence radius or became non-finite.</summary>
    Diverged = 2,
}
