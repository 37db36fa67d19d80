using System.Runtime.CompilerServices;
using ILGPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas.Nodes;

/// <summary>
/// A number that compiled code sees as a literal: it lives in the static readonly field of
/// <see cref="ConstantSlotValue{TSlot}"/>, initialized before any code that reads it is compiled, so the .NET JIT folds
/// it into the instruction (and merges equal constants of a tree) where a <see cref="Constant"/>'s field would be
/// converted and broadcast on every evaluation; ILGPU bakes readonly static fields into kernels as constants.
/// Derivatives use it (see <see cref="ConstantSlots"/>); the loss keeps <see cref="Constant"/> so formulas of one
/// shape share a kernel.
/// </summary>
/// <typeparam name="TSlot">The slot holding the number: a <see cref="ConstantSlot{B9, B8, B7, B6, B5, B4, B3, B2, B1, B0}"/>.</typeparam>
public readonly struct SlotConstant<TSlot> : IFormulaNode where TSlot : struct, IConstantSlot
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Evaluate<T>(T x, T y, ArrayView<double> data, int rowStart) where T : struct, IReal<T> => T.Of(ConstantSlotValue<TSlot>.Value);
}

/// <summary>The number held in slot <typeparamref name="TSlot"/>, fixed when the slot is handed out (<see cref="ConstantSlots"/>).</summary>
/// <typeparam name="TSlot">The slot.</typeparam>
public static class ConstantSlotValue<TSlot> where TSlot : struct, IConstantSlot
{
    /// <summary>The number.</summary>
    public static readonly double Value = ConstantSlots.ValueOf(typeof(TSlot));
}

/// <summary>Marks the types that name a constant slot.</summary>
public interface IConstantSlot;

/// <summary>A binary digit 0 of a slot's number.</summary>
public readonly struct SlotBit0;

/// <summary>A binary digit 1 of a slot's number.</summary>
public readonly struct SlotBit1;

/// <summary>Slot number B9…B0 in binary, each digit <see cref="SlotBit0"/> or <see cref="SlotBit1"/>: one type per slot.</summary>
/// <typeparam name="B9">Digit 9.</typeparam>
/// <typeparam name="B8">Digit 8.</typeparam>
/// <typeparam name="B7">Digit 7.</typeparam>
/// <typeparam name="B6">Digit 6.</typeparam>
/// <typeparam name="B5">Digit 5.</typeparam>
/// <typeparam name="B4">Digit 4.</typeparam>
/// <typeparam name="B3">Digit 3.</typeparam>
/// <typeparam name="B2">Digit 2.</typeparam>
/// <typeparam name="B1">Digit 1.</typeparam>
/// <typeparam name="B0">Digit 0.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1715", Justification = "binary digits read best as B9..B0")]
public readonly struct ConstantSlot<B9, B8, B7, B6, B5, B4, B3, B2, B1, B0> : IConstantSlot;

/// <summary>
/// Hands out one slot per distinct number for the whole process (numbers compare by their bits), up to
/// <see cref="Capacity"/>; beyond that a number stays an ordinary <see cref="Constant"/>, which is as exact, only slower.
/// </summary>
public static class ConstantSlots
{
    /// <summary>How many distinct numbers can have a slot.</summary>
    public const int Capacity = 1 << Digits;

    private const int Digits = 10;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<long, IFormulaNode> NodesByBits = [];
    private static readonly Dictionary<Type, double> ValuesBySlot = [];

    /// <summary>A <see cref="SlotConstant{TSlot}"/> for <paramref name="value"/>, or a plain <see cref="Constant"/> when every slot is taken.</summary>
    public static IFormulaNode NodeFor(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        Type slot;
        lock (Gate)
        {
            if (NodesByBits.TryGetValue(bits, out IFormulaNode? known))
            {
                return known;
            }

            if (ValuesBySlot.Count == Capacity)
            {
                return new Constant(value);
            }

            int index = ValuesBySlot.Count;
            Type[] digits = Enumerable.Range(0, Digits)
                .Select(digit => ((index >> (Digits - 1 - digit)) & 1) == 1 ? typeof(SlotBit1) : typeof(SlotBit0))
                .ToArray();
            slot = typeof(ConstantSlot<,,,,,,,,,>).MakeGenericType(digits);
            ValuesBySlot.Add(slot, value);
        }

        // The value must be in place before any compiler reads the field: run its initializer now.
        Type holder = typeof(ConstantSlotValue<>).MakeGenericType(slot);
        RuntimeHelpers.RunClassConstructor(holder.TypeHandle);
        var node = (IFormulaNode)Activator.CreateInstance(typeof(SlotConstant<>).MakeGenericType(slot))!;
        lock (Gate)
        {
            NodesByBits.TryAdd(bits, node);
            return NodesByBits[bits];
        }
    }

    /// <summary>The number held in <paramref name="slot"/>.</summary>
    internal static double ValueOf(Type slot)
    {
        lock (Gate)
        {
            return ValuesBySlot[slot];
        }
    }
}
