namespace BeamDecode.Syntax.Nodes;

// Expressions with clauses and bodies (absform "Expressions"); grouped as one small family.

/// <summary><c>{block,A,Body}</c>: <c>begin ... end</c>.</summary>
public sealed record BlockExpr(SyntaxList<Expr> Body) : Expr;

/// <summary><c>{'if',A,Clauses}</c>; each clause has no patterns.</summary>
public sealed record IfExpr(SyntaxList<Clause> Clauses) : Expr;

/// <summary><c>{'case',A,Expr,Clauses}</c>.</summary>
public sealed record CaseExpr(Expr Subject, SyntaxList<Clause> Clauses) : Expr;

/// <summary><c>{'receive',A,Clauses}</c> or <c>{'receive',A,Clauses,Timeout,After}</c>.</summary>
public sealed record ReceiveExpr(SyntaxList<Clause> Clauses, Expr? Timeout, SyntaxList<Expr> After) : Expr;

/// <summary>
/// <c>{'try',A,Body,CaseClauses,CatchClauses,After}</c>. Each catch clause has one pattern, the tuple
/// <c>{Class,Reason,Stack}</c> (absform: "try Body catch Class:Reason:Stack -> ...").
/// </summary>
public sealed record TryExpr(SyntaxList<Expr> Body, SyntaxList<Clause> OfClauses, SyntaxList<Clause> CatchClauses, SyntaxList<Expr> After) : Expr;

/// <summary><c>{'fun',A,{clauses,Cs}}</c>.</summary>
public sealed record FunExpr(SyntaxList<Clause> Clauses) : Expr;

/// <summary><c>{named_fun,A,Name,Cs}</c>.</summary>
public sealed record NamedFunExpr(string Name, SyntaxList<Clause> Clauses) : Expr;

/// <summary><c>{'fun',A,{function,Name,Arity}}</c>: <c>fun f/1</c>.</summary>
public sealed record LocalFunRefExpr(string Name, int Arity) : Expr;

/// <summary><c>{'fun',A,{function,M,F,Arity}}</c>: <c>fun m:f/1</c>; M, F and Arity are expressions (atoms,
/// integers or variables; before R15 they were plain atoms and an integer, read into the same nodes).</summary>
public sealed record RemoteFunRefExpr(Expr Module, Expr Function, Expr Arity) : Expr;

/// <summary><c>{'maybe',A,Body}</c> or <c>{'maybe',A,Body,{'else',A,Clauses}}</c> (OTP 25+, feature maybe_expr).</summary>
public sealed record MaybeExpr(SyntaxList<Expr> Body, SyntaxList<Clause>? ElseClauses) : Expr
{
    /// <summary>The annotation of <c>{'else',A,Clauses}</c>: the <c>else</c> keyword.</summary>
    public SubAnno ElseAnno { get; init; }
}

/// <summary><c>{maybe_match,A,Pattern,Expr}</c>: <c>P ?= E</c>, only directly in a maybe body.</summary>
public sealed record MaybeMatchExpr(Expr Pattern, Expr Value) : Expr;
