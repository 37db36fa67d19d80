using System.CommandLine;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Cli.Commands;

/// <summary>A many-weight run the command line asks for: the plan, its 2-D slice (defaults, grid, figure), the K-weight problem and the generated model.</summary>
/// <param name="Plan">Which weights are trained, free, started where and fixed.</param>
/// <param name="Slice">The 2-D problem with the other trained weights held at their starts.</param>
/// <param name="Problem">The K-weight problem.</param>
/// <param name="Model">The generated model.</param>
public sealed record ManyWeightsRun(TrainingPlan Plan, DescentProblem Slice, WeightDescentProblem Problem, WeightModelEntry Model);

/// <summary>
/// --train and --init (issue 14): descend in more of a model's weights than the two on the axes. Without --train a
/// map trains only its free weights, on the 2-D code path of today.
/// </summary>
public sealed class WeightOptions
{
    /// <summary>--train all|LIST.</summary>
    public Option<string> Train { get; } = new("--train")
    {
        Description = $"Descend in these weights of the --model too: 'all' (every weight not held by --fix) or a comma-separated list that includes the two --free ones; " +
            $"at most {WeightDescent.MaxWeights}. [default: only the --free weights, the 2-D map]",
        HelpName = "all|w1,w2,...",
    };

    /// <summary>--init w=VALUE,...</summary>
    public Option<string[]> Init { get; } = new("--init")
    {
        Description = "Starts of the trained weights that are not on the axes, e.g. --init w3=0.1,w4=-0.5 (repeat or separate with commas); every one needs a start.",
        HelpName = "w=VALUE",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Train);
        command.Options.Add(Init);
    }

    /// <summary>
    /// The many-weight run of the command line, or null when it trains only the free weights (no --train, or --train
    /// naming just them): the caller then runs today's 2-D map. Every bad choice throws a <see cref="UsageException"/> naming it.
    /// </summary>
    public ManyWeightsRun? Resolve(ParseResult parsed, DescentOptions descent)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(descent);
        bool trainGiven = parsed.GetResult(Train) is { Implicit: false };
        bool initGiven = parsed.GetResult(Init) is { Implicit: false };
        if (!trainGiven && !initGiven)
        {
            return null;
        }

        string model = parsed.GetValue(descent.Model) ?? throw new UsageException($"{(trainGiven ? "--train" : "--init")} is for a model's weights: add --model FORMULA and --data");
        if (!trainGiven)
        {
            throw new UsageException("--init gives the starts of trained weights: add --train all or --train w1,w2,...");
        }

        if (descent.Axes?.Requested(parsed) == true)
        {
            throw new UsageException("--train: a map with --axes descends in its free weights only; give one of --train and --axes");
        }

        string freeText = parsed.GetValue(descent.Free) ?? throw new UsageException("--train needs the two weights on the axes: add --free wA,wB");
        string dataName = parsed.GetValue(descent.Data) ?? throw new UsageException("--model needs --data: a shipped data set (see 'landscape list') or a CSV file");
        string train = parsed.GetValue(Train)!;
        string[] free = freeText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Dictionary<string, double> fixedWeights = DescentOptions.ParseWeightValues("--fix", "w2=0.5", parsed.GetValue(descent.Fix) ?? []);
        Dictionary<string, double> init = DescentOptions.ParseWeightValues("--init", "w3=0.1", parsed.GetValue(Init) ?? []);
        try
        {
            OptimizerKind kind = OptimizerSettings.ParseKind(parsed.GetValue(descent.Optimizer)!);
            ResidualLossKind loss = ResidualLossKinds.Parse(parsed.GetValue(descent.Loss)!);
            DataSet data = DataSets.Load(dataName);
            IEnumerable<string> listed = string.Equals(train.Trim(), TrainingPlan.All, StringComparison.OrdinalIgnoreCase)
                ? []
                : train.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            IReadOnlyList<string> weights = WeightModels.WeightsOf(model, data, free.Concat(fixedWeights.Keys).Concat(init.Keys).Concat(listed));
            TrainingPlan plan = TrainingPlan.Resolve(weights, free, train, init, fixedWeights, kind);
            if (plan.OnlyFree)
            {
                return null;
            }

            DescentProblem slice = descent.ToSliceProblem(parsed, plan.Init);
            WeightDescentProblem problem = plan.ToProblem(slice.Optimizer, slice.Grid, slice.MaxSteps, slice.Tolerance, slice.Precision, slice.FixedSteps);
            WeightModelEntry entry = WeightModels.Create(new WeightModelSpec(model, data, loss, plan.Trained, plan.Fixed));
            return new ManyWeightsRun(plan, slice, problem, entry);
        }
        catch (ArgumentException error)
        {
            throw UsageException.From(error);
        }
    }
}
