namespace BeamDecode.Syntax.Nodes;

/// <summary>
/// <c>{clause,A,Patterns,Guards,Body}</c>: the clause of a function, fun, case, receive, try or if. Guards is a
/// guard sequence: alternatives separated by <c>;</c>, each a list of tests separated by <c>,</c>.
/// </summary>
public sealed record Clause(SyntaxList<Expr> Patterns, SyntaxList<SyntaxList<Expr>> Guards, SyntaxList<Expr> Body) : SyntaxNode;
