namespace BeamDecode.Metadata.Terms;

/// <summary>A float (NEW_FLOAT_EXT, or the old FLOAT_EXT text form).</summary>
public sealed class FloatTerm(double value) : Term
{
    public double Value { get; } = value;

    public override TermKind Kind => TermKind.Float;

    /// <summary>Exact equality compares bit patterns, so 0.0 =/= -0.0 as in OTP 27+ (=:=).</summary>
    public override bool Equals(Term? other) =>
        other is FloatTerm f && BitConverter.DoubleToInt64Bits(f.Value) == BitConverter.DoubleToInt64Bits(Value);

    public override int GetHashCode() => BitConverter.DoubleToInt64Bits(Value).GetHashCode();
}
