using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Decompiler.AbstractCode;

// Types (absform section "Types"; the shapes erl_parse.yrl's type rules build): the inverse of
// AbstractFormReader.Types.cs.
public sealed partial class AbstractFormWriter
{
    public Term WriteType(TypeNode t)
    {
        var a = WriteAnno(t.Anno);
        return t switch
        {
            // The singleton's own term is that of its expression ({atom,A,V}, {integer,A,V}, {op,A,'-',..}).
            SingletonType x => WriteExpr(x.Value),
            TypeVar x => Tuple(Atom("var"), a, Atom(x.Name)),
            AnnotatedType x => Tuple(Atom("ann_type"), a, List2(WriteType(x.Var), WriteType(x.Type))),
            UserType x => Tuple(Atom("user_type"), a, Atom(x.Name), Types(x.Arguments)),
            RemoteType x => Tuple(Atom("remote_type"), a, List3(
                Tuple(Atom("atom"), SubOr(x.ModuleAnno, a), Atom(x.Module)),
                Tuple(Atom("atom"), SubOr(x.NameAnno, a), Atom(x.Name)),
                Types(x.Arguments))),
            TupleType { Elements: null } => Tuple(Atom("type"), a, Atom("tuple"), Atom("any")),
            TupleType x => Tuple(Atom("type"), a, Atom("tuple"), Types(x.Elements!.Value)),
            MapType { Associations: null } => Tuple(Atom("type"), a, Atom("map"), Atom("any")),
            MapType x => Tuple(Atom("type"), a, Atom("map"), List(x.Associations!.Value.Items, WriteMapFieldType)),
            UnionType x => Tuple(Atom("type"), a, Atom("union"), Types(x.Alternatives)),
            RangeType x => Tuple(Atom("type"), a, Atom("range"), List2(WriteType(x.Low), WriteType(x.High))),
            BitStringType x => Tuple(Atom("type"), a, Atom("binary"), List2(WriteType(x.Size), WriteType(x.Unit))),
            NilType => Tuple(Atom("type"), a, Atom("nil"), NilTerm.Instance),
            FunType { Parameters: null, Result: null } => Tuple(Atom("type"), a, Atom("fun"), NilTerm.Instance),
            FunType x => WriteFunType(x, a),
            BoundedFunType x => Tuple(Atom("type"), a, Atom("bounded_fun"), List2(WriteType(x.Function), List(x.Constraints.Items, WriteConstraint))),
            RecordType x => Tuple(Atom("type"), a, Atom("record"), RecordTypeArgs(x, a)),
            BuiltinType x => Tuple(Atom("type"), a, Atom(x.Name), Types(x.Arguments)),
            UnknownType x => Unknown(x.TermText),
            _ => Unknown(t.GetType().Name),
        };
    }

    private Term WriteFunType(FunType f, Term a)
    {
        var pa = SubOr(f.ParametersAnno, a);
        Term parameters = f.Parameters is { } ps
            ? Tuple(Atom("type"), pa, Atom("product"), Types(ps))
            : Tuple(Atom("type"), pa, Atom("any"));
        return Tuple(Atom("type"), a, Atom("fun"), List2(parameters, f.Result is null ? Unknown("no result") : WriteType(f.Result)));
    }

    private Term WriteMapFieldType(MapFieldType f) =>
        Tuple(Atom("type"), WriteAnno(f.Anno), Atom(f.Exact ? "map_field_exact" : "map_field_assoc"), List2(WriteType(f.Key), WriteType(f.Value)));

    private Term WriteConstraint(TypeConstraint c)
    {
        var a = WriteAnno(c.Anno);
        return Tuple(Atom("type"), a, Atom("constraint"), List2(Tuple(Atom("atom"), SubOr(c.NameAnno, a), Atom(c.Name)), Types(c.Arguments)));
    }

    private Term RecordTypeArgs(RecordType r, Term a)
    {
        var items = new Term[r.Fields.Count + 1];
        items[0] = Tuple(Atom("atom"), SubOr(r.NameAnno, a), Atom(r.Name));
        for (int i = 0; i < r.Fields.Count; i++)
        {
            var f = r.Fields[i];
            var fa = WriteAnno(f.Anno);
            items[i + 1] = Tuple(Atom("type"), fa, Atom("field_type"), List2(Tuple(Atom("atom"), SubOr(f.NameAnno, fa), Atom(f.Name)), WriteType(f.Type)));
        }

        return new ListTerm([.. items], NilTerm.Instance);
    }

    private Term Types(Syntax.SyntaxList<TypeNode> items) => List(items.Items, WriteType);

    private static ListTerm List2(Term a, Term b) => new([a, b], NilTerm.Instance);

    private static ListTerm List3(Term a, Term b, Term c) => new([a, b, c], NilTerm.Instance);
}
