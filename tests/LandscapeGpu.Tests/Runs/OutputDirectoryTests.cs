using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs;

public sealed class OutputDirectoryTests
{
    [Fact]
    public void DefaultFor_BuiltInLandscape_IsRunsSlashItsName()
    {
        Assert.Equal(Path.Combine("runs", "himmelblau"), OutputDirectory.DefaultFor(BuiltInLandscapes.Find("himmelblau")!.Info));
    }

    [Fact]
    public void DefaultFor_TwoFormulas_GetTwoDirectoriesNamedAfterTheirHashes()
    {
        string first = OutputDirectory.DefaultFor(FormulaLandscapes.Parse("x^2 + y^2").Info);
        string second = OutputDirectory.DefaultFor(FormulaLandscapes.Parse("x^2 + 2*y^2").Info);

        Assert.NotEqual(first, second);
        Assert.Matches(@"^runs/formula-[0-9a-f]{8}$", first);
        Assert.Equal(first, OutputDirectory.DefaultFor(FormulaLandscapes.Parse("x^2 + y^2").Info));
    }

    [Fact]
    public void WriteIdentity_FormulaWithPlus_WritesItAsTyped()
    {
        string directory = Directory.CreateTempSubdirectory("landscape-identity-").FullName;
        try
        {
            using (var outputs = new AtomicOutputs(directory))
            {
                OutputDirectory.WriteIdentity(outputs, FormulaProblem());
                outputs.Commit();
            }

            string text = File.ReadAllText(Path.Combine(directory, OutputDirectory.IdentityName));
            Assert.Contains("x^2 + y^2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Open_TiledRunOfAFormulaWithPlus_WritesItsManifestAsTyped()
    {
        string root = Directory.CreateTempSubdirectory("landscape-manifest-").FullName;
        try
        {
            DescentProblem problem = FormulaProblem();
            string path = Path.Combine(root, "run");
            RunDirectory.Open(path, problem, new TileLayout(problem.Grid, 4), ShardSpec.Whole, resume: false);

            string text = File.ReadAllText(Path.Combine(path, RunDirectory.ManifestName));
            Assert.Contains("x^2 + y^2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // A formula whose text the default JSON encoder would escape (+ as \u002B).
    private static DescentProblem FormulaProblem() =>
        TestProblems.For("himmelblau", 8) with { Landscape = FormulaLandscapes.Parse("x^2 + y^2") };
}
