using System.CommandLine;
using LandscapeGpu.Cli;
using LandscapeGpu.Cli.Commands;

var root = new RootCommand("landscape: from which starting weights does gradient descent reach which minimum? " +
    "Runs one descent per start over a grid of starting weights on a GPU or the CPU and maps the basins of attraction.");
root.Subcommands.Add(MapCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(ViewCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(MergeCommand.Create());

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"landscape: error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'landscape --help' or 'landscape COMMAND --help' for usage.");
    return UsageException.ExitCode;
}

return parsed.Invoke();
