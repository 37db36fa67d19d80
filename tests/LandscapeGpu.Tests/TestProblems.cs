using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests;

/// <summary>Builds descent problems for tests with the landscape's own defaults unless told otherwise.</summary>
public static class TestProblems
{
    public static DescentProblem For(
        string landscape,
        int width,
        int height = -1,
        OptimizerKind optimizer = OptimizerKind.GradientDescent,
        Precision precision = Precision.F32,
        Box? box = null,
        double? learningRate = null,
        int? steps = null,
        double? tolerance = null)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(landscape) ?? throw new ArgumentException($"no landscape {landscape}");
        LandscapeInfo info = entry.Info;
        Box chosenBox = box ?? info.Box;
        int chosenHeight = height > 0 ? height : info.Dimensions == 1 ? 1 : width;
        double span = Math.Max(chosenBox.Width, chosenBox.Height);
        var settings = new OptimizerSettings(
            optimizer,
            learningRate ?? OptimizerSettings.DefaultLearningRate(optimizer, info.Defaults.LearningRate, span),
            Beta2: OptimizerSettings.DefaultBeta2For(optimizer),
            Epsilon: OptimizerSettings.DefaultEpsilonFor(optimizer));
        double tol = tolerance ?? (precision == Precision.F32 ? info.Defaults.Tolerance : info.Defaults.Tolerance * 1e-3);
        return new DescentProblem(entry, settings.Validated(), new GridSpec(chosenBox, width, chosenHeight), steps ?? info.Defaults.Steps, tol, precision);
    }
}
