using System.Collections.Immutable;
using System.Numerics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The body of a <c>-D Name=Value</c> macro as epp makes it: erlc reads Value as a term (erl_compile make_term:
/// erl_scan + erl_parse:parse_term) and epp turns it back into tokens with
/// <c>erl_parse:tokens(erl_parse:abstract(Value))</c> (epp.erl user_predef/2). So <c>[1,2]</c> becomes a string,
/// <c>-1</c> one integer token and <c>$a</c> the integer 97, all at location 0.
/// </summary>
internal static class MacroValue
{
    /// <summary>The tokens of the term the value's tokens denote, or null when they are not a term.</summary>
    public static ImmutableArray<Token>? Normalize(IReadOnlyList<Token> tokens)
    {
        int position = 0;
        var output = ImmutableArray.CreateBuilder<Token>();
        int end = tokens.Count;
        while (end > 0 && tokens[end - 1].Kind is TokenKind.EndOfFile or TokenKind.Dot)
        {
            end--;
        }

        return Term(tokens, ref position, end, output, 0) && position == end ? output.ToImmutable() : null;
    }

    private static Token Symbol(string text) => new(TokenKind.Symbol, default, text, null, 0, 0);

    private static bool Term(IReadOnlyList<Token> t, ref int p, int end, ImmutableArray<Token>.Builder output, int depth)
    {
        if (p >= end || depth > 100)
        {
            return false;
        }

        Token token = t[p];
        switch (token.Kind)
        {
            case TokenKind.Atom:
                p++;
                output.Add(Preprocessor.AtomToken((string)token.Value!, 0, 0));
                return true;
            case TokenKind.Integer:
                p++;
                output.Add(Preprocessor.IntegerToken((BigInteger)token.Value!, 0, 0));
                return true;
            case TokenKind.Char:
                p++;
                output.Add(Preprocessor.IntegerToken((int)token.Value!, 0, 0));
                return true;
            case TokenKind.Float:
                p++;
                output.Add(new Token(TokenKind.Float, default, ErlangTerms.FormatFloat((double)token.Value!), token.Value, 0, 0));
                return true;
            case TokenKind.String:
                var text = new System.Text.StringBuilder();
                while (p < end && t[p].Kind == TokenKind.String)
                {
                    text.Append((string)t[p++].Value!);
                }

                output.Add(text.Length == 0 ? Symbol("[") : Preprocessor.StringToken(text.ToString(), 0, 0));
                if (text.Length == 0)
                {
                    output.Add(Symbol("]"));
                }

                return true;
            case TokenKind.Symbol when token.Text is "-" or "+" && p + 1 < end && t[p + 1].Kind is TokenKind.Integer or TokenKind.Float or TokenKind.Char:
                p++;
                bool negative = token.Text == "-";
                Token number = t[p++];
                object value = number.Kind switch
                {
                    TokenKind.Integer => negative ? -(BigInteger)number.Value! : (BigInteger)number.Value!,
                    TokenKind.Char => negative ? -new BigInteger((int)number.Value!) : new BigInteger((int)number.Value!),
                    _ => negative ? -(double)number.Value! : (double)number.Value!,
                };
                output.Add(value is BigInteger i ? Preprocessor.IntegerToken(i, 0, 0)
                    : new Token(TokenKind.Float, default, ErlangTerms.FormatFloat((double)value), value, 0, 0));
                return true;
            case TokenKind.Symbol when token.Text == "(":
                p++;
                if (!Term(t, ref p, end, output, depth + 1) || p >= end || !t[p].IsSymbol(")"))
                {
                    return false;
                }

                p++;
                return true;
            case TokenKind.Symbol when token.Text == "{":
                return Sequence(t, ref p, end, output, depth, "{", "}");
            case TokenKind.Symbol when token.Text == "[":
                return List(t, ref p, end, output, depth);
            default:
                return false;
        }
    }

    private static bool Sequence(IReadOnlyList<Token> t, ref int p, int end, ImmutableArray<Token>.Builder output, int depth, string open, string close)
    {
        p++;
        output.Add(Symbol(open));
        if (p < end && t[p].IsSymbol(close))
        {
            p++;
            output.Add(Symbol(close));
            return true;
        }

        while (true)
        {
            if (!Term(t, ref p, end, output, depth + 1) || p >= end)
            {
                return false;
            }

            if (t[p].IsSymbol(","))
            {
                p++;
                output.Add(Symbol(","));
                continue;
            }

            if (!t[p].IsSymbol(close))
            {
                return false;
            }

            p++;
            output.Add(Symbol(close));
            return true;
        }
    }

    /// <summary>A list: a string when every element is a character code (erl_parse:abstract/3), else [A, B | T].</summary>
    private static bool List(IReadOnlyList<Token> t, ref int p, int end, ImmutableArray<Token>.Builder output, int depth)
    {
        int start = output.Count;
        if (!ListElements(t, ref p, end, output, depth, out bool proper))
        {
            return false;
        }

        // [] is nil; a proper list of integers that are all characters is a string.
        var elements = output.Skip(start).ToList();
        if (proper && elements.Count > 2)
        {
            var chars = new System.Text.StringBuilder();
            bool allChars = true;
            for (int i = 1; i < elements.Count - 1; i++)
            {
                Token e = elements[i];
                if (i % 2 == 0)
                {
                    continue;
                }

                if (e.Kind == TokenKind.Integer && (BigInteger)e.Value! is var c && c >= 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF)
                    && (i + 1 >= elements.Count - 1 || elements[i + 1].IsSymbol(",")))
                {
                    chars.Append(char.ConvertFromUtf32((int)c));
                }
                else
                {
                    allChars = false;
                    break;
                }
            }

            if (allChars)
            {
                output.Count = start;
                output.Add(Preprocessor.StringToken(chars.ToString(), 0, 0));
            }
        }

        return true;
    }

    private static bool ListElements(IReadOnlyList<Token> t, ref int p, int end, ImmutableArray<Token>.Builder output, int depth, out bool proper)
    {
        proper = true;
        p++;
        output.Add(Symbol("["));
        if (p < end && t[p].IsSymbol("]"))
        {
            p++;
            output.Add(Symbol("]"));
            return true;
        }

        while (true)
        {
            if (!Term(t, ref p, end, output, depth + 1) || p >= end)
            {
                return false;
            }

            if (t[p].IsSymbol(","))
            {
                p++;
                output.Add(Symbol(","));
                continue;
            }

            if (t[p].IsSymbol("|"))
            {
                proper = false;
                p++;
                output.Add(Symbol("|"));
                if (!Term(t, ref p, end, output, depth + 1) || p >= end)
                {
                    return false;
                }
            }

            if (!t[p].IsSymbol("]"))
            {
                return false;
            }

            p++;
            output.Add(Symbol("]"));
            return true;
        }
    }
}
