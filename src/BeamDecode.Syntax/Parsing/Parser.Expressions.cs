using System.Numerics;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

// Expressions and patterns: erl_parse.yrl's expr, expr_remote, expr_max, pat_expr, pat_expr_max, function_call,
// record_expr, map_expr, atomic and strings. Patterns differ from expressions only at the level of pat_expr (fewer
// operators, no calls, no remote, no record/map updates, no block constructs); the insides of brackets are
// expressions in both (erl_parse's list, tuple, binary, record and map rules use expr), so a pattern is parsed
// with the expression machinery in pattern mode at its top level only.
public sealed partial class Parser
{
    /// <summary>Precedence of an operand that is not an operator application (expr_max and the postfix forms).</summary>
    private const int PrimaryPrecedence = 1000;

    /// <summary>Precedence of a prefix operator application (erl_parse: Unary 600 prefix_op).</summary>
    private const int PrefixPrecedence = 600;

    /// <summary>exprs: expr (',' expr)*.</summary>
    private SyntaxList<Expr> ParseExprList()
    {
        var list = new List<Expr>();
        do
        {
            list.Add(ParseExpr());
        }
        while (Accept(","));
        return new SyntaxList<Expr>(list);
    }

    /// <summary>pat_exprs: pat_expr (',' pat_expr)*.</summary>
    private SyntaxList<Expr> ParsePatternList()
    {
        var list = new List<Expr>();
        do
        {
            list.Add(ParsePattern());
        }
        while (Accept(","));
        return new SyntaxList<Expr>(list);
    }

    private Expr ParseExpr() => ParseOperators(pattern: false);

    private Expr ParsePattern() => ParseOperators(pattern: true);

    /// <summary>
    /// The binary operators of expr (or pat_expr), with erl_parse's precedences and associativity (inop_prec/1:
    /// left operand, operator, right operand precedence), on an explicit stack so long operator chains do not
    /// nest calls. A non-associative operator whose left operand has lower precedence is a syntax error, as in
    /// yecc (<c>a == b == c</c>).
    /// </summary>
    private Expr ParseOperators(bool pattern)
    {
        Enter();
        try
        {
            var first = ParseOperand(pattern, out int firstPrec);
            if (!IsBinaryOperator(Peek, pattern, out var prec))
            {
                return first;
            }

            var operands = new List<Expr> { first };
            var precs = new List<int> { firstPrec };
            var ops = new List<(Token Token, (int Left, int Op, int Right) Prec)>();
            do
            {
                while (ops.Count > 0 && prec.Op < ops[^1].Prec.Right)
                {
                    Reduce(operands, precs, ops);
                }

                if (precs[^1] < prec.Left)
                {
                    throw SyntaxError(Peek);
                }

                ops.Add((Next(), prec));
                operands.Add(ParseOperand(pattern, out int operandPrec));
                precs.Add(operandPrec);
            }
            while (IsBinaryOperator(Peek, pattern, out prec));

            while (ops.Count > 0)
            {
                Reduce(operands, precs, ops);
            }

            return operands[0];
        }
        finally
        {
            Leave();
        }
    }

    private void Reduce(List<Expr> operands, List<int> precs, List<(Token Token, (int Left, int Op, int Right) Prec)> ops)
    {
        var (token, prec) = ops[^1];
        ops.RemoveAt(ops.Count - 1);
        var right = operands[^1];
        var left = operands[^2];
        operands.RemoveRange(operands.Count - 2, 2);
        precs.RemoveRange(precs.Count - 2, 2);
        // expr '=' expr : {match,first_anno('$1'),'$1','$3'}; the others ?mkop2: {op,OpAnno,Op,L,R}.
        Expr node = token.Text == "="
            ? new MatchExpr(left, right) { Anno = FirstAnno(left) }
            : new BinaryOpExpr(token.Text, left, right) { Anno = AnnoOf(token) };
        operands.Add(node);
        precs.Add(prec.Op);
    }

    private static bool IsBinaryOperator(Token t, bool pattern, out (int Left, int Op, int Right) prec)
    {
        prec = default;
        if (t.Kind != TokenKind.Symbol)
        {
            return false;
        }

        if (pattern && t.Text is "!" or "orelse" or "andalso")
        {
            return false;
        }

        return t.Text is not ("#" or ":" or ".") && OperatorPrecedence.TryBinary(t.Text, out prec);
    }

    private static bool IsPrefixOperator(Token t) => t.Kind == TokenKind.Symbol && t.Text is "+" or "-" or "bnot" or "not";

    /// <summary>An operand: 'catch' expr (reaching as far right as it can: Unary 0), a prefix operator applied to an
    /// operand, or a postfix expression.</summary>
    private Expr ParseOperand(bool pattern, out int prec)
    {
        var t = Peek;
        if (!pattern && t.IsSymbol("catch"))
        {
            Next();
            prec = 0;
            return new CatchExpr(ParseExpr()) { Anno = AnnoOf(t) };
        }

        if (IsPrefixOperator(t))
        {
            Next();
            Enter();
            try
            {
                var operand = ParseOperand(pattern, out _);
                prec = PrefixPrecedence;
                return new UnaryOpExpr(t.Text, operand) { Anno = AnnoOf(t) };
            }
            finally
            {
                Leave();
            }
        }

        prec = PrimaryPrecedence;
        return ParsePostfix(pattern);
    }

    /// <summary>
    /// expr_remote, function_call, record_expr and map_expr (or, in a pattern, map_pat_expr and record_pat_expr):
    /// <c>M:F</c>, <c>F(...)</c>, <c>E#r{...}</c>, <c>E#r.f</c>, <c>E#{...}</c> and their chains. A record chain
    /// and a map chain cannot mix, and a call or remote cannot be followed by either (erl_parse's grammar).
    /// </summary>
    private Expr ParsePostfix(bool pattern)
    {
        Expr e;
        if (IsNext("#"))
        {
            e = ParseHashSuffix(null, pattern, out bool isMap);
            return pattern ? e : ParseHashChain(e, isMap);
        }

        e = ParsePrimary(pattern);
        if (pattern)
        {
            return e;
        }

        if (IsNext(":"))
        {
            var colon = Next();
            var function = ParsePrimary(false);
            e = new RemoteExpr(e, function) { Anno = AnnoOf(colon) };
            return IsNext("(") ? ParseCall(e) : e;
        }

        if (IsNext("("))
        {
            return ParseCall(e);
        }

        if (IsNext("#"))
        {
            bool isMap = PeekAt(1).IsSymbol("{");
            return ParseHashChain(e, isMap);
        }

        return e;
    }

    private Expr ParseHashChain(Expr e, bool isMap)
    {
        while (IsNext("#"))
        {
            // map_expr -> map_expr '#' map_tuple; record_expr -> record_expr '#' atom ...: no mixing.
            var after = PeekAt(1);
            if (isMap ? !after.IsSymbol("{") : after.Kind != TokenKind.Atom)
            {
                throw SyntaxError(after);
            }

            e = ParseHashSuffix(e, false, out _);
        }

        return e;
    }

    /// <summary>function_call -> expr_remote argument_list : {call,first_anno('$1'),'$1',Args}.</summary>
    private CallExpr ParseCall(Expr function)
    {
        Expect("(");
        var args = IsNext(")") ? SyntaxList<Expr>.Empty : ParseExprList();
        Expect(")");
        return new CallExpr(function, args) { Anno = FirstAnno(function) };
    }

    /// <summary>After '#': a map (<c>#{...}</c>), a record (<c>#r{...}</c>) or a record index/field (<c>#r.f</c>),
    /// with or without a source expression. The node takes the anno of the '#'.</summary>
    private Expr ParseHashSuffix(Expr? source, bool pattern, out bool isMap)
    {
        var hash = Expect("#");
        if (IsNext("{"))
        {
            isMap = true;
            return ParseMapTuple(hash, source, pattern);
        }

        isMap = false;
        var name = Expect(TokenKind.Atom);
        if (Accept("."))
        {
            var field = Expect(TokenKind.Atom);
            return source is null
                ? new RecordIndexExpr(NameOf(name), NameOf(field)) { Anno = AnnoOf(hash), FieldAnno = AnnoOf(field) }
                : new RecordFieldExpr(source, NameOf(name), NameOf(field)) { Anno = AnnoOf(hash), FieldAnno = AnnoOf(field) };
        }

        Expect("{");
        var fields = new List<RecordFieldInit>();
        if (!IsNext("}"))
        {
            do
            {
                // record_field -> var '=' expr | atom '=' expr : {record_field,?anno('$1'),'$1','$3'}.
                var f = Peek;
                Expr key = f.Kind switch
                {
                    TokenKind.Var => new VarExpr(NameOf(f)) { Anno = AnnoOf(f) },
                    TokenKind.Atom => new AtomExpr(NameOf(f)) { Anno = AnnoOf(f) },
                    _ => throw SyntaxError(f),
                };
                Next();
                Expect("=");
                fields.Add(new RecordFieldInit(key, ParseExpr()) { Anno = AnnoOf(f) });
            }
            while (Accept(","));
        }

        Expect("}");
        return new RecordExpr(source, NameOf(name), new SyntaxList<RecordFieldInit>(fields)) { Anno = AnnoOf(hash) };
    }

    /// <summary>map_tuple after '#', or the map comprehension <c>#{K =&gt; V || Qs}</c> (OTP 26+).</summary>
    private Expr ParseMapTuple(Token hash, Expr? source, bool pattern)
    {
        Expect("{");
        var assocs = new List<MapAssoc>();
        if (!IsNext("}"))
        {
            do
            {
                var key = ParseExpr();
                var op = Peek;
                if (!op.IsSymbol("=>") && !op.IsSymbol(":="))
                {
                    throw SyntaxError(op);
                }

                Next();
                var assoc = new MapAssoc(op.Text == ":=", key, ParseExpr()) { Anno = AnnoOf(op) };
                if (assocs.Count == 0 && source is null && !pattern && !assoc.Exact && IsNext("||") && _options.OtpRelease >= 26)
                {
                    Next();
                    var qualifiers = ParseQualifiers();
                    Expect("}");
                    return new MapComprehension(assoc, qualifiers) { Anno = AnnoOf(hash) };
                }

                assocs.Add(assoc);
            }
            while (Accept(","));
        }

        Expect("}");
        return new MapExpr(source, new SyntaxList<MapAssoc>(assocs)) { Anno = AnnoOf(hash) };
    }

    /// <summary>expr_max (pat_expr_max in a pattern).</summary>
    private Expr ParsePrimary(bool pattern)
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Var:
                Next();
                return new VarExpr(NameOf(t)) { Anno = AnnoOf(t) };
            case TokenKind.Atom:
                Next();
                return new AtomExpr(NameOf(t)) { Anno = AnnoOf(t) };
            case TokenKind.Integer:
                Next();
                return new IntegerExpr(t.Value is BigInteger i ? i : BigInteger.Zero) { Anno = AnnoOf(t) };
            case TokenKind.Float:
                Next();
                return new FloatExpr(t.Value is double d ? d : 0.0) { Anno = AnnoOf(t) };
            case TokenKind.Char:
                Next();
                return new CharExpr(t.Value is int c ? c : 0) { Anno = AnnoOf(t) };
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.SigilPrefix:
                return ParseSigil();
            case TokenKind.Symbol:
                break;
            default:
                throw SyntaxError(t);
        }

        switch (t.Text)
        {
            case "(":
            {
                Next();
                var inner = pattern ? ParsePattern() : ParseExpr();
                Expect(")");
                return inner;
            }

            case "[":
                return ParseList(pattern);
            case "<<":
                return ParseBinary(pattern);
            case "{":
            {
                Next();
                var elements = IsNext("}") ? SyntaxList<Expr>.Empty : ParseExprList();
                Expect("}");
                return new TupleExpr(elements) { Anno = AnnoOf(t) };
            }
        }

        if (pattern)
        {
            throw SyntaxError(t);
        }

        return t.Text switch
        {
            "begin" => ParseBlock(),
            "if" => ParseIf(),
            "case" => ParseCase(),
            "receive" => ParseReceive(),
            "fun" => ParseFun(),
            "try" => ParseTry(),
            "maybe" => ParseMaybe(),
            _ => throw SyntaxError(t),
        };
    }

    /// <summary>strings -> string | string strings: adjacent strings concatenate, with the first one's anno.</summary>
    private StringExpr ParseStrings()
    {
        var first = Next();
        if (Peek.Kind != TokenKind.String)
        {
            return new StringExpr(StringExpr.From(NameOf(first)).Chars) { Anno = AnnoOf(first) };
        }

        var text = new System.Text.StringBuilder(NameOf(first));
        while (Peek.Kind == TokenKind.String)
        {
            text.Append(NameOf(Next()));
        }

        return new StringExpr(StringExpr.From(text.ToString()).Chars) { Anno = AnnoOf(first) };
    }

    /// <summary>sigil -> sigil_prefix string sigil_suffix : build_sigil/3 (OTP 27): <c>~s"..."</c> and <c>~S"..."</c>
    /// are the string; <c>~"..."</c>, <c>~b"..."</c> and <c>~B"..."</c> a UTF-8 binary.</summary>
    private Expr ParseSigil()
    {
        var prefix = Next();
        var str = Expect(TokenKind.String);
        var suffix = Expect(TokenKind.SigilSuffix);
        string type = NameOf(prefix);
        string modifiers = suffix.Value as string ?? "";
        var text = new StringExpr(StringExpr.From(NameOf(str)).Chars) { Anno = AnnoOf(str) };
        if (type is "s" or "S" or "" or "b" or "B")
        {
            if (modifiers.Length != 0)
            {
                throw Error(DiagnosticId.ParserIllegalSigil, "illegal sigil suffix", suffix);
            }

            return type is "s" or "S"
                ? text
                : new BinaryExpr([new BinElement(text, null, [new BinTypeSpecifier("utf8", null)]) { Anno = text.Anno }]) { Anno = AnnoOf(prefix) };
        }

        throw Error(DiagnosticId.ParserIllegalSigil, "illegal sigil prefix", prefix);
    }
}
