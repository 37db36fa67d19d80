using System.CommandLine;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Cli;

/// <summary>compare's per-optimizer hyperparameters: absent, each optimizer's map default; a plain value for all; OPTIMIZER=VALUE for one.</summary>
public sealed class PerOptimizerOptionsTests
{
    [Fact]
    public void SettingsOf_NoHyperparameters_EachOptimizersMapDefaults()
    {
        string[] landscape = ["himmelblau", "--box", "-1,5,0,2"];

        IReadOnlyList<OptimizerSettings> compared = Settings([.. landscape, "--optimizers", string.Join(',', OptimizerSettings.Names)]);

        Assert.Equal(OptimizerSettings.Names.Select(name => MapSettings([.. landscape, "--optimizer", name])), compared);
    }

    [Fact]
    public void SettingsOf_PlainAndNamedValues_PlainForTheOthersNamedForOne()
    {
        IReadOnlyList<OptimizerSettings> compared = Settings(["himmelblau", "--optimizers", "gd,adam,momentum", "--lr", "0.02,adam=0.05", "--momentum", "momentum=0.5", "--eps", "1e-6"]);

        Assert.Equal(MapSettings(["himmelblau", "--optimizer", "gd", "--lr", "0.02", "--eps", "1e-6"]), compared[0]);
        Assert.Equal(MapSettings(["himmelblau", "--optimizer", "adam", "--lr", "0.05", "--eps", "1e-6"]), compared[1]);
        Assert.Equal(MapSettings(["himmelblau", "--optimizer", "momentum", "--lr", "0.02", "--momentum", "0.5", "--eps", "1e-6"]), compared[2]);
    }

    private static IReadOnlyList<OptimizerSettings> Settings(string[] arguments)
    {
        var descent = CompareCommand.CreateDescentOptions();
        var optimizers = new PerOptimizerOptions();
        var command = new Command("test");
        descent.AddTo(command, withOptimizer: false);
        optimizers.AddTo(command);
        ParseResult parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        IReadOnlyList<OptimizerKind> kinds = optimizers.Kinds(parsed);
        IReadOnlyList<OptimizerSettings>? settings = null;
        descent.ToProblem(parsed, (info, box) => (settings = optimizers.SettingsOf(parsed, kinds, info.Defaults, box))[0]);
        return settings!;
    }

    private static OptimizerSettings MapSettings(string[] arguments)
    {
        var descent = MapCommand.CreateDescentOptions();
        var command = new Command("test");
        descent.AddTo(command);
        ParseResult parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        DescentProblem problem = descent.ToProblem(parsed);
        return problem.Optimizer;
    }
}
