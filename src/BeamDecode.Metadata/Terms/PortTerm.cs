namespace BeamDecode.Metadata.Terms;

/// <summary>A port identifier (PORT_EXT, NEW_PORT_EXT, V4_PORT_EXT).</summary>
public sealed class PortTerm(AtomTerm node, ulong id, uint creation) : Term
{
    public AtomTerm Node { get; } = node;

    public ulong Id { get; } = id;

    public uint Creation { get; } = creation;

    public override TermKind Kind => TermKind.Port;

    public override bool Equals(Term? other) =>
        other is PortTerm p && p.Node.Equals(Node) && p.Id == Id && p.Creation == Creation;

    public override int GetHashCode() => HashCode.Combine(Node, Id, Creation);
}
