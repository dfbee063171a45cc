using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

// Functions and the expressions with clauses: erl_parse.yrl's function, function_clause, clause_guard, guard,
// if_expr, case_expr, cr_clause, receive_expr, fun_expr, fun_clause, try_expr, try_clause, maybe_expr and block,
// with build_function/1, build_fun/2 and check_clauses/3.
public sealed partial class Parser
{
    /// <summary>function -> function_clauses : build_function('$1').</summary>
    private FunctionDecl ParseFunction()
    {
        var clauses = new List<(string Name, Clause Clause)>();
        do
        {
            // function_clause -> atom clause_args clause_guard clause_body : {clause,?anno('$1'),Name,...}.
            var name = Expect(TokenKind.Atom);
            Enter();
            try
            {
                var args = ParsePatternArguments();
                var guard = ParseClauseGuard();
                var body = ParseClauseBody();
                clauses.Add((NameOf(name), new Clause(args, guard, body) { Anno = AnnoOf(name) }));
            }
            finally
            {
                Leave();
            }
        }
        while (Accept(";"));

        var checkedClauses = CheckClauses(clauses);
        return new FunctionDecl(clauses[0].Name, clauses[0].Clause.Patterns.Count, checkedClauses) { Anno = clauses[0].Clause.Anno };
    }

    /// <summary>check_clauses/3: every clause has the first one's name and arity, else "head mismatch".</summary>
    private SyntaxList<Clause> CheckClauses(List<(string Name, Clause Clause)> clauses)
    {
        string name = clauses[0].Name;
        int arity = clauses[0].Clause.Patterns.Count;
        var result = new Clause[clauses.Count];
        for (int i = 0; i < clauses.Count; i++)
        {
            var (n, c) = clauses[i];
            if (n != name || c.Patterns.Count != arity)
            {
                string message = _options.OtpRelease < 27
                    ? "head mismatch"
                    : n == name
                        ? $"head mismatch: function {name} with arities {arity} and {c.Patterns.Count} is regarded as two distinct functions. Is the number of arguments incorrect or is the semicolon in {name}/{arity} unwanted?"
                        : $"head mismatch: previous function {name}/{arity} is distinct from {n}/{c.Patterns.Count}. Is the semicolon in {name}/{arity} unwanted?";
                throw new ParseError(DiagnosticId.ParserHeadMismatch, message, Peek) { Line = c.Anno?.Line, Column = c.Anno?.Column };
            }

            result[i] = c;
        }

        return result;
    }

    /// <summary>pat_argument_list -> '(' ')' | '(' pat_exprs ')'.</summary>
    private SyntaxList<Expr> ParsePatternArguments()
    {
        Expect("(");
        var args = IsNext(")") ? SyntaxList<Expr>.Empty : ParsePatternList();
        Expect(")");
        return args;
    }

    /// <summary>clause_guard -> 'when' guard | '$empty'.</summary>
    private SyntaxList<SyntaxList<Expr>> ParseClauseGuard() =>
        Accept("when") ? ParseGuard() : SyntaxList<SyntaxList<Expr>>.Empty;

    /// <summary>guard -> exprs | exprs ';' guard.</summary>
    private SyntaxList<SyntaxList<Expr>> ParseGuard()
    {
        var list = new List<SyntaxList<Expr>>();
        do
        {
            list.Add(ParseExprList());
        }
        while (Accept(";"));
        return new SyntaxList<SyntaxList<Expr>>(list);
    }

    /// <summary>clause_body -> '->' exprs.</summary>
    private SyntaxList<Expr> ParseClauseBody()
    {
        Expect("->");
        return ParseExprList();
    }

    private BlockExpr ParseBlock()
    {
        var begin = Next();
        var body = ParseExprList();
        Expect("end");
        return new BlockExpr(body) { Anno = AnnoOf(begin) };
    }

    /// <summary>if_clause -> guard clause_body : {clause,first_anno(hd(hd('$1'))),[],'$1','$2'}.</summary>
    private IfExpr ParseIf()
    {
        var token = Next();
        var clauses = new List<Clause>();
        do
        {
            var guard = ParseGuard();
            var body = ParseClauseBody();
            clauses.Add(new Clause(SyntaxList<Expr>.Empty, guard, body) { Anno = FirstAnno(guard[0][0]) });
        }
        while (Accept(";"));
        Expect("end");
        return new IfExpr(new SyntaxList<Clause>(clauses)) { Anno = AnnoOf(token) };
    }

    private CaseExpr ParseCase()
    {
        var token = Next();
        var subject = ParseExpr();
        Expect("of");
        var clauses = ParseCrClauses();
        Expect("end");
        return new CaseExpr(subject, clauses) { Anno = AnnoOf(token) };
    }

    /// <summary>cr_clauses; cr_clause -> expr clause_guard clause_body : {clause,first_anno('$1'),['$1'],...}: the
    /// pattern of a case, receive or maybe-else clause is a full expression in erl_parse's grammar.</summary>
    private SyntaxList<Clause> ParseCrClauses()
    {
        var clauses = new List<Clause>();
        do
        {
            Enter();
            try
            {
                var pattern = ParseExpr();
                var guard = ParseClauseGuard();
                var body = ParseClauseBody();
                clauses.Add(new Clause([pattern], guard, body) { Anno = FirstAnno(pattern) });
            }
            finally
            {
                Leave();
            }
        }
        while (Accept(";"));
        return new SyntaxList<Clause>(clauses);
    }

    private ReceiveExpr ParseReceive()
    {
        var token = Next();
        var clauses = IsNext("after") ? SyntaxList<Clause>.Empty : ParseCrClauses();
        Expr? timeout = null;
        var after = SyntaxList<Expr>.Empty;
        if (Accept("after"))
        {
            timeout = ParseExpr();
            after = ParseClauseBody();
        }
        else if (clauses.Count == 0)
        {
            throw SyntaxError(Peek);
        }

        Expect("end");
        return new ReceiveExpr(clauses, timeout, after) { Anno = AnnoOf(token) };
    }

    /// <summary>fun_expr: <c>fun f/1</c>, <c>fun M:F/A</c> (atom_or_var, integer_or_var) or fun_clauses 'end'
    /// (build_fun/2: a fun, or a named fun when the clauses are named by a variable).</summary>
    private Expr ParseFun()
    {
        var fun = Next();
        var t = Peek;
        if (t.Kind == TokenKind.Atom && PeekAt(1).IsSymbol("/"))
        {
            Next();
            Next();
            var arity = Expect(TokenKind.Integer);
            return new LocalFunRefExpr(NameOf(t), ToInt(arity)) { Anno = AnnoOf(fun) };
        }

        if (t.Kind is TokenKind.Atom or TokenKind.Var && PeekAt(1).IsSymbol(":"))
        {
            var module = AtomOrVar(Next());
            Next();
            var name = AtomOrVar(Expect(Peek.Kind == TokenKind.Var ? TokenKind.Var : TokenKind.Atom));
            Expect("/");
            var a = Peek;
            Expr arityExpr = a.Kind switch
            {
                TokenKind.Integer => new IntegerExpr(a.Value is System.Numerics.BigInteger i ? i : 0) { Anno = AnnoOf(a) },
                TokenKind.Var => new VarExpr(NameOf(a)) { Anno = AnnoOf(a) },
                _ => throw SyntaxError(a),
            };
            Next();
            return new RemoteFunRefExpr(module, name, arityExpr) { Anno = AnnoOf(fun) };
        }

        var clauses = new List<(string Name, Clause Clause)>();
        do
        {
            Enter();
            try
            {
                // fun_clause -> pat_argument_list ... : {clause,AnnoOfParen,'fun',...}
                //             | var pat_argument_list ... : {clause,?anno('$1'),Var,...}.
                var head = Peek;
                string name = "fun";
                if (head.Kind == TokenKind.Var)
                {
                    Next();
                    name = NameOf(head);
                }
                else if (!head.IsSymbol("("))
                {
                    throw SyntaxError(head);
                }

                var args = ParsePatternArguments();
                var guard = ParseClauseGuard();
                var body = ParseClauseBody();
                clauses.Add((name, new Clause(args, guard, body) { Anno = AnnoOf(head) }));
            }
            finally
            {
                Leave();
            }
        }
        while (Accept(";"));
        Expect("end");

        var checkedClauses = CheckClauses(clauses);
        return clauses[0].Name == "fun"
            ? new FunExpr(checkedClauses) { Anno = AnnoOf(fun) }
            : new NamedFunExpr(clauses[0].Name, checkedClauses) { Anno = AnnoOf(fun) };
    }

    private static Expr AtomOrVar(Token t) => t.Kind == TokenKind.Var
        ? new VarExpr(NameOf(t)) { Anno = AnnoOf(t) }
        : new AtomExpr(NameOf(t)) { Anno = AnnoOf(t) };

    private static int ToInt(Token t) =>
        t.Value is System.Numerics.BigInteger b && b >= int.MinValue && b <= int.MaxValue ? (int)b : 0;

    /// <summary>try_expr and try_catch (build_try/4).</summary>
    private TryExpr ParseTry()
    {
        var token = Next();
        var body = ParseExprList();
        var of = Accept("of") ? ParseCrClauses() : SyntaxList<Clause>.Empty;
        var catches = SyntaxList<Clause>.Empty;
        var after = SyntaxList<Expr>.Empty;
        if (Accept("catch"))
        {
            catches = ParseTryClauses();
            if (Accept("after"))
            {
                after = ParseExprList();
            }
        }
        else if (Accept("after"))
        {
            after = ParseExprList();
        }
        else
        {
            throw SyntaxError(Peek);
        }

        Expect("end");
        return new TryExpr(body, of, catches, after) { Anno = AnnoOf(token) };
    }

    /// <summary>
    /// try_clause: <c>P</c> (class throw), <c>Class:P</c> or <c>Class:P:Stack</c>, each made the pattern
    /// <c>{Class,P,Stack}</c>: with a class token, the tuple and clause take its anno and a missing stack is
    /// <c>{var,last_anno(P),'_'}</c>; without, they take first_anno(P), and '_' last_anno(P).
    /// </summary>
    private SyntaxList<Clause> ParseTryClauses()
    {
        var clauses = new List<Clause>();
        do
        {
            Enter();
            try
            {
                var t = Peek;
                Expr tuple;
                Anno? anno;
                if (t.Kind is TokenKind.Atom or TokenKind.Var && PeekAt(1).IsSymbol(":"))
                {
                    Next();
                    Next();
                    var classExpr = AtomOrVar(t);
                    var pattern = ParsePattern();
                    Expr stack;
                    if (Accept(":"))
                    {
                        var v = Expect(TokenKind.Var);
                        stack = new VarExpr(NameOf(v)) { Anno = AnnoOf(v) };
                    }
                    else
                    {
                        stack = new VarExpr("_") { Anno = LastAnno(pattern) };
                    }

                    anno = AnnoOf(t);
                    tuple = new TupleExpr([classExpr, pattern, stack]) { Anno = anno };
                }
                else
                {
                    var pattern = ParsePattern();
                    anno = FirstAnno(pattern);
                    tuple = new TupleExpr([new AtomExpr("throw") { Anno = anno }, pattern, new VarExpr("_") { Anno = LastAnno(pattern) }]) { Anno = anno };
                }

                var guard = ParseClauseGuard();
                var body = ParseClauseBody();
                clauses.Add(new Clause([tuple], guard, body) { Anno = anno });
            }
            finally
            {
                Leave();
            }
        }
        while (Accept(";"));
        return new SyntaxList<Clause>(clauses);
    }

    /// <summary>maybe_expr -> 'maybe' maybe_match_exprs 'end' | ... 'else' cr_clauses 'end'; maybe_match -> expr '?=' expr.</summary>
    private MaybeExpr ParseMaybe()
    {
        var token = Next();
        var body = new List<Expr>();
        do
        {
            var e = ParseExpr();
            if (IsNext("?="))
            {
                var op = Next();
                e = new MaybeMatchExpr(e, ParseExpr()) { Anno = AnnoOf(op) };
            }

            body.Add(e);
        }
        while (Accept(","));

        SyntaxList<Clause>? elseClauses = null;
        Anno? elseAnno = null;
        if (IsNext("else"))
        {
            elseAnno = AnnoOf(Next());
            elseClauses = ParseCrClauses();
        }

        Expect("end");
        return new MaybeExpr(new SyntaxList<Expr>(body), elseClauses) { Anno = AnnoOf(token), ElseAnno = elseAnno };
    }
}
