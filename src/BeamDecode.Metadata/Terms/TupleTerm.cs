using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>A tuple (SMALL_TUPLE_EXT, LARGE_TUPLE_EXT).</summary>
public sealed class TupleTerm(ImmutableArray<Term> elements) : Term
{
    public static readonly TupleTerm Empty = new(ImmutableArray<Term>.Empty);

    public ImmutableArray<Term> Elements { get; } = elements;

    public int Arity => Elements.Length;

    public Term this[int index] => Elements[index];

    public override TermKind Kind => TermKind.Tuple;

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) || (other is TupleTerm t && TermSequence.Equal(t.Elements, Elements));

    public override int GetHashCode() => TermSequence.Hash(Elements, 17);
}
