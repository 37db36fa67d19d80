namespace LandscapeGpu.Optimizers;

/// <summary>The update rules the engine knows.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent: w ← w − lr·g.</summary>
    GradientDescent,

    /// <summary>Heavy-ball momentum: v ← μv + g; w ← w − lr·v.</summary>
    Momentum,

    /// <summary>Nesterov momentum (as PyTorch writes it): v ← μv + g; w ← w − lr·(g + μv).</summary>
    Nesterov,

    /// <summary>RMSProp: s ← ρs + (1−ρ)g²; w ← w − lr·g/(√s + ε), with ρ = β2.</summary>
    RmsProp,

    /// <summary>Adam with bias correction.</summary>
    Adam,

    /// <summary>Damped Newton: w ← w − lr·(H + εI)⁻¹g, the Hessian exact by automatic differentiation.</summary>
    Newton,
}
