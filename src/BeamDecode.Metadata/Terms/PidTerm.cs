namespace BeamDecode.Metadata.Terms;

/// <summary>A process identifier (PID_EXT, NEW_PID_EXT).</summary>
public sealed class PidTerm(AtomTerm node, uint id, uint serial, uint creation) : Term
{
    public AtomTerm Node { get; } = node;

    public uint Id { get; } = id;

    public uint Serial { get; } = serial;

    public uint Creation { get; } = creation;

    public override TermKind Kind => TermKind.Pid;

    public override bool Equals(Term? other) =>
        other is PidTerm p && p.Node.Equals(Node) && p.Id == Id && p.Serial == Serial && p.Creation == Creation;

    public override int GetHashCode() => HashCode.Combine(Node, Id, Serial, Creation);
}
