using LandscapeGpu.Landscapes.BuiltIn;

namespace LandscapeGpu.Landscapes;

/// <summary>
/// The landscapes that ship with the tool, each with its usual box and published minima (values from
/// shared MINIMA.md, refined at high precision).
/// </summary>
public static class BuiltInLandscapes
{
    /// <summary>Every built-in landscape, in the order <c>landscape list</c> shows them.</summary>
    public static IReadOnlyList<LandscapeEntry> All { get; } =
    [
        LandscapeEntry.Create(new Himmelblau(), new LandscapeInfo(
            "himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", 2, new Box(-5, 5, -5, 5),
            [new(3, 2, 0), new(-2.80511808695, 3.13131251825, 0), new(-3.77931025338, -3.28318599129, 0), new(3.58442834033, -1.84812652696, 0)],
            new LandscapeDefaults(0.01, 1000, 1e-3))),
        LandscapeEntry.Create(new Rosenbrock(), new LandscapeInfo(
            "rosenbrock", "(1-x)^2 + 100(y-x^2)^2", 2, new Box(-2, 2, -1, 3),
            [new(1, 1, 0)],
            new LandscapeDefaults(1e-3, 50000, 1e-3),
            "plain GD crawls along the curved valley: most of the budget is spent there")),
        LandscapeEntry.Create(new Rastrigin(), new LandscapeInfo(
            "rastrigin", "20 + x^2 - 10cos(2 pi x) + y^2 - 10cos(2 pi y)", 2, new Box(-5.12, 5.12, -5.12, 5.12),
            [new(0, 0, 0), new(0.9949586, 0, 0.994959), new(0.9949586, 0.9949586, 1.989918)],
            new LandscapeDefaults(0.002, 2000, 1e-3))),
        LandscapeEntry.Create(new Ackley(), new LandscapeInfo(
            "ackley", "-20exp(-0.2 sqrt((x^2+y^2)/2)) - exp((cos 2 pi x + cos 2 pi y)/2) + 20 + e", 2, new Box(-32.768, 32.768, -32.768, 32.768),
            [new(0, 0, 0), new(0.95217, 0, 2.57993), new(0.96848, 0.96848, 3.57445)],
            new LandscapeDefaults(0.01, 2000, 1e-3),
            "the global minimum is a cone point: the gradient does not vanish there, so gradient methods orbit it and report 'not converged'; 'global' then marks the lowest minimum reached")),
        LandscapeEntry.Create(new Beale(), new LandscapeInfo(
            "beale", "(1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2", 2, new Box(-4.5, 4.5, -4.5, 4.5),
            [new(3, 0.5, 0)],
            new LandscapeDefaults(1e-3, 50000, 1e-3),
            "steep walls: from the corners of the box plain GD diverges at any usable learning rate")),
        LandscapeEntry.Create(new Booth(), new LandscapeInfo(
            "booth", "(x+2y-7)^2 + (2x+y-5)^2", 2, new Box(-10, 10, -10, 10),
            [new(1, 3, 0)],
            new LandscapeDefaults(0.05, 1000, 1e-3))),
        LandscapeEntry.Create(new GoldsteinPrice(), new LandscapeInfo(
            "goldstein-price", "[1+(x+y+1)^2 (19-14x+3x^2-14y+6xy+3y^2)] [30+(2x-3y)^2 (18-32x+12x^2+48y-36xy+27y^2)]", 2, new Box(-2, 2, -2, 2),
            [new(0, -1, 3), new(-0.6, -0.4, 30), new(1.8, 0.2, 84), new(1.2, 0.8, 840)],
            new LandscapeDefaults(2e-5, 20000, 0.05),
            "values reach 10^6 in the box, so float32 gradients carry absolute errors near 0.01")),
        LandscapeEntry.Create(new StyblinskiTang(), new LandscapeInfo(
            "styblinski-tang", "(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y)/2", 2, new Box(-5, 5, -5, 5),
            [new(-2.903534, -2.903534, -78.3323314075), new(-2.9035340, 2.7468028, -64.1956124), new(2.7468028, -2.9035340, -64.1956124), new(2.7468028, 2.7468028, -50.0588933)],
            new LandscapeDefaults(0.01, 1000, 1e-3))),
        LandscapeEntry.Create(new ThreeHumpCamel(), new LandscapeInfo(
            "three-hump-camel", "2x^2 - 1.05x^4 + x^6/6 + xy + y^2", 2, new Box(-5, 5, -5, 5),
            [new(0, 0, 0), new(1.74755234583, -0.87377617292, 0.29863844224), new(-1.74755234583, 0.87377617292, 0.29863844224)],
            new LandscapeDefaults(5e-4, 20000, 1e-3))),
        LandscapeEntry.Create(new MullerBrown(), new LandscapeInfo(
            "muller-brown", "sum_k A_k exp(a_k (x-x0_k)^2 + b_k (x-x0_k)(y-y0_k) + c_k (y-y0_k)^2)", 2, new Box(-1.5, 1.2, -0.5, 2),
            [new(-0.5582236346, 1.4417258418, -146.6995172), new(0.6234994049, 0.0280377585, -108.1667241), new(-0.0500108230, 0.4666941049, -80.7678181)],
            new LandscapeDefaults(1e-4, 20000, 0.01))),
        LandscapeEntry.Create(new Parabola(), new LandscapeInfo(
            "parabola", "x^2", 1, new Box(-3, 3, 0, 0),
            [new(0, 0, 0)],
            new LandscapeDefaults(0.1, 1000, 1e-4))),
        LandscapeEntry.Create(new Quartic(), new LandscapeInfo(
            "quartic", "x^4 - 3x^2 + x", 1, new Box(-2, 2, 0, 0),
            [new(-1.30083956594, 0, -3.51390503893), new(1.13090112263, 0, -1.07023018178)],
            new LandscapeDefaults(0.01, 1000, 1e-4))),
    ];

    /// <summary>Finds a built-in landscape by name (case-insensitive), or returns null.</summary>
    public static LandscapeEntry? Find(string name) =>
        All.FirstOrDefault(entry => string.Equals(entry.Info.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of every built-in landscape, comma-separated, for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(entry => entry.Info.Name));
}
