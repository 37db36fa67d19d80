namespace LandscapeGpu.Descents;

/// <summary>The floating-point precision descents run in.</summary>
public enum Precision
{
    /// <summary>float32: what GPUs are fast at.</summary>
    F32,

    /// <summary>float64.</summary>
    F64,
}
