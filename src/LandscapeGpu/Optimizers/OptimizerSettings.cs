using System.Globalization;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Optimizers;

/// <summary>A validated choice of update rule and its hyperparameters.</summary>
/// <param name="Kind">The rule.</param>
/// <param name="LearningRate">Step size, positive.</param>
/// <param name="Momentum">μ for momentum and nesterov, in [0, 1).</param>
/// <param name="Beta1">Adam's first-moment decay, in [0, 1).</param>
/// <param name="Beta2">Adam's second-moment decay and RMSProp's ρ, in [0, 1).</param>
/// <param name="Epsilon">Adam's and RMSProp's ε; Newton's damping added to the Hessian's diagonal. Positive.</param>
public sealed record OptimizerSettings(
    OptimizerKind Kind,
    double LearningRate,
    double Momentum = OptimizerSettings.DefaultMomentum,
    double Beta1 = OptimizerSettings.DefaultBeta1,
    double Beta2 = OptimizerSettings.DefaultBeta2,
    double Epsilon = OptimizerSettings.DefaultEpsilon)
{
    /// <summary>Default μ.</summary>
    public const double DefaultMomentum = 0.9;

    /// <summary>Default β1.</summary>
    public const double DefaultBeta1 = 0.9;

    /// <summary>Default β2 (Adam).</summary>
    public const double DefaultBeta2 = 0.999;

    /// <summary>Default ρ for RMSProp (given as β2).</summary>
    public const double DefaultRmsPropDecay = 0.99;

    /// <summary>Default ε (Adam, RMSProp).</summary>
    public const double DefaultEpsilon = 1e-8;

    /// <summary>Default damping added to the Hessian's diagonal by Newton's method.</summary>
    public const double DefaultNewtonDamping = 1e-6;

    /// <summary>The name used on the command line.</summary>
    public string Name => NameOf(Kind);

    /// <summary>The command-line names of every optimizer.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<OptimizerKind>().Select(NameOf).ToArray();

    /// <summary>The command-line name of <paramref name="kind"/>.</summary>
    public static string NameOf(OptimizerKind kind) => kind switch
    {
        OptimizerKind.GradientDescent => "gd",
        OptimizerKind.Momentum => "momentum",
        OptimizerKind.Nesterov => "nesterov",
        OptimizerKind.RmsProp => "rmsprop",
        OptimizerKind.Adam => "adam",
        OptimizerKind.Newton => "newton",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind"),
    };

    /// <summary>Parses an optimizer name.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static OptimizerKind ParseKind(string name)
    {
        foreach (OptimizerKind kind in Enum.GetValues<OptimizerKind>())
        {
            if (string.Equals(NameOf(kind), name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new ArgumentException($"unknown optimizer '{name}'; valid: {string.Join(", ", Names)}", nameof(name));
    }

    /// <summary>
    /// The default learning rate of <paramref name="kind"/> on a landscape whose plain-GD rate is
    /// <paramref name="landscapeRate"/> and whose box is <paramref name="boxSpan"/> wide: the gradient family
    /// takes the landscape's rate; RMSProp and Adam move about lr per step, so they take a thousandth of the
    /// box; Newton takes full steps.
    /// </summary>
    public static double DefaultLearningRate(OptimizerKind kind, double landscapeRate, double boxSpan) => kind switch
    {
        OptimizerKind.RmsProp or OptimizerKind.Adam => 1e-3 * boxSpan,
        OptimizerKind.Newton => 1.0,
        _ => landscapeRate,
    };

    /// <summary>
    /// The settings of <paramref name="kind"/> when none is given, on a landscape with <paramref name="landscape"/>'s
    /// defaults mapped over <paramref name="box"/>: the one place defaults are made, for <c>map</c>'s options and the
    /// view's optimizer key alike (<see cref="DefaultLearningRate"/>, <see cref="DefaultBeta2For"/>,
    /// <see cref="DefaultEpsilonFor"/>, <see cref="DefaultMomentum"/>, <see cref="DefaultBeta1"/>).
    /// </summary>
    public static OptimizerSettings DefaultsFor(OptimizerKind kind, LandscapeDefaults landscape, Box box) =>
        new(kind, DefaultLearningRate(kind, landscape.LearningRate, Math.Max(box.Width, box.Height)),
            DefaultMomentum, DefaultBeta1, DefaultBeta2For(kind), DefaultEpsilonFor(kind));

    /// <summary>The default β2 of <paramref name="kind"/>: RMSProp's ρ is 0.99, Adam's β2 0.999.</summary>
    public static double DefaultBeta2For(OptimizerKind kind) => kind == OptimizerKind.RmsProp ? DefaultRmsPropDecay : DefaultBeta2;

    /// <summary>The default ε of <paramref name="kind"/>: Newton's damping, or Adam's and RMSProp's ε.</summary>
    public static double DefaultEpsilonFor(OptimizerKind kind) => kind == OptimizerKind.Newton ? DefaultNewtonDamping : DefaultEpsilon;

    /// <summary>Checks every hyperparameter and names the first one out of range (lr, momentum, beta1, beta2, eps).</summary>
    /// <exception cref="InvalidParameterException">A hyperparameter is out of its valid range.</exception>
    public OptimizerSettings Validated()
    {
        Require(LearningRate, "lr", LearningRate > 0, "a positive number");
        Require(Momentum, "momentum", Momentum is >= 0 and < 1, "in [0, 1)");
        Require(Beta1, "beta1", Beta1 is >= 0 and < 1, "in [0, 1)");
        Require(Beta2, "beta2", Beta2 is >= 0 and < 1, "in [0, 1)");
        Require(Epsilon, "eps", Epsilon > 0, "a positive number");
        return this;
    }

    private static void Require(double value, string parameter, bool valid, string expected)
    {
        if (!valid || !double.IsFinite(value))
        {
            throw InvalidParameterException.MustBe(parameter, value.ToString("R", CultureInfo.InvariantCulture), expected);
        }
    }
}
