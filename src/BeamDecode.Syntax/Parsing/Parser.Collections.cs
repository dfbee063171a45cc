using System.Numerics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

// Lists, binaries and comprehensions: erl_parse.yrl's list, tail, binary, bin_element, bit_expr, bit_type,
// list_comprehension, binary_comprehension, lc_exprs and lc_expr (with OTP 26's map generator and OTP 28's
// strict and zip generators).
public sealed partial class Parser
{
    /// <summary>list -> '[' ']' | '[' expr tail; list_comprehension -> '[' expr '||' lc_exprs ']'.</summary>
    private Expr ParseList(bool pattern)
    {
        var open = Next();
        if (IsNext("]"))
        {
            Next();
            return new NilExpr { Anno = AnnoOf(open) };
        }

        var head = ParseExpr();
        if (!pattern && IsNext("||"))
        {
            Next();
            var qualifiers = ParseQualifiers();
            Expect("]");
            return new ListComprehension(head, qualifiers) { Anno = AnnoOf(open) };
        }

        var elements = new List<Expr> { head };
        while (Accept(","))
        {
            elements.Add(ParseExpr());
        }

        Expr tail;
        if (Accept("|"))
        {
            tail = ParseExpr();
            Expect("]");
        }
        else
        {
            // tail -> ']' : {nil,?anno('$1')}: the closing bracket's anno.
            var close = Expect("]");
            tail = new NilExpr { Anno = AnnoOf(close) };
        }

        // '[' expr tail : {cons,?anno('$1'),...}; tail -> ',' expr tail : {cons,first_anno('$2'),...}.
        for (int i = elements.Count - 1; i >= 0; i--)
        {
            tail = new ConsExpr(elements[i], tail) { Anno = i == 0 ? AnnoOf(open) : FirstAnno(elements[i]) };
        }

        return tail;
    }

    /// <summary>binary -> '&lt;&lt;' '&gt;&gt;' | '&lt;&lt;' bin_elements '&gt;&gt;'; binary_comprehension -> '&lt;&lt;' expr_max '||' lc_exprs '&gt;&gt;'.</summary>
    private Expr ParseBinary(bool pattern)
    {
        var open = Next();
        if (Accept(">>"))
        {
            return new BinaryExpr(SyntaxList<BinElement>.Empty) { Anno = AnnoOf(open) };
        }

        var elements = new List<BinElement>();
        do
        {
            bool prefixed = IsPrefixOperator(Peek);
            var value = ParseBitExpr();
            if (elements.Count == 0 && !prefixed && !pattern && IsNext("||"))
            {
                Next();
                var qualifiers = ParseQualifiers();
                Expect(">>");
                return new BinaryComprehension(value, qualifiers) { Anno = AnnoOf(open) };
            }

            Expr? size = Accept(":") ? ParsePrimary(false) : null;
            SyntaxList<BinTypeSpecifier>? types = null;
            if (Accept("/"))
            {
                var list = new List<BinTypeSpecifier>();
                do
                {
                    // bit_type -> atom | atom ':' integer.
                    var name = Expect(TokenKind.Atom);
                    int? unit = null;
                    if (Accept(":"))
                    {
                        var n = Expect(TokenKind.Integer);
                        unit = n.Value is BigInteger b && b >= int.MinValue && b <= int.MaxValue ? (int)b : 0;
                    }

                    list.Add(new BinTypeSpecifier(NameOf(name), unit));
                }
                while (Accept("-"));
                types = new SyntaxList<BinTypeSpecifier>(list);
            }

            // {bin_element,first_anno('$1'),'$1','$2','$3'}
            elements.Add(new BinElement(value, size, types) { Anno = FirstAnno(value) });
        }
        while (Accept(","));

        Expect(">>");
        return new BinaryExpr(new SyntaxList<BinElement>(elements)) { Anno = AnnoOf(open) };
    }

    /// <summary>bit_expr -> prefix_op expr_max | expr_max.</summary>
    private Expr ParseBitExpr()
    {
        var t = Peek;
        if (IsPrefixOperator(t))
        {
            Next();
            return new UnaryOpExpr(t.Text, ParsePrimary(false)) { Anno = AnnoOf(t) };
        }

        return ParsePrimary(false);
    }

    /// <summary>lc_exprs: qualifiers separated by ',', generators joined by '&amp;&amp;' into a zip (OTP 28).</summary>
    private SyntaxList<Qualifier> ParseQualifiers()
    {
        var list = new List<Qualifier>();
        do
        {
            var q = ParseQualifier();
            if (IsNext("&&") && q is Generator g)
            {
                // zc_exprs -> lc_expr '&&' lc_expr ...: {zip,?anno(hd('$1')),'$1'}.
                var gens = new List<Generator> { g };
                while (Accept("&&"))
                {
                    var tok = Peek;
                    gens.Add(ParseQualifier() as Generator ?? throw SyntaxError(tok));
                }

                list.Add(new ZipGenerator(new SyntaxList<Generator>(gens)) { Anno = g.Anno });
            }
            else
            {
                list.Add(q);
            }
        }
        while (Accept(","));
        return new SyntaxList<Qualifier>(list);
    }

    /// <summary>lc_expr -> expr | expr '&lt;-' expr | binary '&lt;=' expr | map_field_exact '&lt;-' expr (and the strict
    /// &lt;:- and &lt;:= of OTP 28); a generator takes the anno of its arrow.</summary>
    private Qualifier ParseQualifier()
    {
        bool startsBinary = IsNext("<<");
        var e = ParseExpr();
        var op = Peek;
        if (op.Kind == TokenKind.Symbol)
        {
            switch (op.Text)
            {
                case "<-" or "<:-":
                    Next();
                    return new Generator(GeneratorKind.List, op.Text == "<:-", e, ParseExpr()) { Anno = AnnoOf(op) };
                case "<=" or "<:=" when startsBinary && e is BinaryExpr && PreviousIs(">>"):
                    Next();
                    return new Generator(GeneratorKind.Binary, op.Text == "<:=", e, ParseExpr()) { Anno = AnnoOf(op) };
                case ":=" when _options.OtpRelease >= 26:
                {
                    Next();
                    var value = ParseExpr();
                    var arrow = Peek;
                    if (!arrow.IsSymbol("<-") && !arrow.IsSymbol("<:-"))
                    {
                        throw SyntaxError(arrow);
                    }

                    Next();
                    var pattern = new MapGeneratorPattern(e, value) { Anno = AnnoOf(op) };
                    return new Generator(GeneratorKind.Map, arrow.Text == "<:-", pattern, ParseExpr()) { Anno = AnnoOf(arrow) };
                }
            }
        }

        return new Filter(e) { Anno = e.Anno };
    }

    private bool PreviousIs(string symbol) => _pos > 0 && _tokens[_pos - 1].IsSymbol(symbol);
}
