using System.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// One-line text of an expression (erl_pp's {seq,...} and {list,...} layouts when everything fits), or none when
// the expression holds clauses and must be laid out over several lines.
//
// The layout asks for a node's one-line width at every level above it, but writes each node's text once. So the
// width is computed on its own (FlatLength) and the text written straight to the output when it is chosen
// (WriteFlat), instead of building a string per node and concatenating it again at every level: that was most of
// what `source` allocated. The two walks must agree character for character; WriteFlat checks it in Debug builds.
//
// Without --keep-lines a width depends on the node alone and is computed again when asked again: that is bounded
// (a non-leaf wider than the line is -1, and lists stop counting past the line width) and cheaper than caching it
// (a dictionary entry per node was a third of what the printer allocated). With --keep-lines the answer also
// depends on the line of the node that asked first (_flatParentLine), so there it is cached per node, and the
// parts are evaluated in the order, and with the short cuts, of the string-building version this replaced.
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

    // No precedence is below 0, so a context of 0 (list elements, arguments, bodies: most of them) never needs
    // parentheses and PrecOf, a chain of type tests, is not asked.
    private static bool NeedsParens(Expr e, int prec) => prec > 0 && PrecOf(e) < prec;

    /// <summary>The one-line text, or null; for the few places that combine texts (types, record fields).</summary>
    private string? Flat(Expr e, int prec) => FlatLength(e, prec) < 0 ? null : Text(w => WriteFlat(e, prec, w));

    private string? FlatCore(Expr e) => FlatCoreLength(e) < 0 ? null : Text(w => WriteFlatCore(e, w));

    private string? FlatAssoc(MapAssoc a) => FlatAssocLength(a) < 0 ? null : Text(w => WriteFlatAssoc(a, w));

    private string? FlatBinElement(BinElement el) => FlatBinElementLength(el) < 0 ? null : Text(w => WriteFlatBinElement(el, w));

    private string? FlatQualifier(Qualifier q) => FlatQualifierLength(q) < 0 ? null : Text(w => WriteFlatQualifier(q, w));

    private static string Text(Action<TokenWriter> write)
    {
        var w = new TokenWriter();
        write(w);
        return w.ToStringAndRelease();
    }

    /// <summary>The width of the one-line text of <paramref name="e"/> in a context of precedence
    /// <paramref name="prec"/> (parentheses included), or -1 when it has none.</summary>
    private int FlatLength(Expr e, int prec)
    {
        if (_options.KeepLines && _flatParentLine > 0 && e.Line > _flatParentLine)
        {
            // --keep-lines: a part that started a later line in the original keeps its line, so whatever holds
            // it is laid out over several lines (the line numbers in the Line chunk and crash reports follow).
            return -1;
        }

        int core = FlatCoreLength(e);
        return core < 0 ? -1 : NeedsParens(e, prec) ? core + 2 : core;
    }

    private int FlatCoreLength(Expr e)
    {
        if (!_options.KeepLines)
        {
            int n = ComputeFlatLength(e);
            return n > Width && !IsLeaf(e) ? -1 : n;
        }

        if (_flat.TryGetValue(e, out int cached))
        {
            return cached;
        }

        int outer = _flatParentLine;
        _flatParentLine = e.Line > 0 ? e.Line : outer;
        int length;
        try
        {
            length = ComputeFlatLength(e);
        }
        finally
        {
            _flatParentLine = outer;
        }

        _flat[e] = length;
        return length;
    }

    /// <summary>A non-leaf wider than the line is -1 (its parents cannot be one line either); a leaf keeps its
    /// width, as it is written as it is anyway.</summary>
    private static bool IsLeaf(Expr e) =>
        e is AtomExpr or IntegerExpr or FloatExpr or CharExpr or StringExpr or VarExpr or NilExpr or UnknownExpr
            or LocalFunRefExpr or RecordIndexExpr;

    /// <summary>Writes the one-line text whose width <see cref="FlatLength"/> gave (it must not be -1).</summary>
    private void WriteFlat(Expr e, int prec, TokenWriter w)
    {
        if (NeedsParens(e, prec))
        {
            w.Write('(');
            WriteFlatCore(e, w);
            w.Write(')');
        }
        else
        {
            WriteFlatCore(e, w);
        }
    }

    private void WriteFlatCore(Expr e, TokenWriter w)
    {
        int line = w.PhysicalLine, column = w.Column;
        WriteFlatCoreText(e, w);
        Debug.Assert(w.PhysicalLine != line || w.Column - column == FlatCoreLength(e), $"one-line width of {e.GetType().Name} computed as {FlatCoreLength(e)}, written as {w.Column - column}");
    }

    /// <summary>Sum of widths, or -1 when any is -1.</summary>
    private static int Add(int a, int b) => a < 0 || b < 0 ? -1 : a + b;

    private int ComputeFlatLength(Expr e)
    {
        switch (e)
        {
            case AtomExpr a: return ErlangLiterals.Atom(a.Value).Length;
            case IntegerExpr i: return IntegerLength(i.Value);
            case FloatExpr f: return ErlangLiterals.Float(f.Value).Length;
            case CharExpr c: return ErlangLiterals.Char(c.Value).Length;
            case StringExpr s: return StringText(s).Length;
            case VarExpr v: return v.Name.Length;
            case NilExpr: return 2;
            case UnknownExpr u: return ErlangLiterals.Atom("beamdecode unknown term: " + u.TermText).Length;
            case ConsExpr cons:
            {
                // The elements up to the first tail that is not a cons, as FlatJoinLength counts them.
                int body = 0;
                Expr tail = cons;
                for (bool first = true; tail is ConsExpr c; tail = c.Tail, first = false)
                {
                    int n = FlatLength(c.Head, 0);
                    if (n < 0)
                    {
                        return -1;
                    }

                    body += (first ? 0 : 2) + n;
                    if (PastLine(body))
                    {
                        return body;
                    }
                }

                return tail is NilExpr ? body + 2 : Add(FlatLength(tail, 0), body + 5);
            }

            case TupleExpr t: return Add(FlatJoinLength(t.Elements.Items.AsSpan(), 0), 2);
            case MatchExpr m: return FlatInfixLength(m.Left, "=", m.Right, (150, 100, 100));
            case MaybeMatchExpr mm: return FlatInfixLength(mm.Pattern, "?=", mm.Value, (150, 100, 100));
            case BinaryOpExpr b: return FlatInfixLength(b.Left, b.Operator, b.Right, OperatorPrecedence.TryBinary(b.Operator, out var bp) ? bp : (1000, 0, 1000));
            case UnaryOpExpr u:
            {
                int operand = FlatLength(u.Operand, OperatorPrecedence.TryPrefix(u.Operator, out var up) ? up.Operand : 700);
                return operand < 0 ? -1 : PrefixSeparated(u) ? u.Operator.Length + 1 + operand : u.Operator.Length + operand;
            }

            case CatchExpr c: return Add(FlatLength(c.Body, OperatorPrecedence.Prefix("catch").Operand), 6);
            case CallExpr call:
            {
                int f = FlatLength(call.Function, OperatorPrecedence.Function.Function);
                int args = FlatJoinLength(call.Arguments.Items.AsSpan(), 0);
                return Add(Add(f, args), 2);
            }

            case RemoteExpr r:
            {
                var p = OperatorPrecedence.Binary(":");
                int m = FlatLength(r.Module, p.Left), f = FlatLength(r.Function, p.Right);
                return Add(Add(m, f), 1);
            }

            case RecordExpr r:
            {
                int src = r.Source is null ? 0 : FlatLength(r.Source, 800);
                int fields = 0;
                for (int i = 0; i < r.Fields.Count; i++)
                {
                    var field = r.Fields[i];
                    int value = FlatLength(field.Value, 0);
                    int name = FlatLength(field.Field, 0);
                    if (value < 0 || name < 0)
                    {
                        return -1;
                    }

                    fields += (i > 0 ? 2 : 0) + name + 3 + value;
                }

                return src < 0 ? -1 : src + 1 + ErlangLiterals.Atom(r.Name).Length + 1 + fields + 1;
            }

            case RecordFieldExpr rf:
                return Add(FlatLength(rf.Record, 800), 1 + ErlangLiterals.Atom(rf.Name).Length + 1 + ErlangLiterals.Atom(rf.Field).Length);
            case RecordIndexExpr ri: return 1 + ErlangLiterals.Atom(ri.Name).Length + 1 + ErlangLiterals.Atom(ri.Field).Length;
            case MapExpr map:
            {
                int src = map.Source is null ? 0 : FlatLength(map.Source, 800);
                int assocs = 0;
                for (int i = 0; i < map.Associations.Count; i++)
                {
                    int a = FlatAssocLength(map.Associations[i]);
                    if (a < 0)
                    {
                        return -1;
                    }

                    assocs += (i > 0 ? 2 : 0) + a;
                }

                return src < 0 ? -1 : src + 2 + assocs + 1;
            }

            case BinaryExpr bin:
            {
                int els = 0;
                for (int i = 0; i < bin.Elements.Count; i++)
                {
                    int el = FlatBinElementLength(bin.Elements[i]);
                    if (el < 0)
                    {
                        return -1;
                    }

                    els += (i > 0 ? 2 : 0) + el;
                }

                return 2 + els + 2;
            }

            case ListComprehension lc: return FlatComprehensionLength(1, FlatLength(lc.Template, 0), lc.Qualifiers, 1);
            case BinaryComprehension bc: return FlatComprehensionLength(3, FlatLength(bc.Template, 0), bc.Qualifiers, 3);
            case MapComprehension mc: return FlatComprehensionLength(2, FlatAssocLength(mc.Template), mc.Qualifiers, 1);
            case MapGeneratorPattern mg: return FlatInfixLength(mg.Key, ":=", mg.Value, (150, 100, 100));
            case LocalFunRefExpr lf: return 4 + ErlangLiterals.Atom(lf.Name).Length + 1 + Digits(lf.Arity);
            case RemoteFunRefExpr rf:
            {
                int m = FlatLength(rf.Module, 900), f = FlatLength(rf.Function, 900), a = FlatLength(rf.Arity, 900);
                return Add(Add(Add(m, f), a), 4 + 1 + 1);
            }

            case FunExpr fun when fun.Clauses.Count == 1: return FlatFunLength(3, fun.Clauses[0]);
            case NamedFunExpr nf when nf.Clauses.Count == 1: return FlatFunLength(4 + nf.Name.Length, nf.Clauses[0]);
            default: return -1;
        }
    }

    private void WriteFlatCoreText(Expr e, TokenWriter w)
    {
        switch (e)
        {
            case AtomExpr a: w.Write(ErlangLiterals.Atom(a.Value)); break;
            case IntegerExpr i:
                if (i.Value >= long.MinValue && i.Value <= long.MaxValue)
                {
                    w.WriteInteger((long)i.Value);
                }
                else
                {
                    w.Write(ErlangLiterals.Integer(i.Value));
                }

                break;
            case FloatExpr f: w.Write(ErlangLiterals.Float(f.Value)); break;
            case CharExpr c: w.Write(ErlangLiterals.Char(c.Value)); break;
            case StringExpr s: w.Write(StringText(s)); break;
            case VarExpr v: w.Write(v.Name); break;
            case NilExpr: w.Write("[]"); break;
            case UnknownExpr u: w.Write(ErlangLiterals.Atom("beamdecode unknown term: " + u.TermText)); break;
            case ConsExpr cons:
            {
                w.Write('[');
                Expr tail = cons;
                for (bool first = true; tail is ConsExpr c; tail = c.Tail, first = false)
                {
                    if (!first)
                    {
                        w.Write(", ");
                    }

                    WriteFlat(c.Head, 0, w);
                }

                if (tail is not NilExpr)
                {
                    w.Write(" | ");
                    WriteFlat(tail, 0, w);
                }

                w.Write(']');
                break;
            }

            case TupleExpr t:
                w.Write('{');
                WriteFlatJoin(t.Elements.Items.AsSpan(), 0, w);
                w.Write('}');
                break;
            case MatchExpr m: WriteFlatInfix(m.Left, "=", m.Right, (150, 100, 100), w); break;
            case MaybeMatchExpr mm: WriteFlatInfix(mm.Pattern, "?=", mm.Value, (150, 100, 100), w); break;
            case BinaryOpExpr b: WriteFlatInfix(b.Left, b.Operator, b.Right, OperatorPrecedence.TryBinary(b.Operator, out var bp) ? bp : (1000, 0, 1000), w); break;
            case UnaryOpExpr u:
                w.Write(u.Operator);
                if (PrefixSeparated(u))
                {
                    w.Write(' ');
                }

                WriteFlat(u.Operand, OperatorPrecedence.TryPrefix(u.Operator, out var up) ? up.Operand : 700, w);
                break;
            case CatchExpr c:
                w.Write("catch ");
                WriteFlat(c.Body, OperatorPrecedence.Prefix("catch").Operand, w);
                break;
            case CallExpr call:
                WriteFlat(call.Function, OperatorPrecedence.Function.Function, w);
                w.Write('(');
                WriteFlatJoin(call.Arguments.Items.AsSpan(), 0, w);
                w.Write(')');
                break;
            case RemoteExpr r:
            {
                var p = OperatorPrecedence.Binary(":");
                WriteFlat(r.Module, p.Left, w);
                w.Write(':');
                WriteFlat(r.Function, p.Right, w);
                break;
            }

            case RecordExpr r:
                if (r.Source is not null)
                {
                    WriteFlat(r.Source, 800, w);
                }

                w.Write('#');
                w.Write(ErlangLiterals.Atom(r.Name));
                w.Write('{');
                for (int i = 0; i < r.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        w.Write(", ");
                    }

                    WriteFlat(r.Fields[i].Field, 0, w);
                    w.Write(" = ");
                    WriteFlat(r.Fields[i].Value, 0, w);
                }

                w.Write('}');
                break;
            case RecordFieldExpr rf:
                WriteFlat(rf.Record, 800, w);
                w.Write('#');
                w.Write(ErlangLiterals.Atom(rf.Name));
                w.Write('.');
                w.Write(ErlangLiterals.Atom(rf.Field));
                break;
            case RecordIndexExpr ri:
                w.Write('#');
                w.Write(ErlangLiterals.Atom(ri.Name));
                w.Write('.');
                w.Write(ErlangLiterals.Atom(ri.Field));
                break;
            case MapExpr map:
                if (map.Source is not null)
                {
                    WriteFlat(map.Source, 800, w);
                }

                w.Write("#{");
                for (int i = 0; i < map.Associations.Count; i++)
                {
                    if (i > 0)
                    {
                        w.Write(", ");
                    }

                    WriteFlatAssoc(map.Associations[i], w);
                }

                w.Write('}');
                break;
            case BinaryExpr bin:
                w.Write("<<");
                for (int i = 0; i < bin.Elements.Count; i++)
                {
                    if (i > 0)
                    {
                        w.Write(", ");
                    }

                    WriteFlatBinElement(bin.Elements[i], w);
                }

                w.Write(">>");
                break;
            // No lambdas in this method: one capturing w would make every call allocate a closure (the compiler
            // creates it on entry), and this runs for every node printed on one line.
            case ListComprehension lc: WriteFlatComprehension("[", lc.Template, null, lc.Qualifiers, "]", w); break;
            case BinaryComprehension bc: WriteFlatComprehension("<< ", bc.Template, null, bc.Qualifiers, " >>", w); break;
            case MapComprehension mc: WriteFlatComprehension("#{", null, mc.Template, mc.Qualifiers, "}", w); break;
            case MapGeneratorPattern mg: WriteFlatInfix(mg.Key, ":=", mg.Value, (150, 100, 100), w); break;
            case LocalFunRefExpr lf:
                w.Write("fun ");
                w.Write(ErlangLiterals.Atom(lf.Name));
                w.Write('/');
                w.Write(lf.Arity.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case RemoteFunRefExpr rf:
                w.Write("fun ");
                WriteFlat(rf.Module, 900, w);
                w.Write(':');
                WriteFlat(rf.Function, 900, w);
                w.Write('/');
                WriteFlat(rf.Arity, 900, w);
                break;
            case FunExpr fun: WriteFlatFun("fun", fun.Clauses[0], w); break;
            case NamedFunExpr nf: WriteFlatFun("fun " + nf.Name, nf.Clauses[0], w); break;
            default: throw new InvalidOperationException($"no one-line text for {e.GetType().Name}");
        }
    }

    /// <summary>A string literal's text, kept for the next call: the printer asks for its width, then for its text
    /// (keyed by the code-point array, which the node owns and never changes).</summary>
    private string StringText(StringExpr s)
    {
        var chars = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(s.Chars.Items);
        if (chars is null || !ReferenceEquals(chars, _lastStringChars))
        {
            _lastString = ErlangLiterals.String(s.Chars.Items.AsSpan());
            _lastStringChars = chars;
        }

        return _lastString!;
    }

    private static int Digits(int n) => IntegerLength(n);

    /// <summary>The width of <see cref="ErlangLiterals.Integer"/>'s text, without building it for the usual sizes.</summary>
    private static int IntegerLength(System.Numerics.BigInteger value)
    {
        if (value < long.MinValue || value > long.MaxValue)
        {
            return ErlangLiterals.Integer(value).Length;
        }

        long v = (long)value;
        int sign = v < 0 ? 1 : 0;
        ulong magnitude = v < 0 ? (ulong)(-(v + 1)) + 1 : (ulong)v;
        int digits = 1;
        while (magnitude >= 10)
        {
            magnitude /= 10;
            digits++;
        }

        return sign + digits;
    }

    /// <summary>Without --keep-lines, a running width past the line cannot fit: counting further is wasted.</summary>
    private bool PastLine(int width) => !_options.KeepLines && width > Width;

    /// <summary>A word operator (<c>not X</c>) is always followed by a space; a symbol only when the operand starts
    /// with a sign itself (<c>- -1</c>, not <c>--1</c>).</summary>
    private bool PrefixSeparated(UnaryOpExpr u)
    {
        if (char.IsLetter(u.Operator[0]))
        {
            return true;
        }

        // Rare (a sign on something that is not a literal): build the operand's text to look at its first character.
        string? operand = Flat(u.Operand, OperatorPrecedence.TryPrefix(u.Operator, out var up) ? up.Operand : 700);
        return operand is not null && operand.StartsWith(u.Operator[0]);
    }

    private int FlatInfixLength(Expr left, string op, Expr right, (int Left, int Op, int Right) p)
    {
        int l = FlatLength(left, p.Left), r = FlatLength(right, p.Right);
        return Add(Add(l, r), 1 + op.Length + 1);
    }

    private void WriteFlatInfix(Expr left, string op, Expr right, (int Left, int Op, int Right) p, TokenWriter w)
    {
        WriteFlat(left, p.Left, w);
        w.Write(' ');
        w.Write(op);
        w.Write(' ');
        WriteFlat(right, p.Right, w);
    }

    /// <summary>Items separated by <c>", "</c>; stops at the first without a one-line text.</summary>
    private int FlatJoinLength(ReadOnlySpan<Expr> items, int prec)
    {
        int total = 0;
        for (int i = 0; i < items.Length; i++)
        {
            int n = FlatLength(items[i], prec);
            if (n < 0)
            {
                return -1;
            }

            total += (i > 0 ? 2 : 0) + n;
            if (PastLine(total))
            {
                return total;
            }
        }

        return total;
    }

    private void WriteFlatJoin(ReadOnlySpan<Expr> items, int prec, TokenWriter w)
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                w.Write(", ");
            }

            WriteFlat(items[i], prec, w);
        }
    }

    private int FlatAssocLength(MapAssoc a)
    {
        int k = FlatLength(a.Key, 0), v = FlatLength(a.Value, 0);
        return Add(Add(k, v), 4);
    }

    private void WriteFlatAssoc(MapAssoc a, TokenWriter w)
    {
        WriteFlat(a.Key, 0, w);
        w.Write(a.Exact ? " := " : " => ");
        WriteFlat(a.Value, 0, w);
    }

    private int FlatBinElementLength(BinElement el)
    {
        int v = FlatLength(el.Value, OperatorPrecedence.Max);
        if (v < 0)
        {
            return -1;
        }

        if (el.Size is { } size)
        {
            int s = FlatLength(size, OperatorPrecedence.Max);
            if (s < 0)
            {
                return -1;
            }

            v += 1 + s;
        }

        if (el.Specifiers is { } specs)
        {
            v += 1;
            for (int i = 0; i < specs.Count; i++)
            {
                v += (i > 0 ? 1 : 0) + specs[i].Name.Length + (specs[i].Unit is { } unit ? 1 + Digits(unit) : 0);
            }
        }

        return v;
    }

    private void WriteFlatBinElement(BinElement el, TokenWriter w)
    {
        WriteFlat(el.Value, OperatorPrecedence.Max, w);
        if (el.Size is { } size)
        {
            w.Write(':');
            WriteFlat(size, OperatorPrecedence.Max, w);
        }

        if (el.Specifiers is { } specs)
        {
            w.Write('/');
            for (int i = 0; i < specs.Count; i++)
            {
                if (i > 0)
                {
                    w.Write('-');
                }

                w.Write(specs[i].Name);
                if (specs[i].Unit is { } unit)
                {
                    w.Write(':');
                    w.Write(unit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private int FlatComprehensionLength(int open, int template, SyntaxList<Qualifier> qualifiers, int close)
    {
        if (template < 0)
        {
            return -1;
        }

        int total = open + template + 4;
        for (int i = 0; i < qualifiers.Count; i++)
        {
            int q = FlatQualifierLength(qualifiers[i]);
            if (q < 0)
            {
                return -1;
            }

            total += (i > 0 ? 2 : 0) + q;
        }

        return total + close;
    }

    /// <summary>The template is <paramref name="expr"/>, or for a map comprehension <paramref name="assoc"/>.</summary>
    private void WriteFlatComprehension(string open, Expr? expr, MapAssoc? assoc, SyntaxList<Qualifier> qualifiers, string close, TokenWriter w)
    {
        w.Write(open);
        if (expr is not null)
        {
            WriteFlat(expr, 0, w);
        }
        else
        {
            WriteFlatAssoc(assoc!, w);
        }

        w.Write(" || ");
        for (int i = 0; i < qualifiers.Count; i++)
        {
            if (i > 0)
            {
                w.Write(", ");
            }

            WriteFlatQualifier(qualifiers[i], w);
        }

        w.Write(close);
    }

    private int FlatQualifierLength(Qualifier q)
    {
        switch (q)
        {
            case Filter f: return FlatLength(f.Test, 0);
            case Generator g:
            {
                int p = FlatLength(g.Pattern, 0), s = FlatLength(g.Source, 0);
                return Add(Add(p, s), 1 + GeneratorArrow(g).Length + 1);
            }

            case ZipGenerator z:
            {
                int total = 0;
                for (int i = 0; i < z.Generators.Count; i++)
                {
                    int n = FlatQualifierLength(z.Generators[i]);
                    if (n < 0)
                    {
                        return -1;
                    }

                    total += (i > 0 ? 4 : 0) + n;
                }

                return total;
            }

            default: return -1;
        }
    }

    private void WriteFlatQualifier(Qualifier q, TokenWriter w)
    {
        switch (q)
        {
            case Filter f:
                WriteFlat(f.Test, 0, w);
                break;
            case Generator g:
                WriteFlat(g.Pattern, 0, w);
                w.Write(' ');
                w.Write(GeneratorArrow(g));
                w.Write(' ');
                WriteFlat(g.Source, 0, w);
                break;
            case ZipGenerator z:
                for (int i = 0; i < z.Generators.Count; i++)
                {
                    if (i > 0)
                    {
                        w.Write(" && ");
                    }

                    WriteFlatQualifier(z.Generators[i], w);
                }

                break;
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
    private int FlatFunLength(int keyword, Clause c)
    {
        if (c.Body.Count != 1)
        {
            return -1;
        }

        int args = FlatJoinLength(c.Patterns.Items.AsSpan(), 0), guard = FlatGuardLength(c.Guards), body = FlatLength(c.Body[0], 0);
        return args < 0 || guard < 0 || body < 0
            ? -1
            : keyword + 1 + args + 1 + (guard > 0 ? 6 + guard : 0) + 4 + body + 4;
    }

    private void WriteFlatFun(string keyword, Clause c, TokenWriter w)
    {
        w.Write(keyword);
        w.Write('(');
        WriteFlatJoin(c.Patterns.Items.AsSpan(), 0, w);
        w.Write(')');
        // The guard text is empty only without tests (no guard, or one with none).
        if (c.Guards.Count > 1 || (c.Guards.Count == 1 && c.Guards[0].Count > 0))
        {
            w.Write(" when ");
            WriteFlatGuard(c.Guards, w);
        }

        w.Write(" -> ");
        WriteFlat(c.Body[0], 0, w);
        w.Write(" end");
    }

    /// <summary>Guards separated by <c>"; "</c>, their tests by <c>", "</c>; -1 when any has no one-line text.</summary>
    private int FlatGuardLength(SyntaxList<SyntaxList<Expr>> guards)
    {
        int total = 0;
        for (int i = 0; i < guards.Count; i++)
        {
            int g = FlatJoinLength(guards[i].Items.AsSpan(), 0);
            if (g < 0)
            {
                return -1;
            }

            total += (i > 0 ? 2 : 0) + g;
            if (PastLine(total))
            {
                return total;
            }
        }

        return total;
    }

    private void WriteFlatGuard(SyntaxList<SyntaxList<Expr>> guards, TokenWriter w)
    {
        for (int i = 0; i < guards.Count; i++)
        {
            if (i > 0)
            {
                w.Write("; ");
            }

            WriteFlatJoin(guards[i].Items.AsSpan(), 0, w);
        }
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
