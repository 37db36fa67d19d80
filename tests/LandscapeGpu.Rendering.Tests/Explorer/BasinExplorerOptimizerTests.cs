using System.CommandLine;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>The view's optimizer key gives the settings map gives for that optimizer on the same box: one factory.</summary>
public sealed class BasinExplorerOptimizerTests
{
    [Fact]
    public void OnKeyO_EveryOptimizer_GivesTheSettingsOfMapWithTheSameBox()
    {
        // A box wider than it is high and away from the landscape's usual one: rmsprop's and adam's lr follow its span.
        string[] home = ["himmelblau", "--box", "-1,5,0,2"];
        DescentProblem problem = MapProblem(home);
        // An engine of its own: the explorer computes on a background thread, which used the shared ILGPU engine at the
        // same time as tests in other collections and crashed the test host (NullReferenceException in ILGPULauncher).
        using var computer = new MapComputer(() => EngineFactory.Create(DeviceChoice.Cpu));
        var explorer = new BasinExplorer(problem with { Grid = new GridSpec(problem.Grid.Box, 16, 16) }, 16, 16, computer);
        foreach (OptimizerKind expected in Enum.GetValues<OptimizerKind>().Skip(1))
        {
            explorer.OnKey(Key.O);

            Assert.Equal(MapProblem([.. home, "--optimizer", OptimizerSettings.NameOf(expected)]).Optimizer, explorer.Problem.Optimizer);
            if (expected == OptimizerKind.Adam)
            {
                // A thousandth of the home box's span (6), not of the landscape's usual box (10).
                Assert.Equal(6e-3, explorer.Problem.Optimizer.LearningRate, 1e-15);
            }
        }
    }

    private static DescentProblem MapProblem(string[] arguments)
    {
        DescentOptions descent = MapCommand.CreateDescentOptions();
        var command = new Command("map");
        descent.AddTo(command);
        return descent.ToProblem(command.Parse(arguments));
    }
}
