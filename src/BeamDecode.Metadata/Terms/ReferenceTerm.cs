using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>A reference (REFERENCE_EXT, NEW_REFERENCE_EXT, NEWER_REFERENCE_EXT). Ids are as encoded, first word first.</summary>
public sealed class ReferenceTerm(AtomTerm node, uint creation, ImmutableArray<uint> ids) : Term
{
    public AtomTerm Node { get; } = node;

    public uint Creation { get; } = creation;

    public ImmutableArray<uint> Ids { get; } = ids;

    public override TermKind Kind => TermKind.Reference;

    public override bool Equals(Term? other) =>
        other is ReferenceTerm r && r.Node.Equals(Node) && r.Creation == Creation && r.Ids.AsSpan().SequenceEqual(Ids.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Node, Creation, Ids.Length > 0 ? Ids[0] : 0);
}
