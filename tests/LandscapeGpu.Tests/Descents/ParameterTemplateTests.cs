using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using LandscapeGpu.Cli;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Descents;

/// <summary>The engine names parameters in its messages; only the CLI spells them as flags.</summary>
public sealed partial class ParameterTemplateTests
{
    [Fact]
    public void EngineAssembly_EveryStringLiteral_SpellsNoCommandLineFlag()
    {
        // The user-string heap holds every literal of the assembly, interpolated pieces included.
        using var stream = File.OpenRead(typeof(DescentProblem).Assembly.Location);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var literals = new List<string>();
        for (UserStringHandle handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            literals.Add(metadata.GetUserString(handle));
        }

        Assert.Contains(literals, literal => literal.Contains("{out}", StringComparison.Ordinal));
        Assert.DoesNotContain(literals, literal => Flag().IsMatch(literal));
    }

    [Fact]
    public void Describe_RunConflict_WordsEachParameterByTheGivenName()
    {
        var error = new RunConflictException("output directory 'a' holds another run; use another {out}, or add {force} to replace it");

        Assert.Equal("output directory 'a' holds another run; use another out, or add force to replace it", error.Message);
        Assert.Equal("output directory 'a' holds another run; use another --out, or add --force to replace it", error.Describe(UsageException.FlagOf));
    }

    [Fact]
    public void Describe_TextThatIsNoPlaceholder_KeepsIt()
    {
        Assert.Equal("{Grid} {} { out} --x", ParameterTemplate.Describe("{Grid} {} { out} --x", UsageException.FlagOf));
    }

    [Fact]
    public void EnsureFits_GridTooLarge_NamesTheGridParameter()
    {
        var error = Assert.Throws<GridTooLargeException>(() => MapRunner.EnsureFits(new GridSpec(new Box(0, 1, 0, 1), 1000, 1000), 1000));

        Assert.StartsWith("grid 1000x1000 (1,000,000 starts) needs about", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; use a smaller --grid", error.Describe(UsageException.FlagOf), StringComparison.Ordinal);
    }

    [GeneratedRegex("--[A-Za-z]")]
    private static partial Regex Flag();
}
