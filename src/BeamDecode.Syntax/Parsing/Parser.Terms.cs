using System.Numerics;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Syntax.Parsing;

// The value of a "wild" attribute: erl_parse's term(attribute_farity(Expr)), i.e. normalise/1 of the expression
// with Name/Arity turned into {Name,Arity} inside lists, tuples and map values. The model keeps an attribute's
// value as the literal expression AbstractFormReader.LiteralFromTerm builds from the term (erl_parse:abstract/2
// style: printable lists as strings, annotations dropped), so the term is built here and then written the same way.
public sealed partial class Parser
{
    private abstract record Term;

    private sealed record IntTerm(BigInteger Value) : Term;

    private sealed record FloatTerm(double Value) : Term;

    private sealed record AtomTerm(string Name) : Term;

    private sealed record TupleTerm(List<Term> Elements) : Term;

    /// <summary>A list: elements and a tail (null for a proper list).</summary>
    private sealed record ListTerm(List<Term> Elements, Term? Tail) : Term;

    private sealed record MapTerm(List<(Term Key, Term Value)> Pairs) : Term;

    /// <summary>A bitstring: whole bytes, then <c>Bits</c> (1..7) more bits in the last byte when not a binary.</summary>
    private sealed record BitsTerm(byte[] Bytes, int Bits) : Term;

    private sealed class NotATerm : Exception;

    private Expr AttributeTerm(Expr e, Token name)
    {
        try
        {
            return ToLiteral(Normalise(e, farity: true));
        }
        catch (NotATerm)
        {
            throw Error(DiagnosticId.ParserBadAttribute, "bad attribute", FirstAnnoNode(e), name);
        }
    }

    /// <summary>
    /// build_attribute/2 for a map given to -doc or -moduledoc (OTP 27): each value normalised as usual, except
    /// that <c>equiv =&gt; Call</c> in a -doc keeps the call's abstract form as the value.
    /// </summary>
    private Expr DocMapTerm(MapExpr map, bool isDoc, Token name)
    {
        var pairs = new List<(Term, Term)>();
        foreach (var a in map.Associations)
        {
            if (a.Exact)
            {
                throw Error(DiagnosticId.ParserBadAttribute, "bad attribute", FirstAnnoNode(a.Key), name);
            }

            Term key;
            Term value;
            try
            {
                key = Normalise(a.Key, false);
                value = key is AtomTerm { Name: "equiv" } && isDoc && a.Value is CallExpr call
                    ? AbstractTerm(call)
                    : Normalise(a.Value, farity: true);
            }
            catch (NotATerm)
            {
                throw Error(DiagnosticId.ParserBadAttribute, "bad attribute", FirstAnnoNode(map), name);
            }

            pairs.RemoveAll(p => Equal(p.Item1, key));
            pairs.Add((key, value));
        }

        pairs.Sort((x, y) => CompareTerms(x.Item1, y.Item1));
        return ToLiteral(new MapTerm(pairs));
    }

    /// <summary>The abstract format of an expression as a term (what erl_parse keeps for a -doc equiv call), for
    /// the expressions such a call has as arguments (literals, variables, lists, tuples, maps, binaries, calls,
    /// operators, funs); anything else is refused as "bad attribute".</summary>
    private static Term AbstractTerm(Expr e)
    {
        Term A() => AnnoTerm(e.Anno);
        Term Tagged(string tag, params Term[] rest) => new TupleTerm([new AtomTerm(tag), A(), .. rest]);
        Term Exprs(SyntaxList<Expr> es) => new ListTerm([.. es.Items.Select(AbstractTerm)], null);
        return e switch
        {
            AtomExpr a => Tagged("atom", new AtomTerm(a.Value)),
            VarExpr v => Tagged("var", new AtomTerm(v.Name)),
            IntegerExpr i => Tagged("integer", new IntTerm(i.Value)),
            CharExpr c => Tagged("char", new IntTerm(c.Value)),
            FloatExpr f => Tagged("float", new FloatTerm(f.Value)),
            StringExpr s => Tagged("string", new ListTerm([.. s.Chars.Items.Select(c => (Term)new IntTerm(c))], null)),
            NilExpr => Tagged("nil"),
            ConsExpr c => Tagged("cons", AbstractTerm(c.Head), AbstractTerm(c.Tail)),
            TupleExpr t => Tagged("tuple", Exprs(t.Elements)),
            CallExpr c => Tagged("call", AbstractTerm(c.Function), Exprs(c.Arguments)),
            RemoteExpr r => Tagged("remote", AbstractTerm(r.Module), AbstractTerm(r.Function)),
            BinaryOpExpr b => Tagged("op", new AtomTerm(b.Operator), AbstractTerm(b.Left), AbstractTerm(b.Right)),
            UnaryOpExpr u => Tagged("op", new AtomTerm(u.Operator), AbstractTerm(u.Operand)),
            MatchExpr m => Tagged("match", AbstractTerm(m.Left), AbstractTerm(m.Right)),
            MapExpr { Source: null } m => Tagged("map", new ListTerm([.. m.Associations.Items.Select(a =>
                (Term)new TupleTerm([new AtomTerm(a.Exact ? "map_field_exact" : "map_field_assoc"), AnnoTerm(a.Anno), AbstractTerm(a.Key), AbstractTerm(a.Value)]))], null)),
            LocalFunRefExpr f => Tagged("fun", new TupleTerm([new AtomTerm("function"), new AtomTerm(f.Name), new IntTerm(f.Arity)])),
            RemoteFunRefExpr f => Tagged("fun", new TupleTerm([new AtomTerm("function"), AbstractTerm(f.Module), AbstractTerm(f.Function), AbstractTerm(f.Arity)])),
            FunExpr f => Tagged("fun", new TupleTerm([new AtomTerm("clauses"), Clauses(f.Clauses)])),
            NamedFunExpr f => Tagged("named_fun", new AtomTerm(f.Name), Clauses(f.Clauses)),
            BinaryExpr b => Tagged("bin", new ListTerm([.. b.Elements.Items.Select(BinElementTerm)], null)),
            _ => throw new NotATerm(),
        };
    }

    private static Term Clauses(SyntaxList<Clause> clauses) => new ListTerm([.. clauses.Items.Select(c => (Term)new TupleTerm([
        new AtomTerm("clause"), AnnoTerm(c.Anno),
        new ListTerm([.. c.Patterns.Items.Select(AbstractTerm)], null),
        new ListTerm([.. c.Guards.Items.Select(g => (Term)new ListTerm([.. g.Items.Select(AbstractTerm)], null))], null),
        new ListTerm([.. c.Body.Items.Select(AbstractTerm)], null)]))], null);

    private static Term BinElementTerm(BinElement e) => new TupleTerm([
        new AtomTerm("bin_element"), AnnoTerm(e.Anno), AbstractTerm(e.Value),
        e.Size is null ? new AtomTerm("default") : AbstractTerm(e.Size),
        e.Specifiers is not { } specs ? new AtomTerm("default")
            : new ListTerm([.. specs.Items.Select(t => t.Unit is { } u ? (Term)new TupleTerm([new AtomTerm(t.Name), new IntTerm(u)]) : new AtomTerm(t.Name))], null)]);

    /// <summary>An annotation as erl_anno keeps it: a line, {Line, Column}, or the list form with text/generated.</summary>
    private static Term AnnoTerm(Anno? anno)
    {
        if (anno is null)
        {
            return new IntTerm(0);
        }

        Term location = anno.Column > 0 ? new TupleTerm([new IntTerm(anno.Line), new IntTerm(anno.Column)]) : new IntTerm(anno.Line);
        if (anno.Text is null && !anno.Generated)
        {
            return location;
        }

        var items = new List<Term>();
        if (anno.Text is not null)
        {
            items.Add(new TupleTerm([new AtomTerm("text"), new ListTerm([.. StringExpr.From(anno.Text).Chars.Items.Select(c => (Term)new IntTerm(c))], null)]));
        }

        if (anno.Generated)
        {
            items.Add(new TupleTerm([new AtomTerm("generated"), new AtomTerm("true")]));
        }

        items.Add(new TupleTerm([new AtomTerm("location"), location]));
        return new ListTerm(items, null);
    }

    /// <summary>normalise/1 (with attribute_farity/1 where <paramref name="farity"/>).</summary>
    private Term Normalise(Expr e, bool farity)
    {
        switch (e)
        {
            case IntegerExpr i: return new IntTerm(i.Value);
            case CharExpr c: return new IntTerm(c.Value);
            case FloatExpr f: return new FloatTerm(f.Value);
            case AtomExpr a: return new AtomTerm(a.Value);
            case StringExpr s: return new ListTerm([.. s.Chars.Items.Select(c => (Term)new IntTerm(c))], null);
            case NilExpr: return new ListTerm([], null);
            case BinaryOpExpr { Operator: "/", Left: AtomExpr n, Right: IntegerExpr a } when farity:
                return new TupleTerm([new AtomTerm(n.Value), new IntTerm(a.Value)]);
            case UnaryOpExpr { Operator: "+" or "-" } u:
            {
                bool neg = u.Operator == "-";
                return u.Operand switch
                {
                    IntegerExpr i => new IntTerm(neg ? -i.Value : i.Value),
                    CharExpr c => new IntTerm(neg ? -c.Value : c.Value),
                    FloatExpr f => new FloatTerm(neg ? -f.Value : f.Value),
                    _ => throw new NotATerm(),
                };
            }

            case TupleExpr t: return new TupleTerm([.. t.Elements.Items.Select(x => Normalise(x, farity))]);
            case ConsExpr:
            {
                var elements = new List<Term>();
                Expr tail = e;
                while (tail is ConsExpr c)
                {
                    elements.Add(Normalise(c.Head, farity));
                    tail = c.Tail;
                }

                var rest = Normalise(tail, farity);
                if (rest is ListTerm l)
                {
                    elements.AddRange(l.Elements);
                    return new ListTerm(elements, l.Tail);
                }

                return new ListTerm(elements, rest);
            }

            case MapExpr { Source: null } m:
            {
                var pairs = new List<(Term, Term)>();
                foreach (var a in m.Associations)
                {
                    if (a.Exact)
                    {
                        throw new NotATerm();
                    }

                    var key = Normalise(a.Key, false);
                    var value = Normalise(a.Value, farity);
                    pairs.RemoveAll(p => Equal(p.Item1, key));
                    pairs.Add((key, value));
                }

                pairs.Sort((x, y) => CompareTerms(x.Item1, y.Item1));
                return new MapTerm(pairs);
            }

            case BinaryExpr b: return EvalBits(b);
            default: throw new NotATerm();
        }
    }

    /// <summary>eval_bits:expr_grp/3 for the segments a literal binary can have: integers (any size, unit, sign and
    /// endianness), strings, utf8/16/32 and binaries.</summary>
    private BitsTerm EvalBits(BinaryExpr b)
    {
        var bits = new List<bool>();
        foreach (var el in b.Elements)
        {
            string type = "integer";
            bool little = false;
            int unit = -1;
            foreach (var s in el.Specifiers ?? SyntaxList<BinTypeSpecifier>.Empty)
            {
                switch (s.Name)
                {
                    case "integer" or "binary" or "bytes" or "bitstring" or "bits" or "utf8" or "utf16" or "utf32" or "float":
                        type = s.Name;
                        break;
                    case "little": little = true; break;
                    case "big" or "signed" or "unsigned": break;
                    case "unit": unit = s.Unit ?? 1; break;
                    default: throw new NotATerm();
                }
            }

            if (type == "float" || (little && type != "integer"))
            {
                throw new NotATerm();
            }

            BigInteger? size = el.Size is null ? null : Normalise(el.Size, false) is IntTerm st ? st.Value : throw new NotATerm();
            var values = el.Value is StringExpr str ? [.. str.Chars.Items.Select(c => (Term)new IntTerm(c))] : new List<Term> { Normalise(el.Value, false) };
            foreach (var v in values)
            {
                switch (type)
                {
                    case "integer" when v is IntTerm i:
                        int n = (int)((size ?? 8) * (unit < 0 ? 1 : unit));
                        AppendInteger(bits, i.Value, n, little);
                        break;
                    case "utf8" or "utf16" or "utf32" when v is IntTerm cp && el.Size is null:
                        string text = char.ConvertFromUtf32((int)cp.Value);
                        byte[] encoded = type == "utf8" ? System.Text.Encoding.UTF8.GetBytes(text)
                            : type == "utf16" ? System.Text.Encoding.BigEndianUnicode.GetBytes(text)
                            : new System.Text.UTF32Encoding(true, false).GetBytes(text);
                        foreach (byte by in encoded)
                        {
                            AppendInteger(bits, by, 8, false);
                        }

                        break;
                    case "binary" or "bytes" or "bitstring" or "bits" when v is BitsTerm bt && el.Size is null:
                        for (int k = 0; k < bt.Bytes.Length; k++)
                        {
                            int width = k == bt.Bytes.Length - 1 && bt.Bits != 0 ? bt.Bits : 8;
                            AppendInteger(bits, bt.Bytes[k] >> (8 - width), width, false);
                        }

                        break;
                    default:
                        throw new NotATerm();
                }
            }
        }

        var bytes = new byte[(bits.Count + 7) / 8];
        for (int k = 0; k < bits.Count; k++)
        {
            if (bits[k])
            {
                bytes[k / 8] |= (byte)(0x80 >> (k % 8));
            }
        }

        return new BitsTerm(bytes, bits.Count % 8);
    }

    private static void AppendInteger(List<bool> bits, BigInteger value, int size, bool little)
    {
        if (size < 0 || size > 1 << 20)
        {
            throw new NotATerm();
        }

        var mask = (BigInteger.One << size) - 1;
        var v = value & mask;
        if (little && size % 8 == 0)
        {
            for (int b = 0; b < size / 8; b++)
            {
                AppendInteger(bits, (v >> (8 * b)) & 0xFF, 8, false);
            }

            return;
        }

        for (int k = size - 1; k >= 0; k--)
        {
            bits.Add(((v >> k) & 1) == 1);
        }
    }

    /// <summary>AbstractFormReader.LiteralFromTerm's writing of a term as a literal expression.</summary>
    private static Expr ToLiteral(Term t)
    {
        switch (t)
        {
            case IntTerm i: return new IntegerExpr(i.Value);
            case FloatTerm f: return new FloatExpr(f.Value);
            case AtomTerm a: return new AtomExpr(a.Name);
            case TupleTerm tt: return new TupleExpr([.. tt.Elements.Select(ToLiteral)]);
            case MapTerm m: return new MapExpr(null, [.. m.Pairs.Select(p => new MapAssoc(false, ToLiteral(p.Key), ToLiteral(p.Value)))]);
            case BitsTerm b: return BinaryLiteral(b);
            case ListTerm l:
                if (l.Elements.Count == 0)
                {
                    return l.Tail is null ? new NilExpr() : ToLiteral(l.Tail);
                }

                if (l.Tail is null && l.Elements.All(x => x is IntTerm { Value.Sign: >= 0 } i && i.Value <= int.MaxValue)
                    && ErlangLiterals.IsPrintableString([.. l.Elements.Select(x => ((IntTerm)x).Value)]))
                {
                    return new StringExpr([.. l.Elements.Select(x => (int)((IntTerm)x).Value)]);
                }

                Expr tail = l.Tail is null ? new NilExpr() : ToLiteral(l.Tail);
                for (int k = l.Elements.Count - 1; k >= 0; k--)
                {
                    tail = new ConsExpr(ToLiteral(l.Elements[k]), tail);
                }

                return tail;
            default:
                throw new NotATerm();
        }
    }

    private static BinaryExpr BinaryLiteral(BitsTerm b)
    {
        bool isBinary = b.Bits == 0;
        if (isBinary && b.Bytes.Length > 0 && b.Bytes.All(c => c is >= 32 and < 127 or >= 160 or (byte)'\n' or (byte)'\t'))
        {
            return new BinaryExpr([new BinElement(new StringExpr([.. b.Bytes.Select(c => (int)c)]), null, null)]);
        }

        var els = new List<BinElement>();
        int whole = isBinary ? b.Bytes.Length : b.Bytes.Length - 1;
        for (int i = 0; i < whole; i++)
        {
            els.Add(new BinElement(new IntegerExpr(b.Bytes[i]), null, null));
        }

        if (!isBinary)
        {
            els.Add(new BinElement(new IntegerExpr(b.Bytes[^1] >> (8 - b.Bits)), new IntegerExpr(b.Bits), null));
        }

        return new BinaryExpr(new SyntaxList<BinElement>(els));
    }

    private static bool Equal(Term a, Term b) => CompareTerms(a, b) == 0 && a.GetType() == b.GetType();

    /// <summary>The Erlang term order (number &lt; atom &lt; tuple &lt; map &lt; list &lt; bitstring), for map keys.</summary>
    private static int CompareTerms(Term a, Term b)
    {
        int ra = Rank(a), rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        switch (a, b)
        {
            case (IntTerm x, IntTerm y): return x.Value.CompareTo(y.Value);
            case (IntTerm x, FloatTerm y): return ((double)x.Value).CompareTo(y.Value) is var c && c != 0 ? c : -1;
            case (FloatTerm x, IntTerm y): return x.Value.CompareTo((double)y.Value) is var c2 && c2 != 0 ? c2 : 1;
            case (FloatTerm x, FloatTerm y): return x.Value.CompareTo(y.Value);
            case (AtomTerm x, AtomTerm y): return string.CompareOrdinal(x.Name, y.Name);
            case (TupleTerm x, TupleTerm y):
                if (x.Elements.Count != y.Elements.Count)
                {
                    return x.Elements.Count.CompareTo(y.Elements.Count);
                }

                for (int i = 0; i < x.Elements.Count; i++)
                {
                    int c3 = CompareTerms(x.Elements[i], y.Elements[i]);
                    if (c3 != 0)
                    {
                        return c3;
                    }
                }

                return 0;
            case (ListTerm x, ListTerm y):
                for (int i = 0; ; i++)
                {
                    if (i == x.Elements.Count || i == y.Elements.Count)
                    {
                        return x.Elements.Count.CompareTo(y.Elements.Count);
                    }

                    int c4 = CompareTerms(x.Elements[i], y.Elements[i]);
                    if (c4 != 0)
                    {
                        return c4;
                    }
                }

            case (BitsTerm x, BitsTerm y):
                for (int i = 0; i < Math.Min(x.Bytes.Length, y.Bytes.Length); i++)
                {
                    if (x.Bytes[i] != y.Bytes[i])
                    {
                        return x.Bytes[i].CompareTo(y.Bytes[i]);
                    }
                }

                return x.Bytes.Length.CompareTo(y.Bytes.Length);
            default:
                return 0;
        }
    }

    private static int Rank(Term t) => t switch
    {
        IntTerm or FloatTerm => 0,
        AtomTerm => 1,
        TupleTerm => 6,
        MapTerm => 7,
        ListTerm { Elements.Count: 0 } => 8,
        ListTerm => 9,
        _ => 10,
    };
}
