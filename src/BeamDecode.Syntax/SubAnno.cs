namespace BeamDecode.Syntax;

/// <summary>
/// The annotation of a sub-term that the model keeps as a plain name rather than a node: the field atom of
/// <c>X#r.f</c> (<c>{record_field,A,X,r,{atom,A2,f}}</c>), the type name of <c>m:t()</c>, the record name of
/// <c>#r{}</c> in a type, the <c>else</c> of <c>maybe</c>. erl_parse gives it its own token's position, so the
/// abstract-format writer needs it to give back the forms exactly. Like <see cref="SyntaxNode.Anno"/> it never
/// takes part in node equality: every two values compare equal.
/// </summary>
public readonly struct SubAnno(Anno? value) : IEquatable<SubAnno>
{
    /// <summary>The annotation, or null when the node was built without one (the writer then uses the node's).</summary>
    public Anno? Value { get; } = value;

    public static implicit operator SubAnno(Anno? value) => new(value);

    public static bool operator ==(SubAnno left, SubAnno right) => left.Equals(right);

    public static bool operator !=(SubAnno left, SubAnno right) => !left.Equals(right);

    /// <summary>Always true: annotations are not part of the syntax's identity.</summary>
    public bool Equals(SubAnno other) => true;

    public override bool Equals(object? obj) => obj is SubAnno;

    public override int GetHashCode() => 0;

    public override string ToString() => Value?.ToString() ?? "";
}
