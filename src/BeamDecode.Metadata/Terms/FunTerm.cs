using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>A local fun with its environment (NEW_FUN_EXT; the old FUN_EXT is decoded into the same shape
/// with <see cref="Arity"/> -1 and an empty <see cref="Uniq"/>).</summary>
public sealed class FunTerm(
    int arity,
    ImmutableArray<byte> uniq,
    uint index,
    AtomTerm module,
    Term oldIndex,
    Term oldUniq,
    Term pid,
    ImmutableArray<Term> freeVars) : Term
{
    public int Arity { get; } = arity;

    /// <summary>16 bytes of MD5 of the module code (NEW_FUN_EXT).</summary>
    public ImmutableArray<byte> Uniq { get; } = uniq;

    public uint Index { get; } = index;

    public AtomTerm Module { get; } = module;

    public Term OldIndex { get; } = oldIndex;

    public Term OldUniq { get; } = oldUniq;

    public Term Pid { get; } = pid;

    public ImmutableArray<Term> FreeVars { get; } = freeVars;

    public override TermKind Kind => TermKind.Fun;

    public override bool Equals(Term? other) =>
        other is FunTerm f && f.Arity == Arity && f.Index == Index && f.Module.Equals(Module) &&
        f.Uniq.AsSpan().SequenceEqual(Uniq.AsSpan()) && f.OldIndex.Equals(OldIndex) && f.OldUniq.Equals(OldUniq) &&
        f.Pid.Equals(Pid) && TermSequence.Equal(f.FreeVars, FreeVars);

    public override int GetHashCode() => HashCode.Combine(Module, Index, Arity);
}
