using System.Text;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// One-line text of an expression (erl_pp's {seq,...} and {list,...} layouts when everything fits), or null when
// the expression holds clauses and must be laid out over several lines. Cached per node for the duration of
// one print: the layout asks for a node's one-line text at every level above it.
public sealed partial class ErlangPrinter
{
    /// <summary>The precedence a construct has, as erl_pp passes it to maybe_paren/3.</summary>
    private static int PrecOf(Expr e) => e switch
    {
        BinaryOpExpr b => OperatorPrecedence.TryBinary(b.Operator, out var p) ? p.Op : 0,
        MatchExpr or MaybeMatchExpr => 100,
        UnaryOpExpr u => OperatorPrecedence.TryPrefix(u.Operator, out var q) ? q.Op : 600,
        CatchExpr => OperatorPrecedence.Prefix("catch").Op,
        IntegerExpr i when i.Value.Sign < 0 => 600,
        FloatExpr f when f.Value < 0 || double.IsNegative(f.Value) => 600,
        CallExpr => OperatorPrecedence.Function.Call,
        RemoteExpr => OperatorPrecedence.Binary(":").Op,
        RecordExpr or RecordFieldExpr or RecordIndexExpr => 700,
        MapExpr { Source: not null } => 700,
        MapGeneratorPattern => 100,
        _ => 1000,
    };

    private static bool NeedsParens(Expr e, int prec) => PrecOf(e) < prec;

    private string? Flat(Expr e, int prec)
    {
        if (_options.KeepLines && _flatParentLine > 0 && e.Line > _flatParentLine)
        {
            // --keep-lines: a part that started a later line in the original keeps its line, so whatever holds
            // it is laid out over several lines (the line numbers in the Line chunk and crash reports follow).
            return null;
        }

        string? core = FlatCore(e);
        return core is null ? null : NeedsParens(e, prec) ? "(" + core + ")" : core;
    }

    private string? FlatCore(Expr e)
    {
        if (_flat.TryGetValue(e, out var cached))
        {
            return cached;
        }

        int outer = _flatParentLine;
        _flatParentLine = e.Line > 0 ? e.Line : outer;
        string? text;
        try
        {
            text = ComputeFlat(e);
        }
        finally
        {
            _flatParentLine = outer;
        }

        if (text is not null && !_options.KeepLines && text.Length > Width && !IsLeaf(e))
        {
            // Too long for any line: its parents cannot be one line either, and building their ever longer texts
            // would copy this one again at every level. A leaf keeps its text: it is written as it is anyway.
            text = null;
        }

        _flat[e] = text;
        return text;
    }

    private static bool IsLeaf(Expr e) =>
        e is AtomExpr or IntegerExpr or FloatExpr or CharExpr or StringExpr or VarExpr or NilExpr or UnknownExpr
            or LocalFunRefExpr or RecordIndexExpr;

    private string? ComputeFlat(Expr e)
    {
        switch (e)
        {
            case AtomExpr a: return ErlangLiterals.Atom(a.Value);
            case IntegerExpr i: return ErlangLiterals.Integer(i.Value);
            case FloatExpr f: return ErlangLiterals.Float(f.Value);
            case CharExpr c: return ErlangLiterals.Char(c.Value);
            case StringExpr s: return ErlangLiterals.String(s.Chars);
            case VarExpr v: return v.Name;
            case NilExpr: return "[]";
            case UnknownExpr u: return ErlangLiterals.Atom("beamdecode unknown term: " + u.TermText);
            case ConsExpr cons:
            {
                var (items, tail) = ListParts(cons);
                string? body = FlatJoin(items, 0);
                if (body is null)
                {
                    return null;
                }

                if (tail is NilExpr)
                {
                    return "[" + body + "]";
                }

                string? t = Flat(tail, 0);
                return t is null ? null : "[" + body + " | " + t + "]";
            }

            case TupleExpr t: return Wrap("{", FlatJoin(t.Elements, 0), "}");
            case MatchExpr m: return FlatInfix(m.Left, "=", m.Right, (150, 100, 100));
            case MaybeMatchExpr mm: return FlatInfix(mm.Pattern, "?=", mm.Value, (150, 100, 100));
            case BinaryOpExpr b: return FlatInfix(b.Left, b.Operator, b.Right, OperatorPrecedence.TryBinary(b.Operator, out var bp) ? bp : (1000, 0, 1000));
            case UnaryOpExpr u:
            {
                string? operand = Flat(u.Operand, OperatorPrecedence.TryPrefix(u.Operator, out var up) ? up.Operand : 700);
                return operand is null ? null : PrefixText(u.Operator, operand);
            }

            case CatchExpr c:
            {
                string? body = Flat(c.Body, OperatorPrecedence.Prefix("catch").Operand);
                return body is null ? null : "catch " + body;
            }

            case CallExpr call:
            {
                string? f = Flat(call.Function, OperatorPrecedence.Function.Function);
                string? args = FlatJoin(call.Arguments, 0);
                return f is null || args is null ? null : f + "(" + args + ")";
            }

            case RemoteExpr r:
            {
                var p = OperatorPrecedence.Binary(":");
                string? m = Flat(r.Module, p.Left), f = Flat(r.Function, p.Right);
                return m is null || f is null ? null : m + ":" + f;
            }

            case RecordExpr r:
            {
                string? src = r.Source is null ? "" : Flat(r.Source, 800);
                var sb = new StringBuilder();
                foreach (var field in r.Fields)
                {
                    string? value = Flat(field.Value, 0);
                    string? name = Flat(field.Field, 0);
                    if (value is null || name is null)
                    {
                        return null;
                    }

                    sb.Append(sb.Length > 0 ? ", " : "").Append(name).Append(" = ").Append(value);
                }

                return src is null ? null : src + "#" + ErlangLiterals.Atom(r.Name) + "{" + sb + "}";
            }

            case RecordFieldExpr rf:
            {
                string? rec = Flat(rf.Record, 800);
                return rec is null ? null : rec + "#" + ErlangLiterals.Atom(rf.Name) + "." + ErlangLiterals.Atom(rf.Field);
            }

            case RecordIndexExpr ri: return "#" + ErlangLiterals.Atom(ri.Name) + "." + ErlangLiterals.Atom(ri.Field);
            case MapExpr map:
            {
                string? src = map.Source is null ? "" : Flat(map.Source, 800);
                var sb = new StringBuilder();
                foreach (var assoc in map.Associations)
                {
                    string? a = FlatAssoc(assoc);
                    if (a is null)
                    {
                        return null;
                    }

                    sb.Append(sb.Length > 0 ? ", " : "").Append(a);
                }

                return src is null ? null : src + "#{" + sb + "}";
            }

            case BinaryExpr bin:
            {
                var sb = new StringBuilder("<<");
                for (int i = 0; i < bin.Elements.Count; i++)
                {
                    string? el = FlatBinElement(bin.Elements[i]);
                    if (el is null)
                    {
                        return null;
                    }

                    sb.Append(i > 0 ? ", " : "").Append(el);
                }

                return sb.Append(">>").ToString();
            }

            case ListComprehension lc: return FlatComprehension("[", Flat(lc.Template, 0), lc.Qualifiers, "]");
            case BinaryComprehension bc: return FlatComprehension("<< ", Flat(bc.Template, 0), bc.Qualifiers, " >>");
            case MapComprehension mc: return FlatComprehension("#{", FlatAssoc(mc.Template), mc.Qualifiers, "}");
            case MapGeneratorPattern mg: return FlatInfix(mg.Key, ":=", mg.Value, (150, 100, 100));
            case LocalFunRefExpr lf: return "fun " + ErlangLiterals.Atom(lf.Name) + "/" + lf.Arity;
            case RemoteFunRefExpr rf:
            {
                string? m = Flat(rf.Module, 900), f = Flat(rf.Function, 900), a = Flat(rf.Arity, 900);
                return m is null || f is null || a is null ? null : "fun " + m + ":" + f + "/" + a;
            }

            case FunExpr fun when fun.Clauses.Count == 1: return FlatFun("fun", fun.Clauses[0]);
            case NamedFunExpr nf when nf.Clauses.Count == 1: return FlatFun("fun " + nf.Name, nf.Clauses[0]);
            default: return null;
        }
    }

    private static string PrefixText(string op, string operand) =>
        char.IsLetter(op[0]) ? op + " " + operand : (operand.StartsWith(op[0]) ? op + " " + operand : op + operand);

    private string? FlatInfix(Expr left, string op, Expr right, (int Left, int Op, int Right) p)
    {
        string? l = Flat(left, p.Left), r = Flat(right, p.Right);
        return l is null || r is null ? null : l + " " + op + " " + r;
    }

    private static string? Wrap(string open, string? body, string close) => body is null ? null : open + body + close;

    private string? FlatJoin(IEnumerable<Expr> items, int prec)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var item in items)
        {
            string? s = Flat(item, prec);
            if (s is null)
            {
                return null;
            }

            sb.Append(first ? "" : ", ").Append(s);
            first = false;
        }

        return sb.ToString();
    }

    private string? FlatAssoc(MapAssoc a)
    {
        string? k = Flat(a.Key, 0), v = Flat(a.Value, 0);
        return k is null || v is null ? null : k + (a.Exact ? " := " : " => ") + v;
    }

    private string? FlatBinElement(BinElement el)
    {
        string? v = Flat(el.Value, OperatorPrecedence.Max);
        if (v is null)
        {
            return null;
        }

        var sb = new StringBuilder(v);
        if (el.Size is { } size)
        {
            string? s = Flat(size, OperatorPrecedence.Max);
            if (s is null)
            {
                return null;
            }

            sb.Append(':').Append(s);
        }

        if (el.Specifiers is { } specs)
        {
            sb.Append('/');
            for (int i = 0; i < specs.Count; i++)
            {
                sb.Append(i > 0 ? "-" : "").Append(specs[i].Name);
                if (specs[i].Unit is { } unit)
                {
                    sb.Append(':').Append(unit);
                }
            }
        }

        return sb.ToString();
    }

    private string? FlatComprehension(string open, string? template, SyntaxList<Qualifier> qualifiers, string close)
    {
        if (template is null)
        {
            return null;
        }

        var sb = new StringBuilder(open).Append(template).Append(" || ");
        for (int i = 0; i < qualifiers.Count; i++)
        {
            string? q = FlatQualifier(qualifiers[i]);
            if (q is null)
            {
                return null;
            }

            sb.Append(i > 0 ? ", " : "").Append(q);
        }

        return sb.Append(close).ToString();
    }

    private string? FlatQualifier(Qualifier q)
    {
        switch (q)
        {
            case Filter f: return Flat(f.Test, 0);
            case Generator g:
            {
                string? p = Flat(g.Pattern, 0), s = Flat(g.Source, 0);
                return p is null || s is null ? null : p + " " + GeneratorArrow(g) + " " + s;
            }

            case ZipGenerator z:
            {
                var parts = new List<string>();
                foreach (var g in z.Generators)
                {
                    if (FlatQualifier(g) is not { } text)
                    {
                        return null;
                    }

                    parts.Add(text);
                }

                return string.Join(" && ", parts);
            }

            default: return null;
        }
    }

    private static string GeneratorArrow(Generator g) => (g.Kind, g.Strict) switch
    {
        (GeneratorKind.Binary, false) => "<=",
        (GeneratorKind.Binary, true) => "<:=",
        (_, false) => "<-",
        (_, true) => "<:-",
    };

    /// <summary>A one-clause fun with one body expression, on one line: <c>fun(X) -&gt; X + 1 end</c>.</summary>
    private string? FlatFun(string keyword, Clause c)
    {
        if (c.Body.Count != 1)
        {
            return null;
        }

        string? args = FlatJoin(c.Patterns, 0), guard = FlatGuard(c.Guards), body = Flat(c.Body[0], 0);
        return args is null || guard is null || body is null
            ? null
            : keyword + "(" + args + ")" + (guard.Length > 0 ? " when " + guard : "") + " -> " + body + " end";
    }

    private string? FlatGuard(SyntaxList<SyntaxList<Expr>> guards)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < guards.Count; i++)
        {
            string? g = FlatJoin(guards[i], 0);
            if (g is null)
            {
                return null;
            }

            sb.Append(i > 0 ? "; " : "").Append(g);
        }

        return sb.ToString();
    }

    /// <summary>The elements of a list literal up to its first non-cons tail.</summary>
    private static (List<Expr> Items, Expr Tail) ListParts(ConsExpr cons)
    {
        var items = new List<Expr>();
        Expr e = cons;
        while (e is ConsExpr c)
        {
            items.Add(c.Head);
            e = c.Tail;
        }

        return (items, e);
    }
}
