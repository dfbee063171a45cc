namespace BeamDecode.Metadata.Terms;

/// <summary>An atom. Names are kept as .NET strings (UTF-16); atoms hold up to 255 Unicode characters.</summary>
public sealed class AtomTerm : Term
{
    public static readonly AtomTerm True = new("true");
    public static readonly AtomTerm False = new("false");
    public static readonly AtomTerm Undefined = new("undefined");

    public AtomTerm(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    public string Name { get; }

    public override TermKind Kind => TermKind.Atom;

    public override bool Equals(Term? other) => other is AtomTerm a && string.Equals(a.Name, Name, StringComparison.Ordinal);

    public override int GetHashCode() => string.GetHashCode(Name, StringComparison.Ordinal);
}
