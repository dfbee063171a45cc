using System.Numerics;

namespace BeamDecode.Metadata.Terms;

/// <summary>An integer of any size (SMALL_INTEGER_EXT, INTEGER_EXT, SMALL_BIG_EXT, LARGE_BIG_EXT).</summary>
public sealed class IntegerTerm : Term
{
    private static readonly IntegerTerm[] Small = CreateSmall();

    private IntegerTerm(BigInteger value) => Value = value;

    public BigInteger Value { get; }

    public override TermKind Kind => TermKind.Integer;

    /// <summary>Integers 0..255 are shared: strings decode to lists of them.</summary>
    public static IntegerTerm Create(long value) =>
        (ulong)value < (ulong)Small.Length ? Small[value] : new IntegerTerm(value);

    public static IntegerTerm Create(BigInteger value) =>
        value.Sign >= 0 && value < Small.Length ? Small[(int)value] : new IntegerTerm(value);

    /// <summary>The value when it fits a long (what nearly every use needs).</summary>
    public bool TryGetInt64(out long value)
    {
        // GetBitLength excludes the sign bit, so 63 bits or fewer is exactly the range of a long; cheaper than two
        // BigInteger comparisons (this runs for every character of every string ~w prints).
        if (Value.GetBitLength() <= 63)
        {
            value = (long)Value;
            return true;
        }

        value = 0;
        return false;
    }

    public override bool Equals(Term? other) => other is IntegerTerm i && i.Value.Equals(Value);

    public override int GetHashCode() => Value.GetHashCode();

    private static IntegerTerm[] CreateSmall()
    {
        var small = new IntegerTerm[256];
        for (int i = 0; i < small.Length; i++)
        {
            small[i] = new IntegerTerm(i);
        }

        return small;
    }
}
