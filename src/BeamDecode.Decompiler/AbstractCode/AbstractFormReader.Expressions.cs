using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using static BeamDecode.Decompiler.AbstractCode.TermShapes;

namespace BeamDecode.Decompiler.AbstractCode;

// Expressions, patterns, guards and clauses (absform sections "Patterns", "Expressions", "Clauses", "Guards").
public sealed partial class AbstractFormReader
{
    public Expr ReadExpr(Term t)
    {
        if (t is not TupleTerm { Arity: >= 2 } x || x[0] is not AtomTerm tag)
        {
            return Unknown(t);
        }

        var anno = ReadAnno(x[1]);
        Expr? e = (tag.Name, x.Arity) switch
        {
            ("atom", 3) when x[2] is AtomTerm a => new AtomExpr(a.Name),
            ("integer", 3) when x[2] is IntegerTerm i => new IntegerExpr(i.Value),
            ("float", 3) when x[2] is FloatTerm f => new FloatExpr(f.Value),
            ("char", 3) when SmallInt(x[2]) is { } c => new CharExpr(c),
            ("string", 3) when CharList(x[2]) is { } s => new StringExpr(new SyntaxList<int>(s)),
            ("var", 3) when x[2] is AtomTerm v => new VarExpr(v.Name),
            ("nil", 2) => new NilExpr(),
            ("cons", 4) => new ConsExpr(ReadExpr(x[2]), ReadExpr(x[3])),
            ("tuple", 3) when ProperList(x[2]) is { } es => new TupleExpr(Exprs(es)),
            ("match", 4) => new MatchExpr(ReadExpr(x[2]), ReadExpr(x[3])),
            ("maybe_match", 4) => new MaybeMatchExpr(ReadExpr(x[2]), ReadExpr(x[3])),
            ("op", 5) when x[2] is AtomTerm op => new BinaryOpExpr(op.Name, ReadExpr(x[3]), ReadExpr(x[4])),
            ("op", 4) when x[2] is AtomTerm op => new UnaryOpExpr(op.Name, ReadExpr(x[3])),
            ("catch", 3) => new CatchExpr(ReadExpr(x[2])),
            ("call", 4) when ProperList(x[3]) is { } args => new CallExpr(ReadExpr(x[2]), Exprs(args)),
            ("remote", 4) => new RemoteExpr(ReadExpr(x[2]), ReadExpr(x[3])),
            ("record", 4) when x[2] is AtomTerm rn && ProperList(x[3]) is { } fs => new RecordExpr(null, rn.Name, RecordInits(fs)),
            ("record", 5) when x[3] is AtomTerm rn && ProperList(x[4]) is { } fs => new RecordExpr(ReadExpr(x[2]), rn.Name, RecordInits(fs)),
            ("record_field", 5) when x[3] is AtomTerm rn && AtomOf(x[4]) is { } field =>
                new RecordFieldExpr(ReadExpr(x[2]), rn.Name, field) { FieldAnno = AnnoOf(x[4]) },
            ("record_index", 4) when x[2] is AtomTerm rn && AtomOf(x[3]) is { } field => new RecordIndexExpr(rn.Name, field) { FieldAnno = AnnoOf(x[3]) },
            ("map", 3) when ProperList(x[2]) is { } ps => new MapExpr(null, Assocs(ps)),
            ("map", 4) when ProperList(x[3]) is { } ps => new MapExpr(ReadExpr(x[2]), Assocs(ps)),
            ("bin", 3) when ProperList(x[2]) is { } els => new BinaryExpr([.. els.Select(ReadBinElement)]),
            ("lc", 4) when ProperList(x[3]) is { } qs => new ListComprehension(ReadExpr(x[2]), Qualifiers(qs)),
            ("bc", 4) when ProperList(x[3]) is { } qs => new BinaryComprehension(ReadExpr(x[2]), Qualifiers(qs)),
            ("mc", 4) when ProperList(x[3]) is { } qs && ReadAssoc(x[2]) is { Exact: false } ma => new MapComprehension(ma, Qualifiers(qs)),
            ("block", 3) when ProperList(x[2]) is { } body => new BlockExpr(Exprs(body)),
            ("if", 3) => new IfExpr(ReadClauses(x[2])),
            ("case", 4) => new CaseExpr(ReadExpr(x[2]), ReadClauses(x[3])),
            ("receive", 3) => new ReceiveExpr(ReadClauses(x[2]), null, SyntaxList<Expr>.Empty),
            ("receive", 5) when ProperList(x[4]) is { } after => new ReceiveExpr(ReadClauses(x[2]), ReadExpr(x[3]), Exprs(after)),
            ("try", 6) when ProperList(x[2]) is { } body && ProperList(x[5]) is { } after =>
                new TryExpr(Exprs(body), ReadClauses(x[3]), ReadClauses(x[4]), Exprs(after)),
            ("fun", 3) => ReadFun(x[2]),
            ("named_fun", 4) when x[2] is AtomTerm fname => new NamedFunExpr(fname.Name, ReadClauses(x[3])),
            ("maybe", 3) when ProperList(x[2]) is { } body => new MaybeExpr(Exprs(body), null),
            ("maybe", 4) when ProperList(x[2]) is { } body && IsTagged(x[3], "else", 3) && x[3] is TupleTerm els =>
                new MaybeExpr(Exprs(body), ReadClauses(els[2])) { ElseAnno = ReadAnno(els[1]) },
            _ => null,
        };
        _usesMaybe |= e is MaybeExpr;
        if (e is null)
        {
            return Unknown(t);
        }

        e.InitAnno(anno);
        return e;
    }

    private Expr? ReadFun(Term t)
    {
        if (t is not TupleTerm x || x[0] is not AtomTerm tag)
        {
            return null;
        }

        return (tag.Name, x.Arity) switch
        {
            ("function", 3) when x[1] is AtomTerm n && SmallInt(x[2]) is { } a => new LocalFunRefExpr(n.Name, a),
            // Before R15 the module, name and arity were plain atoms and an integer.
            ("function", 4) when x[1] is AtomTerm m && x[2] is AtomTerm f && SmallInt(x[3]) is { } a =>
                new RemoteFunRefExpr(new AtomExpr(m.Name), new AtomExpr(f.Name), new IntegerExpr(a)),
            ("function", 4) => new RemoteFunRefExpr(ReadExpr(x[1]), ReadExpr(x[2]), ReadExpr(x[3])),
            ("clauses", 2) => new FunExpr(ReadClauses(x[1])),
            _ => null,
        };
    }

    /// <summary>The annotation of a tuple node such as <c>{atom,A,Name}</c>.</summary>
    private static Anno? AnnoOf(Term t) => t is TupleTerm { Arity: >= 2 } x ? ReadAnno(x[1]) : null;

    private static string? AtomOf(Term t) => t is TupleTerm { Arity: 3 } a && Tag(a) == "atom" && a[2] is AtomTerm n ? n.Name : null;

    private SyntaxList<Expr> Exprs(ImmutableArray<Term> items)
    {
        var builder = ImmutableArray.CreateBuilder<Expr>(items.Length);
        foreach (var item in items)
        {
            builder.Add(ReadExpr(item));
        }

        return builder.MoveToImmutable();
    }

    private SyntaxList<RecordFieldInit> RecordInits(ImmutableArray<Term> fields) => new(fields.Select(f =>
    {
        if (IsTagged(f, "record_field", 4) && f is TupleTerm rf)
        {
            return new RecordFieldInit(ReadExpr(rf[2]), ReadExpr(rf[3])) { Anno = ReadAnno(rf[1]) };
        }

        Report(DiagnosticId.MalformedNode, $"unknown record field: {Short(f)}", 0);
        return new RecordFieldInit(Unknown(f), new AtomExpr("undefined"));
    }));

    private MapAssoc? ReadAssoc(Term t) => t is TupleTerm { Arity: 4 } a && Tag(a) is "map_field_assoc" or "map_field_exact"
        ? new MapAssoc(Tag(a) == "map_field_exact", ReadExpr(a[2]), ReadExpr(a[3])) { Anno = ReadAnno(a[1]) }
        : null;

    private SyntaxList<MapAssoc> Assocs(ImmutableArray<Term> items) => new(items.Select(i =>
    {
        if (ReadAssoc(i) is { } a)
        {
            return a;
        }

        Report(DiagnosticId.MalformedNode, $"unknown map association: {Short(i)}", 0);
        return new MapAssoc(false, Unknown(i), new AtomExpr("undefined"));
    }));

    private BinElement ReadBinElement(Term t)
    {
        if (IsTagged(t, "bin_element", 5) && t is TupleTerm b)
        {
            Expr? size = b[3] is AtomTerm { Name: "default" } ? null : ReadExpr(b[3]);
            SyntaxList<BinTypeSpecifier>? specs = null;
            if (b[4] is not AtomTerm { Name: "default" })
            {
                var list = new List<BinTypeSpecifier>();
                foreach (var s in ProperList(b[4]) ?? [])
                {
                    if (s is AtomTerm name)
                    {
                        list.Add(new BinTypeSpecifier(name.Name, null));
                    }
                    else if (s is TupleTerm { Arity: 2 } u && u[0] is AtomTerm un && SmallInt(u[1]) is { } n)
                    {
                        list.Add(new BinTypeSpecifier(un.Name, n));
                    }
                    else
                    {
                        Report(DiagnosticId.MalformedNode, $"unknown binary type specifier: {Short(s)}", 0);
                    }
                }

                specs = new SyntaxList<BinTypeSpecifier>(list);
            }

            return new BinElement(ReadExpr(b[2]), size, specs) { Anno = ReadAnno(b[1]) };
        }

        Report(DiagnosticId.MalformedNode, $"unknown binary element: {Short(t)}", 0);
        return new BinElement(Unknown(t), null, null);
    }

    private SyntaxList<Qualifier> Qualifiers(ImmutableArray<Term> items) => new(items.Select(ReadQualifier));

    private Qualifier ReadQualifier(Term t)
    {
        if (t is TupleTerm { Arity: 4 } g && Tag(g) is { } tag && GeneratorShape(tag) is { } shape)
        {
            Expr pattern = shape.Kind == GeneratorKind.Map && IsTagged(g[2], "map_field_exact", 4) && g[2] is TupleTerm mp
                ? new MapGeneratorPattern(ReadExpr(mp[2]), ReadExpr(mp[3])) { Anno = ReadAnno(mp[1]) }
                : ReadExpr(g[2]);
            return new Generator(shape.Kind, shape.Strict, pattern, ReadExpr(g[3])) { Anno = ReadAnno(g[1]) };
        }

        if (IsTagged(t, "zip", 3) && t is TupleTerm z && ProperList(z[2]) is { } gens)
        {
            var list = new List<Generator>();
            foreach (var gen in gens)
            {
                if (ReadQualifier(gen) is Generator one)
                {
                    list.Add(one);
                }
                else
                {
                    Report(DiagnosticId.MalformedNode, $"zip of a non-generator: {Short(gen)}", 0);
                }
            }

            return new ZipGenerator(new SyntaxList<Generator>(list)) { Anno = ReadAnno(z[1]) };
        }

        var test = ReadExpr(t);
        return new Filter(test) { Anno = test.Anno };
    }

    private static (GeneratorKind Kind, bool Strict)? GeneratorShape(string tag) => tag switch
    {
        "generate" => (GeneratorKind.List, false),
        "generate_strict" => (GeneratorKind.List, true),
        "b_generate" => (GeneratorKind.Binary, false),
        "b_generate_strict" => (GeneratorKind.Binary, true),
        "m_generate" => (GeneratorKind.Map, false),
        "m_generate_strict" => (GeneratorKind.Map, true),
        _ => null,
    };

    public SyntaxList<Clause> ReadClauses(Term t)
    {
        if (ProperList(t) is not { } items)
        {
            Report(DiagnosticId.MalformedNode, $"clauses are not a list: {Short(t)}", 0);
            return SyntaxList<Clause>.Empty;
        }

        return new SyntaxList<Clause>(items.Select(ReadClause));
    }

    private Clause ReadClause(Term t)
    {
        if (IsTagged(t, "clause", 5) && t is TupleTerm c && ProperList(c[2]) is { } ps && ProperList(c[3]) is { } gs && ProperList(c[4]) is { } body)
        {
            return new Clause(Exprs(ps), ReadGuards(gs), Exprs(body)) { Anno = ReadAnno(c[1]) };
        }

        Report(DiagnosticId.MalformedNode, $"unknown clause: {Short(t)}", 0);
        return new Clause(SyntaxList<Expr>.Empty, SyntaxList<SyntaxList<Expr>>.Empty, [Unknown(t)]);
    }

    /// <summary>A guard sequence; before R6 a guard was one flat list of tests (erl_pp lguard/2 reads both).</summary>
    private SyntaxList<SyntaxList<Expr>> ReadGuards(ImmutableArray<Term> gs)
    {
        if (gs.Length > 0 && ProperList(gs[0]) is null)
        {
            return new SyntaxList<SyntaxList<Expr>>([Exprs(gs)]);
        }

        return new SyntaxList<SyntaxList<Expr>>(gs.Select(g => ProperList(g) is { } tests ? Exprs(tests) : [Unknown(g)]));
    }

    private UnknownExpr Unknown(Term t)
    {
        int line = t is TupleTerm { Arity: > 1 } x ? ReadAnno(x[1])?.Line ?? 0 : 0;
        Report(DiagnosticId.UnknownExpression, $"unknown expression: {Short(t)}", line);
        return new UnknownExpr(t.ToString());
    }
}
