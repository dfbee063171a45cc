using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>One FunT entry (beam_asm.erl build_file: Function, Arity, Label, Index, NumFree, OldUniq).</summary>
public sealed record LambdaEntry(AtomTerm Function, int Arity, int Label, int Index, int NumFree, uint OldUniq);
