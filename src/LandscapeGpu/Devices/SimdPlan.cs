namespace LandscapeGpu.Devices;

/// <summary>How the SIMD engine compiles one kind of problem: its lane width, and whether the loop calls the gradient.</summary>
/// <param name="Width">256- or 512-bit lanes (never <see cref="SimdWidth.Auto"/>).</param>
/// <param name="CallsGradient">
/// Whether the descent loop calls the landscape's gradient as a method of its own (<see cref="OutlinedGradient{TLandscape}"/>)
/// instead of inlining its four copies: slower for a small polynomial, faster for a large or exp-heavy one, where the
/// inlined copies exhaust the JIT's budget of locals.
/// </param>
public readonly record struct SimdPlan(SimdWidth Width, bool CallsGradient)
{
    /// <summary>The plan as a user reads it, e.g. "512-bit lanes, gradient inlined".</summary>
    public override string ToString() => $"{SimdWidths.Name(Width)}-bit lanes, gradient {(CallsGradient ? "called" : "inlined")}";

    /// <summary>The plans worth timing: each width allowed by <paramref name="width"/> (both under auto where the CPU has native 512-bit vectors), each with and without the call.</summary>
    public static IReadOnlyList<SimdPlan> Candidates(SimdWidth width, bool has512)
    {
        SimdWidth[] widths = width switch
        {
            SimdWidth.Auto => has512 ? [SimdWidth.Bits512, SimdWidth.Bits256] : [SimdWidth.Bits256],
            _ => [width],
        };
        return [.. widths.SelectMany(lanes => new[] { new SimdPlan(lanes, false), new SimdPlan(lanes, true) })];
    }
}
