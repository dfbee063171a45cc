namespace BeamDecode.Metadata.Terms;

/// <summary>An external fun <c>fun M:F/A</c> (EXPORT_EXT). Module and function are atoms, arity a small integer.</summary>
public sealed class ExportTerm(Term module, Term function, Term arity) : Term
{
    public Term Module { get; } = module;

    public Term Function { get; } = function;

    public Term Arity { get; } = arity;

    public override TermKind Kind => TermKind.Export;

    public override bool Equals(Term? other) =>
        other is ExportTerm e && e.Module.Equals(Module) && e.Function.Equals(Function) && e.Arity.Equals(Arity);

    public override int GetHashCode() => HashCode.Combine(Module, Function, Arity);
}
