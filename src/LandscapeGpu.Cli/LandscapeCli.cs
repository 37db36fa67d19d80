using System.CommandLine;
using LandscapeGpu.Cli.Commands;

namespace LandscapeGpu.Cli;

/// <summary>The <c>landscape</c> program: its commands, and one run of it over a command line.</summary>
public static class LandscapeCli
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("landscape: from which starting weights does gradient descent reach which minimum? " +
            "Runs one descent per start over a grid of starting weights on a GPU or the CPU and maps the basins of attraction.");
        root.Subcommands.Add(MapCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(ViewCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(MetricsCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(BifurcationCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        return root;
    }

    /// <summary>Runs one command line as the program would; returns its exit code (2 for a usage error).</summary>
    public static int Run(string[] args)
    {
        ParseResult parsed = CreateRoot().Parse(args);
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
    }
}
