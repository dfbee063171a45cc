using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>A reference (REFERENCE_EXT, NEW_REFERENCE_EXT, NEWER_REFERENCE_EXT). Ids are as encoded, first word first.</summary>
public sealed class ReferenceTerm(AtomTerm node, uint creation, ImmutableArray<uint> ids) : Term
{
    public AtomTerm Node { get; } = node;

    public uint Creation { get; } = creation;

    public ImmutableArray<uint> Ids { get; } = ids;

    public override TermKind Kind => TermKind.Reference;

    /// <summary>Missing high id words count as zero, as in erts (a 1-word and a 3-word ref can be =:=).</summary>
    public override bool Equals(Term? other) =>
        other is ReferenceTerm r && r.Node.Equals(Node) && r.Creation == Creation && Significant(r.Ids).SequenceEqual(Significant(Ids));

    private static ReadOnlySpan<uint> Significant(ImmutableArray<uint> ids)
    {
        var span = ids.AsSpan();
        int n = span.Length;
        while (n > 0 && span[n - 1] == 0)
        {
            n--;
        }

        return span[..n];
    }

    public override int GetHashCode() => HashCode.Combine(Node, Creation, Ids.Length > 0 ? Ids[0] : 0);
}
