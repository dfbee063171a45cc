using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// A non-empty list: its elements and its tail, <see cref="NilTerm"/> for a proper list
/// (LIST_EXT, and STRING_EXT which is a list of bytes).
/// </summary>
public sealed class ListTerm : Term
{
    public ListTerm(ImmutableArray<Term> elements, Term tail)
    {
        if (elements.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A list term has at least one element; use NilTerm for [].", nameof(elements));
        }

        Elements = elements;
        Tail = tail;
    }

    public ImmutableArray<Term> Elements { get; }

    public Term Tail { get; }

    public bool IsProper => Tail is NilTerm;

    public override TermKind Kind => TermKind.List;

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) ||
        (other is ListTerm l && TermSequence.Equal(l.Elements, Elements) && l.Tail.Equals(Tail));

    public override int GetHashCode() => HashCode.Combine(TermSequence.Hash(Elements, 31), Tail.GetHashCode());
}
