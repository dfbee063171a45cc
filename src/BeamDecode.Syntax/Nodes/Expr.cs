using System.Numerics;

namespace BeamDecode.Syntax.Nodes;

// The small node records of one family share a file (the "one main type per file" habit is relaxed for node
// families of a few lines each, as Roslyn's generated syntax nodes are grouped). Patterns and guards use the
// same expression nodes: in the abstract format (absform, "Patterns", "Guards") they are the same tuples.

/// <summary>An expression, pattern or guard test (absform: "Expressions", "Patterns", "Guards").</summary>
public abstract record Expr : SyntaxNode;

/// <summary><c>{atom,A,Atom}</c>.</summary>
public sealed record AtomExpr(string Value) : Expr;

/// <summary><c>{integer,A,Integer}</c>. The source base is not in the annotation unless it was scanned with <c>text</c>.</summary>
public sealed record IntegerExpr(BigInteger Value) : Expr;

/// <summary><c>{float,A,Float}</c>.</summary>
public sealed record FloatExpr(double Value) : Expr
{
    /// <summary>Bit equality, so 0.0 and -0.0 differ as in the term.</summary>
    public bool Equals(FloatExpr? other) =>
        other is not null && BitConverter.DoubleToInt64Bits(other.Value) == BitConverter.DoubleToInt64Bits(Value);

    public override int GetHashCode() => Value.GetHashCode();
}

/// <summary><c>{char,A,Char}</c>: a character literal, <c>$a</c>.</summary>
public sealed record CharExpr(int Value) : Expr;

/// <summary><c>{string,A,Chars}</c>: a string literal, kept as code points.</summary>
public sealed record StringExpr(SyntaxList<int> Chars) : Expr
{
    public static StringExpr From(string text)
    {
        var chars = new List<int>(text.Length);
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            chars.Add(char.ConvertToUtf32(text, i));
        }

        return new StringExpr(new SyntaxList<int>(chars));
    }
}

/// <summary><c>{var,A,Name}</c>.</summary>
public sealed record VarExpr(string Name) : Expr;

/// <summary><c>{nil,A}</c>: <c>[]</c>.</summary>
public sealed record NilExpr : Expr;

/// <summary><c>{cons,A,Head,Tail}</c>.</summary>
public sealed record ConsExpr(Expr Head, Expr Tail) : Expr;

/// <summary><c>{tuple,A,Elements}</c>.</summary>
public sealed record TupleExpr(SyntaxList<Expr> Elements) : Expr;

/// <summary><c>{match,A,Left,Right}</c>: <c>P = E</c>.</summary>
public sealed record MatchExpr(Expr Left, Expr Right) : Expr;

/// <summary><c>{op,A,Op,Left,Right}</c>: a binary operator, including <c>!</c>, <c>andalso</c>, <c>orelse</c>.</summary>
public sealed record BinaryOpExpr(string Operator, Expr Left, Expr Right) : Expr;

/// <summary><c>{op,A,Op,Operand}</c>: <c>-</c>, <c>+</c>, <c>not</c>, <c>bnot</c>.</summary>
public sealed record UnaryOpExpr(string Operator, Expr Operand) : Expr;

/// <summary><c>{'catch',A,Expr}</c>.</summary>
public sealed record CatchExpr(Expr Body) : Expr;

/// <summary><c>{call,A,Function,Args}</c>; Function is an expression, a <see cref="RemoteExpr"/> for <c>M:F(...)</c>.</summary>
public sealed record CallExpr(Expr Function, SyntaxList<Expr> Arguments) : Expr;

/// <summary><c>{remote,A,Module,Function}</c>: the <c>M:F</c> of a remote call.</summary>
public sealed record RemoteExpr(Expr Module, Expr Function) : Expr;

/// <summary>
/// A term the reader did not recognise, kept as its <c>~w</c> text so nothing is silently dropped; the reader
/// reports a diagnostic for it and the printer writes it as a quoted atom, which still parses.
/// </summary>
public sealed record UnknownExpr(string TermText) : Expr;
