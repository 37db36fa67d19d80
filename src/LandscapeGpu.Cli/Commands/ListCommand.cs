using System.CommandLine;
using System.Globalization;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Cli.Commands;

/// <summary><c>landscape list</c>: the built-in landscapes with their boxes and known minima, and the optimizers with their defaults.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the built-in landscapes (box, known minima, defaults) and the optimizers (hyperparameter defaults).");
        command.SetAction(_ =>
        {
            Print(Console.Out);
            return 0;
        });
        return command;
    }

    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine("Landscapes:");
        foreach (LandscapeEntry entry in BuiltInLandscapes.All)
        {
            LandscapeInfo info = entry.Info;
            string box = info.Dimensions == 1
                ? string.Create(culture, $"[{info.Box.X0}, {info.Box.X1}] (1-D)")
                : string.Create(culture, $"[{info.Box.X0}, {info.Box.X1}] x [{info.Box.Y0}, {info.Box.Y1}]");
            output.WriteLine($"  {info.Name,-17} f = {info.Formula}");
            output.WriteLine($"  {"",-17} box {box}; defaults: lr {info.Defaults.LearningRate.ToString(culture)}, steps {info.Defaults.Steps}, tol {info.Defaults.Tolerance.ToString(culture)} (f32)");
            string minima = string.Join("; ", info.KnownMinima.Select(p => info.Dimensions == 1
                ? string.Create(culture, $"x={p.X} -> {p.Loss}")
                : string.Create(culture, $"({p.X}, {p.Y}) -> {p.Loss}")));
            output.WriteLine($"  {"",-17} known minima: {minima}");
            if (info.Note is not null)
            {
                output.WriteLine($"  {"",-17} note: {info.Note}");
            }
        }

        output.WriteLine();
        output.WriteLine("Formulas: any other landscape argument is read as a formula in x and y (only one of them: a 1-D cost).");
        output.WriteLine("  operators + - * / ^ (right-associative; -x^2 is -(x^2)), constants pi e, numbers like 2 .5 1e-3");
        output.WriteLine($"  functions {FormulaFunctions.Names}");
        output.WriteLine(string.Create(culture, $"  box [{FormulaLandscapes.DefaultBox.X0}, {FormulaLandscapes.DefaultBox.X1}]^2; defaults: lr {FormulaLandscapes.Defaults.LearningRate}, steps {FormulaLandscapes.Defaults.Steps}, tol {FormulaLandscapes.Defaults.Tolerance} (f32)"));
        output.WriteLine();
        output.WriteLine($"Data sets (--model FORMULA --data NAME|PATH, --loss {string.Join("|", ResidualLossKinds.Names)}):");
        foreach (string name in DataSets.ShippedNames)
        {
            DataSet data = DataSets.Load(name);
            output.WriteLine($"  {name,-17} {data.Rows} rows, inputs {string.Join(", ", data.Inputs)}; {data.Description ?? "no description"}");
        }

        output.WriteLine(string.Create(culture, $"  model box [{ModelLandscapes.DefaultBox.X0}, {ModelLandscapes.DefaultBox.X1}]^2; defaults: lr {ModelLandscapes.Defaults.LearningRate}, steps {ModelLandscapes.Defaults.Steps}, tol {ModelLandscapes.Defaults.Tolerance} (f32)"));
        output.WriteLine();
        output.WriteLine("Optimizers:");
        output.WriteLine("  gd          w -= lr*g                                   lr: the landscape's");
        output.WriteLine($"  momentum    v = mu*v + g; w -= lr*v                      mu {OptimizerSettings.DefaultMomentum.ToString(culture)}");
        output.WriteLine($"  nesterov    v = mu*v + g; w -= lr*(g + mu*v)             mu {OptimizerSettings.DefaultMomentum.ToString(culture)}");
        output.WriteLine($"  rmsprop     s = rho*s + (1-rho)*g^2; w -= lr*g/(sqrt(s)+eps)   rho (--beta2) {OptimizerSettings.DefaultRmsPropDecay.ToString(culture)}, eps {OptimizerSettings.DefaultEpsilon.ToString(culture)}, lr box/1000");
        output.WriteLine($"  adam        bias-corrected moments                      beta1 {OptimizerSettings.DefaultBeta1.ToString(culture)}, beta2 {OptimizerSettings.DefaultBeta2.ToString(culture)}, eps {OptimizerSettings.DefaultEpsilon.ToString(culture)}, lr box/1000");
        output.WriteLine($"  newton      w -= lr*(H + eps*I)^-1 g, exact Hessian     lr 1, eps {OptimizerSettings.DefaultNewtonDamping.ToString(culture)}");
    }
}
