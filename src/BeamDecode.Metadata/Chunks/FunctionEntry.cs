using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>One ExpT or LocT entry: a function and the label of its entry point.</summary>
public sealed record FunctionEntry(AtomTerm Name, int Arity, int Label)
{
    public override string ToString() => $"{Name}/{Arity}";
}
