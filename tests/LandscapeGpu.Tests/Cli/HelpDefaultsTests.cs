using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using LandscapeGpu.Cli;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Cli;

/// <summary>
/// Every default that <c>--help</c> prints is the one a command uses: the help of every command is read, and for every
/// option whose printed default is a value, giving that value explicitly must leave what the command runs unchanged.
/// A printed default is a list of clauses separated by ';': a plain value (the default on the default command line),
/// <c>OPTIMIZER: VALUE</c> (the default with that optimizer), or prose, which the other tests here check.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed partial class HelpDefaultsTests
{
    private static readonly string[] LandscapeArguments = ["himmelblau"];

    private static readonly string[] ModelArguments = ["--model", "w2*tanh(w1*x)", "--data", "tanh"];

    public static TheoryData<string> CommandNames() => [.. LandscapeCli.CreateRoot().Subcommands.Select(command => command.Name)];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_EveryPrintedDefault_IsTheValueTheCommandUses(string commandName)
    {
        Command command = LandscapeCli.CreateRoot().Subcommands.Single(c => c.Name == commandName);
        IReadOnlyDictionary<string, string> printed = PrintedDefaults(commandName);
        DescentOptions? descent = DescentOptionsOf(commandName);
        int checkedValues = 0;
        foreach (Option option in command.Options.Where(option => !option.Hidden))
        {
            if (!printed.TryGetValue(option.Name, out string? defaultText))
            {
                continue;
            }

            foreach ((string? optimizer, string value) in ValueClauses(defaultText))
            {
                if (descent is not null && DescentOption(descent, option.Name) is { } descentOption)
                {
                    // The same problem with and without the printed value given.
                    string[] baseLine = [.. ModelOnly(descent, descentOption) ? ModelArguments : LandscapeArguments,
                        .. optimizer is null ? [] : new[] { "--optimizer", optimizer }];
                    Assert.True(Problem(descent, baseLine) == Problem(descent, [.. baseLine, option.Name, value]),
                        $"{commandName} {option.Name}: the help says [default: {defaultText}], but giving {value}{(optimizer is null ? "" : $" with {optimizer}")} changes the run");
                }
                else
                {
                    Assert.Null(optimizer);
                    Assert.Equal(UsedDefault(commandName, option), value);
                }

                checkedValues++;
            }
        }

        // Not a test that checks nothing: every command with options prints some defaults as values.
        Assert.True(commandName is "list" or "merge" or "metrics" || checkedValues >= 5, $"{commandName}: only {checkedValues} printed defaults were checked");
    }

    [Fact]
    public void BenchHelp_GridAndSteps_AreTheBenchDefaults()
    {
        IReadOnlyDictionary<string, string> printed = PrintedDefaults("bench");
        Assert.Equal(BenchCommand.DefaultGrid.ToString(CultureInfo.InvariantCulture), printed["--grid"]);
        Assert.Equal(BenchCommand.DefaultSteps.ToString(CultureInfo.InvariantCulture), printed["--steps"]);
        DescentProblem problem = Problem(BenchCommand.CreateDescentOptions(), ["himmelblau"]).Problem;
        Assert.Equal((BenchCommand.DefaultGrid, BenchCommand.DefaultGrid, BenchCommand.DefaultSteps), (problem.Grid.Width, problem.Grid.Height, problem.MaxSteps));
    }

    [Fact]
    public void ViewHelp_ListsNoGridOption_WhichViewRefuses()
    {
        var (code, output, _) = CliRunner.RunInProcess("view", "--help");
        Assert.Equal(0, code);
        Assert.DoesNotContain("--grid", output, StringComparison.Ordinal);
        Assert.Contains("--size", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MapHelp_ProseDefaults_AreTheValuesUsed()
    {
        IReadOnlyDictionary<string, string> printed = PrintedDefaults("map");
        DescentOptions descent = MapCommand.CreateDescentOptions();
        DescentProblem himmelblau = Problem(descent, ["himmelblau"]).Problem;
        LandscapeInfo info = BuiltInLandscapes.Find("himmelblau")!.Info;
        Assert.StartsWith("the landscape's", printed["--steps"], StringComparison.Ordinal);
        Assert.Equal(info.Defaults.Steps, himmelblau.MaxSteps);
        Assert.StartsWith("the landscape's for f32, a thousandth of it for f64", printed["--tol"], StringComparison.Ordinal);
        Assert.Equal(info.Defaults.Tolerance, himmelblau.Tolerance);
        Assert.Equal(info.Defaults.Tolerance * 1e-3, Problem(descent, ["himmelblau", "--precision", "f64"]).Problem.Tolerance);
        Assert.StartsWith("the landscape's usual box", printed["--box"], StringComparison.Ordinal);
        Assert.Equal(info.Box, himmelblau.Grid.Box);
        // --lr: the landscape's for the gradient family, a thousandth of the box for rmsprop and adam.
        Assert.Contains("the landscape's for gd, momentum, nesterov; a thousandth of the box for rmsprop, adam", printed["--lr"], StringComparison.Ordinal);
        Assert.Equal(info.Defaults.LearningRate, Problem(descent, ["himmelblau", "--optimizer", "nesterov"]).Problem.Optimizer.LearningRate);
        Assert.Equal(1e-3 * 6, Problem(descent, ["himmelblau", "--optimizer", "adam", "--box", "-1,5,0,2"]).Problem.Optimizer.LearningRate);
        Assert.StartsWith(TileLayout.DefaultTileSide.ToString(CultureInfo.InvariantCulture) + ";", printed["--tile"], StringComparison.Ordinal);
    }

    [Fact]
    public void ViewHelp_SizeDefault_IsTheSizeUsed()
    {
        string size = PrintedDefaults("view")["--size"];
        Assert.StartsWith("1024x1024; 1024x512 for a 1-D landscape", size, StringComparison.Ordinal);
        Assert.Equal(ViewCommand.ParseSize("1024x1024", oneDimensional: false), ViewCommand.ParseSize(null, oneDimensional: false));
        Assert.Equal(ViewCommand.ParseSize("1024x512", oneDimensional: true), ViewCommand.ParseSize(null, oneDimensional: true));
    }

    // The options of a command's help, each with the text of its "[default: ...]", read from the help as printed
    // (entries may wrap over several lines).
    private static Dictionary<string, string> PrintedDefaults(string commandName)
    {
        var (code, output, error) = CliRunner.RunInProcess(commandName, "--help");
        Assert.True(code == 0, error);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        void Flush()
        {
            if (current is not null && DefaultPattern().Match(Regex.Replace(text.ToString(), @"\s+", " ")) is { Success: true } match)
            {
                entries[current] = match.Groups[1].Value.Trim();
            }
        }

        foreach (string line in output.Split('\n'))
        {
            if (OptionLinePattern().Match(line) is { Success: true } option)
            {
                Flush();
                current = option.Groups[1].Value;
                text.Clear().Append(line);
            }
            else if (line.Length > 0 && char.IsWhiteSpace(line[0]) && current is not null)
            {
                text.Append(' ').Append(line);
            }
            else
            {
                Flush();
                current = null;
                text.Clear();
            }
        }

        Flush();
        return entries;
    }

    // The clauses of a printed default that are values: "VALUE" or "OPTIMIZER: VALUE".
    private static IEnumerable<(string? Optimizer, string Value)> ValueClauses(string defaultText)
    {
        foreach (string clause in defaultText.Split(';', StringSplitOptions.TrimEntries))
        {
            if (ValuePattern().IsMatch(clause))
            {
                yield return (null, clause);
            }
            else if (OptimizerClausePattern().Match(clause) is { Success: true } match && OptimizerSettings.Names.Contains(match.Groups[1].Value))
            {
                yield return (match.Groups[1].Value, match.Groups[2].Value);
            }
        }
    }

    private static DescentOptions? DescentOptionsOf(string commandName) => commandName switch
    {
        "map" => MapCommand.CreateDescentOptions(),
        "view" => ViewCommand.CreateDescentOptions(),
        "bench" => BenchCommand.CreateDescentOptions(),
        "compare" => CompareCommand.CreateDescentOptions(),
        "bifurcation" => BifurcationCommand.CreateDescentOptions(),
        "sweep" => SweepCommand.CreateDescentOptions(),
        _ => null,
    };

    private static Option? DescentOption(DescentOptions descent, string name) =>
        new Option[] { descent.Model, descent.Data, descent.Loss, descent.Free, descent.Fix, descent.Grid, descent.Box, descent.Optimizer, descent.LearningRate,
            descent.Momentum, descent.Beta1, descent.Beta2, descent.Epsilon, descent.Steps, descent.Tolerance, descent.FixedSteps, descent.Precision, descent.Device }
        .SingleOrDefault(option => option.Name == name);

    private static bool ModelOnly(DescentOptions descent, Option option) =>
        option == descent.Data || option == descent.Loss || option == descent.Free || option == descent.Fix;

    // What a command line runs, as comparable values: the problem (its landscape by name and formula) and the devices.
    private static (DescentProblem Problem, string Landscape, string Devices) Problem(DescentOptions descent, string[] arguments)
    {
        var command = new Command("test");
        descent.AddTo(command);
        ParseResult parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        DescentProblem problem = descent.ToProblem(parsed);
        DeviceSelection devices = DeviceSelection.Parse(parsed.GetValue(descent.Device)!);
        string landscape = $"{problem.Landscape.Info.Name} {problem.Landscape.Info.Formula}";
        // The landscape entry is made afresh for formulas and models: compared by what it computes, not by reference.
        return (problem with { Landscape = null! }, landscape, $"{devices.All} {string.Join(",", devices.Choices)}");
    }

    // The default a command uses for an option outside the descent options: what the command falls back to when the
    // option is absent, else its parser's default value.
    private static string UsedDefault(string commandName, Option option)
    {
        switch (commandName, option.Name)
        {
            case ("map" or "sweep", "--tile"):
                // The tile side a tiled map (or a sweep's tiled frame) takes when --tile is absent (tiled here by --resume).
                DescentProblem problem = Problem(MapCommand.CreateDescentOptions(), LandscapeArguments).Problem;
                MapPlan plan = MapPlan.For(problem, Path.GetTempPath(), tileSide: null, resume: true, shard: null, severalDevices: false);
                return plan.Layout!.TileSide.ToString(CultureInfo.InvariantCulture);
            case ("view", "--size"):
                (int width, int height) = ViewCommand.ParseSize(null, oneDimensional: false);
                return string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        }

        Assert.True(option.HasDefaultValue, $"{commandName} {option.Name} prints a default but has none: add a test of the value it uses");
        return Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture)!;
    }

    [GeneratedRegex(@"\[default: ([^\]]*)\]")]
    private static partial Regex DefaultPattern();

    [GeneratedRegex(@"^  (?:-\S+, )*(--[a-z0-9-]+)")]
    private static partial Regex OptionLinePattern();

    [GeneratedRegex(@"^[A-Za-z0-9.+-]+$")]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"^([a-z]+): ([A-Za-z0-9.+-]+)$")]
    private static partial Regex OptimizerClausePattern();
}
