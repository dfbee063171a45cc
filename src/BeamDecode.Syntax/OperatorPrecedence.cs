namespace BeamDecode.Syntax;

/// <summary>
/// Operator precedences, exactly as erl_parse.yrl's inop_prec/1, preop_prec/1, func_prec/0, max_prec/0,
/// type_inop_prec/1 and type_preop_prec/1 give them (stdlib erl_parse.yrl, "Give the relative precedences of
/// operators"): a binary operator has (left operand, operator, right operand) precedences and a prefix operator
/// (operator, operand). erl_pp parenthesises a construct when its own precedence is below the one its position
/// asks for; the printer does the same, and the parser will use the same table.
/// </summary>
public static class OperatorPrecedence
{
    public const int Max = 900;

    /// <summary>func_prec(): the function expression of a call is printed at 800; the call itself has 700.</summary>
    public static (int Function, int Call) Function => (800, 700);

    public static bool TryBinary(string op, out (int Left, int Op, int Right) prec)
    {
        prec = op switch
        {
            "=" or "!" => (150, 100, 100),
            "orelse" => (160, 150, 150),
            "andalso" => (200, 160, 160),
            "==" or "/=" or "=<" or "<" or ">=" or ">" or "=:=" or "=/=" => (300, 200, 300),
            "++" or "--" => (400, 300, 300),
            "+" or "-" or "bor" or "bxor" or "bsl" or "bsr" or "or" or "xor" => (400, 400, 500),
            "*" or "/" or "div" or "rem" or "band" or "and" => (500, 500, 600),
            "#" => (800, 700, 800),
            ":" => (900, 800, 900),
            "." => (900, 900, 1000),
            _ => (0, 0, 0),
        };
        return prec.Op != 0;
    }

    public static (int Left, int Op, int Right) Binary(string op) =>
        TryBinary(op, out var p) ? p : throw new ArgumentException($"not a binary operator: {op}", nameof(op));

    /// <summary>
    /// preop_prec/1. <c>catch</c> is given 0 here rather than erl_parse's 700: its operand extends as far right as
    /// it can (the grammar's <c>Unary 0 'catch'</c>), so printed anywhere but at the top of an expression it needs
    /// parentheses, e.g. <c>(catch f()) + 1</c>; with 700 it would print as <c>catch f() + 1</c>.
    /// </summary>
    public static bool TryPrefix(string op, out (int Op, int Operand) prec)
    {
        prec = op switch
        {
            "catch" => (0, 100),
            "+" or "-" or "bnot" or "not" => (600, 700),
            "#" => (700, 800),
            _ => (-1, -1),
        };
        return prec.Op >= 0;
    }

    public static (int Op, int Operand) Prefix(string op) =>
        TryPrefix(op, out var p) ? p : throw new ArgumentException($"not a prefix operator: {op}", nameof(op));

    /// <summary>type_inop_prec/1.</summary>
    public static (int Left, int Op, int Right) TypeBinary(string op) => op switch
    {
        "=" => (150, 100, 100),
        "::" => (150, 150, 160),
        "|" => (180, 170, 170),
        ".." => (300, 200, 300),
        "#" => (800, 700, 800),
        _ => Binary(op),
    };

    /// <summary>type_preop_prec/1.</summary>
    public static (int Op, int Operand) TypePrefix(string op) => op == "#" ? (700, 800) : Prefix(op);
}
