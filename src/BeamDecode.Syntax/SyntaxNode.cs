namespace BeamDecode.Syntax;

/// <summary>
/// The base of every node. Nodes are immutable sealed records; their equality is structural and ignores
/// <see cref="Anno"/>, which makes record equality the "equal modulo annotations" relation the differ and the
/// conformance tests need (as comparing forms after erl_parse:anno_to_term/map_anno erasure does in Erlang).
/// </summary>
public abstract record SyntaxNode
{
    /// <summary>Stands in <see cref="_anno"/> for an annotation that is only <c>{Line, Column}</c>, kept in the two
    /// fields below instead of an object of its own (see <see cref="InitPosition"/>).</summary>
    private static readonly Anno PositionOnly = new(int.MinValue, int.MinValue);

    private Anno? _anno;
    private int _line;
    private int _column;

    /// <summary>Line, column and flags from erl_anno; null for nodes built without a position.</summary>
    public Anno? Anno
    {
        get => ReferenceEquals(_anno, PositionOnly) ? new Anno(_line, _column) : _anno;
        init => InitAnno(value);
    }

    /// <summary>Sets the annotation of a node still being built (readers of other formats use it to avoid a copy
    /// per node that <c>with { Anno = ... }</c> would make); never called on a node already shared.</summary>
    internal void InitAnno(Anno? anno)
    {
        _anno = anno;
        _line = anno?.Line ?? 0;
        _column = anno?.Column ?? 0;
    }

    /// <summary>As <see cref="InitAnno"/> with <c>new Anno(line, column)</c>, without that object: debug info since
    /// OTP 24 gives nearly every node a <c>{Line, Column}</c> of its own, and an object per node was a fifth of what
    /// reading the OTP tree's debug info allocated. <see cref="Anno"/> builds an equal annotation when asked.</summary>
    internal void InitPosition(int line, int column)
    {
        _anno = PositionOnly;
        _line = line;
        _column = column;
    }

    /// <summary>Gives a node still being built the annotation of <paramref name="other"/>, without building it.</summary>
    internal void InitAnnoFrom(SyntaxNode other)
    {
        _anno = other._anno;
        _line = other._line;
        _column = other._column;
    }

    /// <summary>Equal when of the same record type and the derived records' fields are equal; Anno is ignored.</summary>
    public virtual bool Equals(SyntaxNode? other) =>
        ReferenceEquals(this, other) || (other is not null && EqualityContract == other.EqualityContract);

    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>The line of the annotation, 0 when there is none.</summary>
    public int Line => _line;
}
