using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Rendering.Scenes;

namespace LandscapeGpu.Rendering.Tests.Scenes;

/// <summary>The layer's loss field, four starts at a time, against the float64 probe one start at a time.</summary>
public sealed class LossFieldTests
{
    public static TheoryData<string> Landscapes => ["himmelblau", "model", "formula", "quartic"];

    [Theory]
    [MemberData(nameof(Landscapes))]
    public void Of_EveryStart_IsTheProbesFloat64LossRoundedToFloat32(string name)
    {
        LandscapeEntry entry = name switch
        {
            "model" => ModelLandscapes.Create(new ModelSpec("w2*tanh(w1*x)", DataSets.Load("tanh"))),
            "formula" => FormulaLandscapes.Parse("sin(x)*cos(y) + 0.1*(x^2 + y^2) + exp(-x*x) - log(1 + y*y)"),
            _ => BuiltInLandscapes.Find(name)!,
        };
        // 37 columns: nine groups of four and one start left over; a 1-D landscape is one row.
        var grid = new GridSpec(entry.Info.Box, 37, entry.Info.Dimensions == 1 ? 1 : 23);
        var probe = LandscapeProbe.For(entry);
        float[] field = LossField.Of(entry, grid, probe);
        Assert.Equal(grid.Count, field.Length);
        for (int row = 0; row < grid.Height; row++)
        {
            for (int column = 0; column < grid.Width; column++)
            {
                double reference = probe.Loss(grid.StartX(column), grid.StartY(row));
                float value = field[row * grid.Width + column];
                // The lanes' tanh, exp, log, sin and cos are within a few float64 ulps of the probe's: one float32 rounding apart at most.
                Assert.True(Math.Abs(value - reference) <= Math.Max(1e-30, 1.0001 * Math.Abs(MathF.BitIncrement(Math.Abs((float)reference)) - Math.Abs((float)reference))),
                    $"{name} at ({column}, {row}): field {value:R}, probe {reference:R}");
            }
        }
    }
}
