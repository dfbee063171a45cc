using System.Globalization;
using System.Numerics;
using System.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The text epp makes from tokens and terms: <c>??Arg</c> (epp.erl stringify/2, token_src/1), the
/// <c>-error(Term)</c> message (<c>~tp</c>), atom quoting and string escapes as stdlib io_lib writes them.
/// </summary>
internal static class ErlangTerms
{
    /// <summary>epp.erl stringify/2: the tokens' source, separated by one space.</summary>
    public static string Stringify(List<Token> tokens)
    {
        var builder = new StringBuilder();
        foreach (Token token in tokens)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(TokenSource(token));
        }

        return builder.ToString();
    }

    /// <summary>epp.erl token_src/1.</summary>
    private static string TokenSource(Token token) => token.Kind switch
    {
        TokenKind.Dot => ".",
        TokenKind.Symbol => token.Text,
        TokenKind.Var => (string)token.Value!,
        TokenKind.Char => WriteChar((int)token.Value!),
        TokenKind.String => WriteString((string)token.Value!),
        TokenKind.Atom => QuoteAtom((string)token.Value!),
        TokenKind.Integer => ((BigInteger)token.Value!).ToString(CultureInfo.InvariantCulture),
        TokenKind.Float => FormatFloat((double)token.Value!),
        TokenKind.SigilPrefix => QuoteAtom(token.Value as string ?? ""),
        TokenKind.SigilSuffix => WriteString(token.Value as string ?? ""),
        _ => token.Text,
    };

    /// <summary>The text of <c>~tp</c> of erl_scan:symbol/1 of a token (epp's illegal macro call message).</summary>
    public static string TokenSymbolText(Token token) => token.Kind switch
    {
        TokenKind.Symbol => QuoteAtom(token.Text),
        TokenKind.Dot => "dot",
        TokenKind.EndOfFile => "eof",
        TokenKind.Var => QuoteAtom((string)token.Value!),
        _ => TokenSource(token),
    };

    /// <summary>io_lib:write_atom/1: quoted unless a plain lowercase name that is not a reserved word.</summary>
    public static string QuoteAtom(string name)
    {
        if (name.Length > 0 && IsAtomStart(name[0]) && !LexerOptions.IsFixedReservedWord(name))
        {
            bool plain = true;
            foreach (char c in name)
            {
                if (!IsNameChar(c))
                {
                    plain = false;
                    break;
                }
            }

            if (plain)
            {
                return name;
            }
        }

        return WriteString(name, '\'');
    }

    private static bool IsAtomStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'ß' && c <= 'ÿ' && c != '÷');

    private static bool IsNameChar(char c) => IsAtomStart(c) || (c >= 'A' && c <= 'Z') || (c >= 'À' && c <= 'Þ' && c != '×')
        || (c >= '0' && c <= '9') || c == '_' || c == '@';

    /// <summary>io_lib:write_string/2 (Unicode kept, control characters escaped).</summary>
    public static string WriteString(string value, char quote = '"')
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append(quote);
        for (int i = 0; i < value.Length; i++)
        {
            int c = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                c = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }

            AppendChar(builder, c, quote);
        }

        builder.Append(quote);
        return builder.ToString();
    }

    /// <summary>io_lib:write_char/1.</summary>
    public static string WriteChar(int c)
    {
        if (c == ' ')
        {
            return "$\\s";
        }

        var builder = new StringBuilder("$");
        AppendChar(builder, c, -1);
        return builder.ToString();
    }

    /// <summary>io_lib.erl string_char/4 (unicode_as_unicode).</summary>
    private static void AppendChar(StringBuilder builder, int c, int quote)
    {
        if (c == quote)
        {
            builder.Append('\\').Append((char)c);
            return;
        }

        switch (c)
        {
            case '\\': builder.Append("\\\\"); return;
            case >= ' ' and <= '~': builder.Append((char)c); return;
            case >= 0xA0: builder.Append(char.ConvertFromUtf32(c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c)); return;
            case '\n': builder.Append("\\n"); return;
            case '\r': builder.Append("\\r"); return;
            case '\t': builder.Append("\\t"); return;
            case '\v': builder.Append("\\v"); return;
            case '\b': builder.Append("\\b"); return;
            case '\f': builder.Append("\\f"); return;
            case 27: builder.Append("\\e"); return;
            case 127: builder.Append("\\d"); return;
            default:
                builder.Append('\\').Append((char)('0' + ((c >> 6) & 7))).Append((char)('0' + ((c >> 3) & 7))).Append((char)('0' + (c & 7)));
                return;
        }
    }

    /// <summary>
    /// <c>~w</c> of a float (io_lib_format:fwrite_g/1, float_to_list(F, [short])): the shortest digits that read
    /// back, in fixed or scientific notation, whichever is shorter (fixed on a tie).
    /// </summary>
    public static string FormatFloat(double value)
    {
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }

        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        int dot = r.IndexOf('.');
        string digits = dot >= 0 ? r.Remove(dot, 1) : r;
        int point = (dot >= 0 ? dot : r.Length) + exponent;
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        point -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
            point = 1;
        }

        string fixedText = point <= 0
            ? "0." + new string('0', -point) + digits
            : point >= digits.Length
                ? digits + new string('0', point - digits.Length) + ".0"
                : digits[..point] + "." + digits[point..];
        string scientific = digits[..1] + "." + (digits.Length > 1 ? digits[1..] : "0") + "e"
            + (point - 1).ToString(CultureInfo.InvariantCulture);
        string text = scientific.Length < fixedText.Length ? scientific : fixedText;
        return negative ? "-" + text : text;
    }

    /// <summary>
    /// erl_parse:parse_term/1 of <c>( Term ) .</c> printed with <c>~tp</c> (epp.erl scan_err_warn/4 and
    /// format_error/1); null when the tokens are not a term.
    /// </summary>
    public static string? ParseTermText(List<Token> tokens)
    {
        int end = tokens.Count;
        if (end > 0 && tokens[end - 1].Kind == TokenKind.Dot)
        {
            end--;
        }

        int position = 0;
        var builder = new StringBuilder();
        if (!Term(tokens, ref position, end, builder, 0) || position != end)
        {
            return null;
        }

        return builder.ToString();
    }

    private static bool Term(List<Token> t, ref int p, int end, StringBuilder output, int depth)
    {
        if (p >= end || depth > 200)
        {
            return false;
        }

        Token token = t[p];
        switch (token.Kind)
        {
            case TokenKind.Atom:
                p++;
                output.Append(QuoteAtom((string)token.Value!));
                return true;
            case TokenKind.Integer:
                p++;
                output.Append(((BigInteger)token.Value!).ToString(CultureInfo.InvariantCulture));
                return true;
            case TokenKind.Char:
                p++;
                output.Append(((int)token.Value!).ToString(CultureInfo.InvariantCulture));
                return true;
            case TokenKind.Float:
                p++;
                output.Append(FormatFloat((double)token.Value!));
                return true;
            case TokenKind.String:
                var text = new StringBuilder();
                while (p < end && t[p].Kind == TokenKind.String)
                {
                    text.Append((string)t[p++].Value!);
                }

                output.Append(PrintString(text.ToString()));
                return true;
            case TokenKind.Symbol:
                return Compound(t, ref p, end, output, depth, token.Text);
            default:
                return false;
        }
    }

    private static bool Compound(List<Token> t, ref int p, int end, StringBuilder output, int depth, string symbol)
    {
        switch (symbol)
        {
            case "-" or "+" when p + 1 < end && t[p + 1].Kind is TokenKind.Integer or TokenKind.Float or TokenKind.Char:
                p++;
                if (symbol == "-")
                {
                    output.Append('-');
                }

                return Term(t, ref p, end, output, depth + 1);
            case "(":
                p++;
                if (!Term(t, ref p, end, output, depth + 1) || p >= end || !t[p].IsSymbol(")"))
                {
                    return false;
                }

                p++;
                return true;
            case "{" or "[":
                string close = symbol == "{" ? "}" : "]";
                p++;
                output.Append(symbol);
                if (p < end && t[p].IsSymbol(close))
                {
                    p++;
                    output.Append(close);
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
                        output.Append(',');
                        p++;
                        continue;
                    }

                    if (symbol == "[" && t[p].IsSymbol("|"))
                    {
                        output.Append('|');
                        p++;
                        if (!Term(t, ref p, end, output, depth + 1) || p >= end)
                        {
                            return false;
                        }
                    }

                    if (!t[p].IsSymbol(close))
                    {
                        return false;
                    }

                    p++;
                    output.Append(close);
                    return true;
                }

            default:
                return false;
        }
    }

    /// <summary><c>~tp</c> of a list of characters: a string when printable, else a list of integers.</summary>
    private static string PrintString(string value)
    {
        foreach (char c in value)
        {
            bool printable = c is >= ' ' and <= '~' or >= '\u00a0' or '\n' or '\r' or '\t' or '\v' or '\b' or '\f' or '\u001b';
            if (!printable)
            {
                var builder = new StringBuilder("[");
                for (int i = 0; i < value.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append(((int)value[i]).ToString(CultureInfo.InvariantCulture));
                }

                return builder.Append(']').ToString();
            }
        }

        return WriteString(value);
    }
}
