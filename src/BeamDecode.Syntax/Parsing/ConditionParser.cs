using System.Numerics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// A small parser and evaluator for the guard expressions of -if/-elif (epp.erl eval_if/2 over erl_parse,
/// erl_lint:is_guard_expr/1 and erl_eval). It knows erl_parse's operator precedences, literals, tuples, lists,
/// calls and the guard BIFs that make sense on constants; constructs that are valid Erlang but not guards (case,
/// fun, send, match, ...) are "not a guard" (epp's badly formed 'if').
/// </summary>
internal sealed class ConditionParser(List<Token> tokens, Preprocessor owner)
{
    private readonly List<Token> _tokens = tokens;
    private int _position;

    public Token? ErrorToken { get; private set; }

    internal abstract record Node;

    private sealed record Literal(object Value) : Node;

    private sealed record Variable(string Name) : Node;

    private sealed record TupleNode(List<Node> Elements) : Node;

    private sealed record ListNode(List<Node> Elements, Node? Tail) : Node;

    private sealed record Unary(string Op, Node Operand) : Node;

    private sealed record Binary(string Op, Node Left, Node Right) : Node;

    private sealed record Call(bool Remote, string? Module, string Name, List<Node> Arguments) : Node;

    private sealed record NotGuard : Node;

    internal sealed record Atom(string Name);

    internal sealed class EvaluationException : Exception;

    private sealed class SyntaxError : Exception;

    /// <summary>erl_parse:parse_exprs/1 of the condition tokens; null on a syntax error (see <see cref="ErrorToken"/>).</summary>
    public Node? ParseCondition()
    {
        try
        {
            var exprs = new List<Node> { Expr() };
            while (Is(","))
            {
                _position++;
                exprs.Add(Expr());
            }

            if (_position >= _tokens.Count || _tokens[_position].Kind != TokenKind.Dot)
            {
                throw Fail();
            }

            return exprs.Count == 1 ? exprs[0] : new NotGuard();
        }
        catch (SyntaxError)
        {
            return null;
        }
        catch (InsufficientExecutionStackException)
        {
            ErrorToken = _position < _tokens.Count ? _tokens[_position] : null;
            return null;
        }
    }

    private SyntaxError Fail()
    {
        ErrorToken = _position < _tokens.Count ? _tokens[_position] : (_tokens.Count > 0 ? _tokens[^1] : null);
        return new SyntaxError();
    }

    private bool Is(string symbol) => _position < _tokens.Count && _tokens[_position].IsSymbol(symbol);

    private void Expect(string symbol)
    {
        if (!Is(symbol))
        {
            throw Fail();
        }

        _position++;
    }

    private static int Precedence(string op) => op switch
    {
        "=" or "!" => 100,
        "orelse" => 150,
        "andalso" => 160,
        "==" or "/=" or "=<" or "<" or ">=" or ">" or "=:=" or "=/=" => 200,
        "++" or "--" => 300,
        "+" or "-" or "bor" or "bxor" or "bsl" or "bsr" or "or" or "xor" => 400,
        "/" or "*" or "div" or "rem" or "band" or "and" => 500,
        _ => -1,
    };

    private static bool RightAssociative(int precedence) => precedence is 100 or 150 or 160 or 300;

    private Node Expr(int minimum = 100)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Node left = Prefix();
        while (_position < _tokens.Count && _tokens[_position].Kind == TokenKind.Symbol)
        {
            string op = _tokens[_position].Text;
            int precedence = Precedence(op);
            if (precedence < minimum)
            {
                break;
            }

            _position++;
            Node right = Expr(RightAssociative(precedence) ? precedence : precedence + 1);
            left = precedence == 100 ? new NotGuard() : new Binary(op, left, right);
            if (precedence == 200 && _position < _tokens.Count && _tokens[_position].Kind == TokenKind.Symbol
                && Precedence(_tokens[_position].Text) == 200)
            {
                throw Fail();
            }
        }

        return left;
    }

    private Node Prefix()
    {
        if (_position < _tokens.Count && _tokens[_position].Kind == TokenKind.Symbol
            && _tokens[_position].Text is "+" or "-" or "bnot" or "not")
        {
            string op = _tokens[_position++].Text;
            return new Unary(op, Prefix());
        }

        Node primary = Primary();
        if (Is(":"))
        {
            _position++;
            Node function = Primary();
            if (!Is("("))
            {
                throw Fail();
            }

            List<Node> arguments = Arguments();
            return primary is Literal { Value: Atom m } && function is Literal { Value: Atom f }
                ? new Call(true, m.Name, f.Name, arguments)
                : new NotGuard();
        }

        if (Is("("))
        {
            List<Node> arguments = Arguments();
            return primary is Literal { Value: Atom f } ? new Call(false, null, f.Name, arguments) : new NotGuard();
        }

        if (Is("#"))
        {
            throw Fail();
        }

        return primary;
    }

    private List<Node> Arguments()
    {
        Expect("(");
        var arguments = new List<Node>();
        if (Is(")"))
        {
            _position++;
            return arguments;
        }

        while (true)
        {
            arguments.Add(Expr());
            if (Is(","))
            {
                _position++;
                continue;
            }

            Expect(")");
            return arguments;
        }
    }

    private Node Primary()
    {
        if (_position >= _tokens.Count)
        {
            throw Fail();
        }

        Token token = _tokens[_position];
        switch (token.Kind)
        {
            case TokenKind.Integer:
                _position++;
                return new Literal((BigInteger)token.Value!);
            case TokenKind.Char:
                _position++;
                return new Literal(new BigInteger((int)token.Value!));
            case TokenKind.Float:
                _position++;
                return new Literal((double)token.Value!);
            case TokenKind.Atom:
                _position++;
                return new Literal(new Atom((string)token.Value!));
            case TokenKind.Var:
                _position++;
                return new Variable((string)token.Value!);
            case TokenKind.String:
                var text = new System.Text.StringBuilder();
                while (_position < _tokens.Count && _tokens[_position].Kind == TokenKind.String)
                {
                    text.Append((string)_tokens[_position++].Value!);
                }

                return new Literal(StringValue(text.ToString()));
            case TokenKind.Symbol:
                return SymbolPrimary(token.Text);
            default:
                throw Fail();
        }
    }

    private Node SymbolPrimary(string symbol)
    {
        switch (symbol)
        {
            case "(":
                _position++;
                Node inner = Expr();
                Expect(")");
                return inner;
            case "{":
                _position++;
                var elements = new List<Node>();
                if (!Is("}"))
                {
                    elements.Add(Expr());
                    while (Is(","))
                    {
                        _position++;
                        elements.Add(Expr());
                    }
                }

                Expect("}");
                return new TupleNode(elements);
            case "[":
                _position++;
                var items = new List<Node>();
                Node? tail = null;
                if (!Is("]"))
                {
                    items.Add(Expr());
                    if (Is("||"))
                    {
                        SkipBalanced("[", "]", 1);
                        return new NotGuard();
                    }

                    while (Is(","))
                    {
                        _position++;
                        items.Add(Expr());
                    }

                    if (Is("|"))
                    {
                        _position++;
                        tail = Expr();
                    }
                }

                Expect("]");
                return new ListNode(items, tail);
            case "begin" or "case" or "if" or "receive" or "try" or "fun" or "maybe" or "<<" or "#":
                // Valid Erlang that is not a guard on constants here; consume it so the parse can continue.
                SkipConstruct(symbol);
                return new NotGuard();
            default:
                throw Fail();
        }
    }

    private void SkipConstruct(string symbol)
    {
        if (symbol == "<<")
        {
            SkipBalanced("<<", ">>", 0);
            return;
        }

        if (symbol == "#")
        {
            _position++;
            if (Is("{"))
            {
                SkipBalanced("{", "}", 0);
            }
            else
            {
                _position++;
                if (Is("{"))
                {
                    SkipBalanced("{", "}", 0);
                }
                else if (Is("."))
                {
                    _position += 2;
                }
            }

            return;
        }

        if (symbol == "fun" && _position + 1 < _tokens.Count && !_tokens[_position + 1].IsSymbol("("))
        {
            // fun M:F/A or fun F/A
            _position++;
            while (_position < _tokens.Count && !Is("/"))
            {
                _position++;
            }

            _position += 2;
            return;
        }

        int depth = 0;
        while (_position < _tokens.Count && _tokens[_position].Kind != TokenKind.Dot)
        {
            Token token = _tokens[_position++];
            if (token.Kind != TokenKind.Symbol)
            {
                continue;
            }

            if (token.Text is "begin" or "case" or "if" or "receive" or "try" or "maybe" or "fun")
            {
                depth++;
            }
            else if (token.Text == "end" && --depth == 0)
            {
                return;
            }
        }

        throw Fail();
    }

    private void SkipBalanced(string open, string close, int depth)
    {
        while (_position < _tokens.Count && _tokens[_position].Kind != TokenKind.Dot)
        {
            Token token = _tokens[_position++];
            if (token.IsSymbol(open))
            {
                depth++;
            }
            else if (token.IsSymbol(close) && --depth == 0)
            {
                return;
            }
        }

        throw Fail();
    }

    /// <summary>erl_parse's "syntax error before: X" text of a token.</summary>
    public static string ErrorText(Token token) => token.Kind switch
    {
        TokenKind.Symbol => "'" + token.Text + "'",
        TokenKind.Dot => "'.'",
        TokenKind.Atom => ErlangTerms.QuoteAtom((string)token.Value!),
        TokenKind.String => ErlangTerms.WriteString((string)token.Value!),
        TokenKind.Var => (string)token.Value!,
        TokenKind.Char => ErlangTerms.WriteChar((int)token.Value!),
        _ => token.Text,
    };

    private static List<object> StringValue(string text)
    {
        var list = new List<object>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32(text[i], text[++i]);
            }

            list.Add(new BigInteger(c));
        }

        return list;
    }

    /// <summary>rewrite_expr/2 then erl_lint:is_guard_expr/1.</summary>
    public bool IsGuard(Node node)
    {
        switch (node)
        {
            case Literal or Variable:
                return true;
            case TupleNode tuple:
                return tuple.Elements.TrueForAll(IsGuard);
            case ListNode list:
                return list.Elements.TrueForAll(IsGuard) && (list.Tail is null || IsGuard(list.Tail));
            case Unary unary:
                return IsGuard(unary.Operand);
            case Binary binary:
                return binary.Op is not "++" and not "--" && IsGuard(binary.Left) && IsGuard(binary.Right);
            case Call { Remote: false } call:
                if (call.Name == "defined" && call.Arguments.Count == 1)
                {
                    return call.Arguments[0] is Variable or Literal { Value: Atom };
                }

                // A BIF that is not a guard BIF is not allowed; anything else is dropped for the check (its
                // arguments are checked) and fails when evaluated.
                return !(GuardBifs.IsBif(call.Name, call.Arguments.Count) && !GuardBifs.IsGuardBif(call.Name, call.Arguments.Count))
                    && call.Arguments.TrueForAll(IsGuard);
            case Call { Remote: true } call:
                return call.Module == "erlang" && GuardBifs.IsGuardBif(call.Name, call.Arguments.Count)
                    && call.Arguments.TrueForAll(IsGuard);
            default:
                return false;
        }
    }

    /// <summary>Replaces defined(M) by whether M is a macro (epp.erl rewrite_expr/2 with the state).</summary>
    private object DefinedValue(Call call)
    {
        string name = call.Arguments[0] switch
        {
            Variable v => v.Name,
            Literal { Value: Atom a } => a.Name,
            _ => throw new EvaluationException(),
        };
        return new Atom(owner.IsMacroKey(name) ? "true" : "false");
    }

    /// <summary>erl_eval of the expression; throws <see cref="EvaluationException"/> where erl_eval would fail.</summary>
    public object Eval(Node node)
    {
        switch (node)
        {
            case Literal literal:
                return literal.Value;
            case TupleNode tuple:
                return tuple.Elements.ConvertAll(Eval).ToArray();
            case ListNode list:
                var values = list.Elements.ConvertAll(Eval);
                if (list.Tail is not null)
                {
                    object tail = Eval(list.Tail);
                    if (tail is not List<object> rest)
                    {
                        throw new EvaluationException();
                    }

                    values.AddRange(rest);
                }

                return values;
            case Unary unary:
                return GuardBifs.Unary(unary.Op, Eval(unary.Operand));
            case Binary { Op: "andalso" } and:
                return Eval(and.Left) switch
                {
                    Atom { Name: "false" } f => f,
                    Atom { Name: "true" } => Eval(and.Right),
                    _ => throw new EvaluationException(),
                };
            case Binary { Op: "orelse" } or:
                return Eval(or.Left) switch
                {
                    Atom { Name: "true" } t => t,
                    Atom { Name: "false" } => Eval(or.Right),
                    _ => throw new EvaluationException(),
                };
            case Binary binary:
                return GuardBifs.BinaryOp(binary.Op, Eval(binary.Left), Eval(binary.Right));
            case Call { Remote: false, Name: "defined" } call when call.Arguments.Count == 1:
                return DefinedValue(call);
            case Call call:
                return GuardBifs.Call(call.Name, call.Arguments.ConvertAll(Eval));
            default:
                throw new EvaluationException();
        }
    }
}
