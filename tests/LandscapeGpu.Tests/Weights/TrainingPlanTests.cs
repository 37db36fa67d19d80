using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

public sealed class TrainingPlanTests
{
    private static readonly string[] Xor = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9"];
    private static readonly string[] Axes = ["w1", "w2"];
    private static readonly Dictionary<string, double> NoValues = [];

    private static Dictionary<string, double> InitAll() =>
        Xor.Skip(2).Select((name, i) => (name, value: 0.1 * (i + 1))).ToDictionary(p => p.name, p => p.value);

    [Fact]
    public void Resolve_TrainAll_TrainsEveryWeightNotFixedInModelOrder()
    {
        Dictionary<string, double> init = InitAll();
        init.Remove("w9");
        TrainingPlan plan = TrainingPlan.Resolve(Xor, ["w2", "w1"], "all", init, new Dictionary<string, double> { ["w9"] = 0.5 }, OptimizerKind.Adam);
        Assert.Equal(Xor.Take(8), plan.Trained);
        Assert.Equal(1, plan.FreeXIndex);
        Assert.Equal(0, plan.FreeYIndex);
        Assert.Equal([0, 0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001], plan.Start());
        Assert.False(plan.OnlyFree);
    }

    [Fact]
    public void Resolve_NoTrain_TrainsOnlyTheFreeWeights()
    {
        Dictionary<string, double> fix = InitAll();
        TrainingPlan plan = TrainingPlan.Resolve(Xor, Axes, null, NoValues, fix, OptimizerKind.GradientDescent);
        Assert.True(plan.OnlyFree);
        Assert.Equal(Axes, plan.Trained);
    }

    [Fact]
    public void Resolve_List_KeepsTheModelOrder()
    {
        TrainingPlan plan = TrainingPlan.Resolve(["w1", "w2", "w3", "w4"], ["w4", "w2"], "w4,w3,w2", new Dictionary<string, double> { ["w3"] = 2 },
            new Dictionary<string, double> { ["w1"] = 1 }, OptimizerKind.GradientDescent);
        Assert.Equal(["w2", "w3", "w4"], plan.Trained);
        Assert.Equal([0, 2, 0], plan.Start());
        Assert.Equal(2, plan.FreeXIndex);
    }

    public static TheoryData<string?, string, string, string, string> Invalid() => new()
    {
        // train, init, fix, parameter, message
        { "w1,w2,w10", "", "", "train", "{train} w10: the model has no weight 'w10'; its weights: w1, w2, w3, w4" },
        { "w1,w2,w3", "w3=1", "w3=2", "train", "{train} w3: w3 is also held constant by {fix}; a weight is either trained or fixed" },
        { "w1,w2,w3", "", "w4=0", "init", "the trained weight w3 has no start: give it one with {init} w3=VALUE" },
        { "w1,w3", "w3=1", "w4=0", "train", "{train} w1,w3: the free weight w2 spans an axis, so it is trained; add it to {train} or write {train} all" },
        { "w1,w2,w3", "w3=1", "", "train", "the weight w4 is neither trained nor fixed: add it to {train} (with a start in {init}) or give it a value with {fix}" },
        { "all", "w3=1,w4=2,w1=3", "", "init", "{init} w1: w1 is on an axis, its starts come from the box" },
        { "w1,w2,w3", "w3=1,w4=2", "w4=0", "init", "{init} w4: w4 is not trained, so it has no start; trained: w1, w2, w3" },
        { "all", "w3=1,w4=2", "w7=1", "fix", "{fix} w7: the model has no weight 'w7'; its weights: w1, w2, w3, w4" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Resolve_BadChoice_NamesTheWeight(string? train, string init, string fix, string parameter, string message)
    {
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() =>
            TrainingPlan.Resolve(["w1", "w2", "w3", "w4"], Axes, train, Values(init), Values(fix), OptimizerKind.GradientDescent));
        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(message, error.Template);
    }

    [Fact]
    public void Resolve_MoreWeightsThanTheCap_Refuses()
    {
        string[] weights = Enumerable.Range(1, 17).Select(i => $"w{i}").ToArray();
        Dictionary<string, double> init = weights.Skip(2).ToDictionary(name => name, _ => 0.5);
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() =>
            TrainingPlan.Resolve(weights, Axes, "all", init, NoValues, OptimizerKind.Adam));
        Assert.Equal("train", error.Parameter);
        Assert.EndsWith("a descent holds at most 16", error.Template);
    }

    private static Dictionary<string, double> Values(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(item => item.Split('=')).ToDictionary(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
}
