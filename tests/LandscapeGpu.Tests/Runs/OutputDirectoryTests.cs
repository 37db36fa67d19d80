using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Runs;

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
}
