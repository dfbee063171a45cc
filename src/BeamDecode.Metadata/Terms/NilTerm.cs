namespace BeamDecode.Metadata.Terms;

/// <summary>The empty list <c>[]</c> (NIL_EXT).</summary>
public sealed class NilTerm : Term
{
    public static readonly NilTerm Instance = new();

    private NilTerm()
    {
    }

    public override TermKind Kind => TermKind.Nil;

    public override bool Equals(Term? other) => other is NilTerm;

    public override int GetHashCode() => 0x4e11;
}
