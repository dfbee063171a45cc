using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Decompiler.AbstractCode;

// Expressions, patterns, guards and clauses (absform sections "Patterns", "Expressions", "Clauses", "Guards"):
// the inverse of AbstractFormReader.Expressions.cs.
public sealed partial class AbstractFormWriter
{
    public Term WriteExpr(Expr e)
    {
        var a = WriteAnno(e.Anno);
        return e switch
        {
            AtomExpr x => Tuple(Atom("atom"), a, Atom(x.Value)),
            IntegerExpr x => Tuple(Atom("integer"), a, IntegerTerm.Create(x.Value)),
            FloatExpr x => Tuple(Atom("float"), a, new FloatTerm(x.Value)),
            CharExpr x => Tuple(Atom("char"), a, Int(x.Value)),
            StringExpr x => Tuple(Atom("string"), a, Chars(x.Chars)),
            VarExpr x => Tuple(Atom("var"), a, Atom(x.Name)),
            NilExpr => Tuple(Atom("nil"), a),
            ConsExpr x => Tuple(Atom("cons"), a, WriteExpr(x.Head), WriteExpr(x.Tail)),
            TupleExpr x => Tuple(Atom("tuple"), a, Exprs(x.Elements)),
            MatchExpr x => Tuple(Atom("match"), a, WriteExpr(x.Left), WriteExpr(x.Right)),
            MaybeMatchExpr x => Tuple(Atom("maybe_match"), a, WriteExpr(x.Pattern), WriteExpr(x.Value)),
            BinaryOpExpr x => Tuple(Atom("op"), a, Atom(x.Operator), WriteExpr(x.Left), WriteExpr(x.Right)),
            UnaryOpExpr x => Tuple(Atom("op"), a, Atom(x.Operator), WriteExpr(x.Operand)),
            CatchExpr x => Tuple(Atom("catch"), a, WriteExpr(x.Body)),
            CallExpr x => Tuple(Atom("call"), a, WriteExpr(x.Function), Exprs(x.Arguments)),
            RemoteExpr x => Tuple(Atom("remote"), a, WriteExpr(x.Module), WriteExpr(x.Function)),
            RecordExpr { Source: null } x => Tuple(Atom("record"), a, Atom(x.Name), List(x.Fields.Items, WriteRecordFieldInit)),
            RecordExpr x => Tuple(Atom("record"), a, WriteExpr(x.Source!), Atom(x.Name), List(x.Fields.Items, WriteRecordFieldInit)),
            RecordFieldExpr x => Tuple(Atom("record_field"), a, WriteExpr(x.Record), Atom(x.Name), Tuple(Atom("atom"), SubOr(x.FieldAnno, a), Atom(x.Field))),
            RecordIndexExpr x => Tuple(Atom("record_index"), a, Atom(x.Name), Tuple(Atom("atom"), SubOr(x.FieldAnno, a), Atom(x.Field))),
            MapExpr { Source: null } x => Tuple(Atom("map"), a, List(x.Associations.Items, WriteAssoc)),
            MapExpr x => Tuple(Atom("map"), a, WriteExpr(x.Source!), List(x.Associations.Items, WriteAssoc)),
            BinaryExpr x => Tuple(Atom("bin"), a, List(x.Elements.Items, WriteBinElement)),
            ListComprehension x => Tuple(Atom("lc"), a, WriteExpr(x.Template), List(x.Qualifiers.Items, WriteQualifier)),
            BinaryComprehension x => Tuple(Atom("bc"), a, WriteExpr(x.Template), List(x.Qualifiers.Items, WriteQualifier)),
            MapComprehension x => Tuple(Atom("mc"), a, WriteAssoc(x.Template), List(x.Qualifiers.Items, WriteQualifier)),
            BlockExpr x => Tuple(Atom("block"), a, Exprs(x.Body)),
            IfExpr x => Tuple(Atom("if"), a, WriteClauses(x.Clauses)),
            CaseExpr x => Tuple(Atom("case"), a, WriteExpr(x.Subject), WriteClauses(x.Clauses)),
            ReceiveExpr { Timeout: null } x => Tuple(Atom("receive"), a, WriteClauses(x.Clauses)),
            ReceiveExpr x => Tuple(Atom("receive"), a, WriteClauses(x.Clauses), WriteExpr(x.Timeout!), Exprs(x.After)),
            TryExpr x => Tuple(Atom("try"), a, Exprs(x.Body), WriteClauses(x.OfClauses), WriteClauses(x.CatchClauses), Exprs(x.After)),
            FunExpr x => Tuple(Atom("fun"), a, Tuple(Atom("clauses"), WriteClauses(x.Clauses))),
            LocalFunRefExpr x => Tuple(Atom("fun"), a, Tuple(Atom("function"), Atom(x.Name), Int(x.Arity))),
            RemoteFunRefExpr x => Tuple(Atom("fun"), a, Tuple(Atom("function"), WriteExpr(x.Module), WriteExpr(x.Function), WriteExpr(x.Arity))),
            NamedFunExpr x => Tuple(Atom("named_fun"), a, Atom(x.Name), WriteClauses(x.Clauses)),
            MaybeExpr { ElseClauses: null } x => Tuple(Atom("maybe"), a, Exprs(x.Body)),
            MaybeExpr x => Tuple(Atom("maybe"), a, Exprs(x.Body), Tuple(Atom("else"), SubOr(x.ElseAnno, a), WriteClauses(x.ElseClauses!.Value))),
            MapGeneratorPattern x => Tuple(Atom("map_field_exact"), a, WriteExpr(x.Key), WriteExpr(x.Value)),
            UnknownExpr x => Unknown(x.TermText),
            _ => Unknown(e.GetType().Name),
        };
    }

    public Term WriteClauses(SyntaxList<Clause> clauses) => List(clauses.Items, WriteClause);

    private Term WriteClause(Clause c) =>
        Tuple(Atom("clause"), WriteAnno(c.Anno), Exprs(c.Patterns), List(c.Guards.Items, Exprs), Exprs(c.Body));

    private Term SubOr(SubAnno sub, Term parent) => sub.Value is { } anno ? WriteAnno(anno) : parent;

    private Term Exprs(SyntaxList<Expr> items) => List(items.Items, WriteExpr);

    private Term WriteRecordFieldInit(RecordFieldInit f) =>
        Tuple(Atom("record_field"), WriteAnno(f.Anno), WriteExpr(f.Field), WriteExpr(f.Value));

    private Term WriteAssoc(MapAssoc m) =>
        Tuple(Atom(m.Exact ? "map_field_exact" : "map_field_assoc"), WriteAnno(m.Anno), WriteExpr(m.Key), WriteExpr(m.Value));

    private Term WriteBinElement(BinElement b)
    {
        Term size = b.Size is null ? Atom("default") : WriteExpr(b.Size);
        Term specs = b.Specifiers is not { } list
            ? Atom("default")
            : List(list.Items, s => s.Unit is { } unit ? Tuple(Atom(s.Name), Int(unit)) : Atom(s.Name));
        return Tuple(Atom("bin_element"), WriteAnno(b.Anno), WriteExpr(b.Value), size, specs);
    }

    private Term WriteQualifier(Qualifier q)
    {
        switch (q)
        {
            case Generator g:
                string tag = (g.Kind, g.Strict) switch
                {
                    (GeneratorKind.List, false) => "generate",
                    (GeneratorKind.List, true) => "generate_strict",
                    (GeneratorKind.Binary, false) => "b_generate",
                    (GeneratorKind.Binary, true) => "b_generate_strict",
                    (GeneratorKind.Map, false) => "m_generate",
                    _ => "m_generate_strict",
                };
                return Tuple(Atom(tag), WriteAnno(g.Anno), WriteExpr(g.Pattern), WriteExpr(g.Source));
            case ZipGenerator z:
                return Tuple(Atom("zip"), WriteAnno(z.Anno), List(z.Generators.Items, g => WriteQualifier(g)));
            case Filter f:
                return WriteExpr(f.Test);
            default:
                return Unknown(q.GetType().Name);
        }
    }

}
