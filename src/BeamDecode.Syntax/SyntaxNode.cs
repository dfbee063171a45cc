namespace BeamDecode.Syntax;

/// <summary>
/// The base of every node. Nodes are immutable sealed records; their equality is structural and ignores
/// <see cref="Anno"/>, which makes record equality the "equal modulo annotations" relation the differ and the
/// conformance tests need (as comparing forms after erl_parse:anno_to_term/map_anno erasure does in Erlang).
/// </summary>
public abstract record SyntaxNode
{
    private Anno? _anno;

    /// <summary>Line, column and flags from erl_anno; null for nodes built without a position.</summary>
    public Anno? Anno { get => _anno; init => _anno = value; }

    /// <summary>Sets the annotation of a node still being built (readers of other formats use it to avoid a copy
    /// per node that <c>with { Anno = ... }</c> would make); never called on a node already shared.</summary>
    internal void InitAnno(Anno? anno) => _anno = anno;

    /// <summary>Equal when of the same record type and the derived records' fields are equal; Anno is ignored.</summary>
    public virtual bool Equals(SyntaxNode? other) =>
        ReferenceEquals(this, other) || (other is not null && EqualityContract == other.EqualityContract);

    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>The line of the annotation, 0 when there is none.</summary>
    public int Line => Anno?.Line ?? 0;
}
