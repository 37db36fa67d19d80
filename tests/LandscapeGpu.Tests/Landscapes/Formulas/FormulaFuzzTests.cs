using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

public sealed class FormulaFuzzTests
{
    private const int Cases = 4000;

    // Far above what the cases take (well under a second each batch here): only a hang reaches it.
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private const string Alphabet = "xyw12.05e+-*/^(),  sincotaexplgqrbhmdufpi#\t";

    private static readonly string[] Seeds =
    [
        "(x^2+y-11)^2 + (x+y^2-7)^2", "sin(x)*cos(y) - x^-2", "min(x, y) + max(pow(x, 2), sigmoid(y))",
        "-x^2^y / (1e-3 + abs(y))", "softplus(relu(tanh(x*y)))", "sqrt(log(exp(x))) + .5*y",
    ];

    [Fact]
    public async Task Parse_RandomAndMutatedText_EitherEvaluatesOrReportsAColumnNeverCrashesOrHangs()
    {
        var random = new Random(2024);
        var inputs = new List<string>();
        for (int i = 0; i < Cases; i++)
        {
            inputs.Add(i % 2 == 0 ? RandomText(random) : Mutate(Seeds[random.Next(Seeds.Length)], random));
        }

        var run = Task.Run(() =>
        {
            int accepted = 0;
            foreach (string input in inputs)
            {
                try
                {
                    LandscapeEntry entry = FormulaLandscapes.Parse(input);
                    // Any value is fine (NaN, inf included); only an exception or a hang is a failure.
                    LandscapeProbe.For(entry).Evaluate(0.3, -0.7);
                    accepted++;
                }
                catch (FormulaSyntaxException error)
                {
                    Assert.InRange(error.Column, 1, input.Length + 1);
                    Assert.Contains("^", error.Message);
                }
            }

            return accepted;
        });
        // WaitAsync throws TimeoutException when the parser hangs.
        int accepted = await run.WaitAsync(HangLimit);
        Assert.InRange(accepted, 1, Cases - 1);
    }

    private static string RandomText(Random random)
    {
        int length = random.Next(0, 30);
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        int edits = random.Next(1, 4);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                case 1 when at < chars.Count:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                default:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
