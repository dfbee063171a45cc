using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>One ImpT entry: an external function the module calls, <c>Module:Function/Arity</c>.</summary>
public sealed record ImportEntry(AtomTerm Module, AtomTerm Function, int Arity)
{
    public override string ToString() => $"{Module}:{Function}/{Arity}";
}
