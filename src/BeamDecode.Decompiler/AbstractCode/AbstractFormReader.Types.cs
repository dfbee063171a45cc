using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using static BeamDecode.Decompiler.AbstractCode.TermShapes;

namespace BeamDecode.Decompiler.AbstractCode;

// Types (absform section "Types"; the shapes erl_parse.yrl's type rules build).
public sealed partial class AbstractFormReader
{
    public TypeNode ReadType(Term t)
    {
        if (t is not TupleTerm { Arity: >= 2 } x || x[0] is not AtomTerm tag)
        {
            return UnknownTypeOf(t);
        }

        var anno = ReadAnno(x[1]);
        TypeNode? node = (tag.Name, x.Arity) switch
        {
            ("var", 3) when x[2] is AtomTerm v => new TypeVar(v.Name),
            ("atom" or "integer" or "char" or "op", _) => new SingletonType(ReadExpr(t)),
            ("ann_type", 3) when ProperList(x[2]) is [var v, var ty] && ReadType(v) is TypeVar tv => new AnnotatedType(tv, ReadType(ty)),
            // Generated before Erlang/OTP 18 (erl_pp ltype/2 prints the inner type).
            ("paren_type", 3) when ProperList(x[2]) is [var inner] => ReadType(inner),
            ("user_type", 4) when x[2] is AtomTerm n && ProperList(x[3]) is { } args => new UserType(n.Name, Types(args)),
            ("remote_type", 3) when ProperList(x[2]) is [var m, var n, var args] && AtomOf(m) is { } mn && AtomOf(n) is { } nn && ProperList(args) is { } ts =>
                new RemoteType(mn, nn, Types(ts)) { ModuleAnno = AnnoOf(m), NameAnno = AnnoOf(n) },
            ("type", 4) when x[2] is AtomTerm n => ReadBuiltin(n.Name, x[3]),
            _ => null,
        };
        if (node is null)
        {
            return UnknownTypeOf(t);
        }

        node.InitAnno(anno);
        return node;
    }

    private TypeNode? ReadBuiltin(string name, Term args)
    {
        switch (name)
        {
            case "tuple" when args is AtomTerm { Name: "any" }: return new TupleType(null);
            case "map" when args is AtomTerm { Name: "any" }: return new MapType(null);
        }

        if (ProperList(args) is not { } a)
        {
            return null;
        }

        return name switch
        {
            "union" => new UnionType(Types(a)),
            "tuple" => new TupleType(Types(a)),
            "map" => ReadMapFields(a) is { } fields ? new MapType(fields) : null,
            "nil" when a.Length == 0 => new NilType(),
            "range" when a.Length == 2 => new RangeType(ReadType(a[0]), ReadType(a[1])),
            "binary" when a.Length == 2 => new BitStringType(ReadType(a[0]), ReadType(a[1])),
            "fun" when a.Length == 0 => new FunType(null, null),
            "fun" when a.Length == 2 => ReadFunType(a[0], a[1]),
            "bounded_fun" when a.Length == 2 && ReadType(a[0]) is FunType f && ProperList(a[1]) is { } cs => new BoundedFunType(f, Constraints(cs)),
            "record" when a.Length >= 1 && AtomOf(a[0]) is { } rn => ReadRecordType(rn, a),
            _ => new BuiltinType(name, Types(a)),
        };
    }

    private FunType? ReadFunType(Term args, Term result)
    {
        if (IsTagged(args, "type", 3) && args is TupleTerm any && any[2] is AtomTerm { Name: "any" })
        {
            return new FunType(null, ReadType(result)) { ParametersAnno = ReadAnno(any[1]) };
        }

        if (IsTagged(args, "type", 4) && args is TupleTerm p && p[2] is AtomTerm { Name: "product" } && ProperList(p[3]) is { } ps)
        {
            return new FunType(Types(ps), ReadType(result)) { ParametersAnno = ReadAnno(p[1]) };
        }

        return null;
    }

    private SyntaxList<MapFieldType>? ReadMapFields(ImmutableArray<Term> items)
    {
        var list = new List<MapFieldType>(items.Length);
        foreach (var item in items)
        {
            if (item is TupleTerm { Arity: 4 } f && Tag(f) == "type" && f[2] is AtomTerm { Name: "map_field_assoc" or "map_field_exact" } kind
                && ProperList(f[3]) is [var k, var v])
            {
                list.Add(new MapFieldType(kind.Name == "map_field_exact", ReadType(k), ReadType(v)) { Anno = ReadAnno(f[1]) });
            }
            else
            {
                return null;
            }
        }

        return new SyntaxList<MapFieldType>(list);
    }

    private RecordType? ReadRecordType(string name, ImmutableArray<Term> a)
    {
        var fields = new List<RecordFieldType>();
        foreach (var f in a.Skip(1))
        {
            if (f is TupleTerm { Arity: 4 } ft && Tag(ft) == "type" && ft[2] is AtomTerm { Name: "field_type" } && ProperList(ft[3]) is [var n, var ty] && AtomOf(n) is { } fname)
            {
                fields.Add(new RecordFieldType(fname, ReadType(ty)) { Anno = ReadAnno(ft[1]), NameAnno = AnnoOf(n) });
            }
            else
            {
                return null;
            }
        }

        return new RecordType(name, new SyntaxList<RecordFieldType>(fields)) { NameAnno = AnnoOf(a[0]) };
    }

    private SyntaxList<TypeConstraint> Constraints(ImmutableArray<Term> cs) => new(cs.Select(c =>
    {
        if (c is TupleTerm { Arity: 4 } ct && Tag(ct) == "type" && ct[2] is AtomTerm { Name: "constraint" } && ProperList(ct[3]) is [var name, var args]
            && AtomOf(name) is { } n && ProperList(args) is { } ts)
        {
            return new TypeConstraint(n, Types(ts)) { Anno = ReadAnno(ct[1]), NameAnno = AnnoOf(name) };
        }

        Report(DiagnosticId.UnknownType, $"unknown type constraint: {Short(c)}", 0);
        return new TypeConstraint("beamdecode unknown constraint: " + c, SyntaxList<TypeNode>.Empty);
    }));

    private SyntaxList<TypeNode> Types(ImmutableArray<Term> items) => new(items.Select(ReadType));

    private UnknownType UnknownTypeOf(Term t)
    {
        Report(DiagnosticId.UnknownType, $"unknown type: {Short(t)}", 0);
        return new UnknownType(t.ToString());
    }
}
