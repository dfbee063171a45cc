namespace BeamDecode.Metadata.Terms;

/// <summary>
/// An Erlang term, immutable. The closed set of subclasses mirrors the external term format
/// (erts/doc: External Term Format). Equality is structural and follows Erlang's exact equality
/// (<c>=:=</c>): <c>1</c> and <c>1.0</c> are different terms.
/// </summary>
public abstract class Term : IEquatable<Term>
{
    private protected Term()
    {
    }

    /// <summary>The kind, for switch statements that must stay fast (no type tests in hot loops).</summary>
    public abstract TermKind Kind { get; }

    public abstract bool Equals(Term? other);

    public sealed override bool Equals(object? obj) => obj is Term t && Equals(t);

    public abstract override int GetHashCode();

    /// <summary>The term as <c>io_lib:format("~w", [Term])</c> writes it.</summary>
    public sealed override string ToString() => TermWriter.Write(this);
}
