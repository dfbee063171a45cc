using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace BeamDecode.Syntax.Printing;

/// <summary>
/// How atoms, variables, strings, characters, integers and floats are written so that erl_scan reads them back
/// to the same value (stdlib erl_scan.erl for what is a name; io_lib:write_atom/write_string for quoting).
/// </summary>
public static class ErlangLiterals
{
    /// <summary>erl_scan.erl reserved_word/1, plus <c>maybe</c> and <c>else</c> which are reserved when the
    /// maybe_expr feature is on (OTP 25+): quoting them is always safe.</summary>
    /// <summary>erl_scan's reserved words: an atom spelled as one is quoted (a switch on the text: this runs for
    /// every atom printed).</summary>
    private static bool IsReserved(string name) => name switch
    {
        "after" or "begin" or "case" or "try" or "cond" or "catch" or "andalso" or "orelse" or "end" or "fun" or "if"
            or "let" or "of" or "receive" or "when" or "bnot" or "not" or "div" or "rem" or "band" or "and" or "bor"
            or "bxor" or "bsl" or "bsr" or "or" or "xor" or "maybe" or "else" => true,
        _ => false,
    };

    public static string Atom(string name)
    {
        // The printer asks for the same atoms' text over and over (the same string objects: readers share atom
        // names), at every layout level: remember the last answers by reference, per thread.
        var keys = t_atomKeys ??= new string?[AtomSlots];
        var texts = t_atomTexts ??= new string?[AtomSlots];
        int slot = RuntimeHelpers.GetHashCode(name) & (AtomSlots - 1);
        if (ReferenceEquals(keys[slot], name))
        {
            return texts[slot]!;
        }

        string text = AtomText(name);
        keys[slot] = name;
        texts[slot] = text;
        return text;
    }

    private const int AtomSlots = 1024;

    [ThreadStatic]
    private static string?[]? t_atomKeys;

    [ThreadStatic]
    private static string?[]? t_atomTexts;

    private static string AtomText(string name)
    {
        if (IsUnquotedAtom(name))
        {
            return name;
        }

        var sb = new StringBuilder(name.Length + 2);
        sb.Append('\'');
        AppendEscaped(sb, name, '\'');
        sb.Append('\'');
        return sb.ToString();
    }

    /// <summary>An atom needs no quotes when it starts with a lower-case Latin-1 letter, continues with Latin-1
    /// letters, digits, _ and @ (erl_scan scan_name), and is not a reserved word.</summary>
    public static bool IsUnquotedAtom(string name)
    {
        if (name.Length == 0 || !IsLower(name[0]) || IsReserved(name))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(IsLower(c) || IsUpper(c) || c is (>= '0' and <= '9') or '_' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLower(char c) => c is (>= 'a' and <= 'z') or (>= 'ß' and <= 'ÿ') && c != '÷';

    private static bool IsUpper(char c) => c is (>= 'A' and <= 'Z') or (>= 'À' and <= 'Þ') && c != '×';

    public static string String(IReadOnlyList<int> chars) => String((ReadOnlySpan<int>)(chars as int[] ?? [.. chars]));

    /// <summary>As <see cref="String(IReadOnlyList{int})"/>, over a span (no enumerator, no boxing).</summary>
    public static string String(ReadOnlySpan<int> chars)
    {
        var sb = new StringBuilder(chars.Length + 2);
        sb.Append('"');
        foreach (int c in chars)
        {
            AppendChar(sb, c, '"');
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>The texts of the Latin-1 character literals, made once: the printer asks for each twice (its
    /// width, then its text).</summary>
    private static readonly string[] Latin1Chars = CreateLatin1Chars();

    private static string[] CreateLatin1Chars()
    {
        var texts = new string[256];
        for (int c = 0; c < texts.Length; c++)
        {
            texts[c] = CharText(c);
        }

        return texts;
    }

    /// <summary>A character literal: <c>$a</c>, <c>$\n</c>, <c>$\s</c> for space (as io_lib:write_char).</summary>
    public static string Char(int c) => (uint)c < (uint)Latin1Chars.Length ? Latin1Chars[c] : CharText(c);

    private static string CharText(int c)
    {
        var sb = new StringBuilder(4);
        sb.Append('$');
        if (c == ' ')
        {
            sb.Append("\\s");
        }
        else
        {
            AppendChar(sb, c, '\0');
        }

        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string text, char quote)
    {
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            AppendChar(sb, char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i) ? text[i] : char.ConvertToUtf32(text, i), quote);
        }
    }

    /// <summary>One code point inside quotes: the named escapes erl_scan knows (escape_char/1), octal for other
    /// Latin-1 controls, \x{H} for code points UTF-8 cannot carry or that are not printable.</summary>
    private static void AppendChar(StringBuilder sb, int c, char quote)
    {
        switch (c)
        {
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case 27: sb.Append("\\e"); return;
            case 127: sb.Append("\\d"); return;
            case '\\': sb.Append("\\\\"); return;
        }

        if (c == quote && quote != '\0')
        {
            sb.Append('\\').Append(quote);
        }
        else if (c < 32 || (c >= 128 && c < 160))
        {
            sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
        }
        else if (c < 128 || (c >= 160 && c <= 0x10FFFF && !(c is >= 0xD800 and <= 0xDFFF) && IsPrintable(c)))
        {
            if (c < 0x10000)
            {
                sb.Append((char)c);
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(c));
            }
        }
        else
        {
            sb.Append("\\x{").Append(c.ToString("X", CultureInfo.InvariantCulture)).Append('}');
        }
    }

    private static bool IsPrintable(int c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator);
    }

    public static string Integer(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        // Decimal text of a bignum takes time quadratic in its size, and the printer asks for the same literal's width
        // at every level of the layout (a module of 2048-bit primes spent 4% of `source` here): keep the last few.
        var cache = t_bignums ??= new Dictionary<BigInteger, string>();
        if (!cache.TryGetValue(value, out string? text))
        {
            if (cache.Count >= 256)
            {
                cache.Clear();
            }

            text = value.ToString(CultureInfo.InvariantCulture);
            cache[value] = text;
        }

        return text;
    }

    [ThreadStatic]
    private static Dictionary<BigInteger, string>? t_bignums;

    /// <summary>
    /// The shortest text that reads back to the same double (.NET's round-trip "R" formatting), in erl_scan's float
    /// syntax: digits, a dot and digits, then an optional exponent (<c>1.0e20</c>, never <c>1E+20</c>).
    /// </summary>
    public static string Float(double value)
    {
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        string mantissa = r, exponent = "";
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = r[..e];
            int exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            exponent = "e" + exp.ToString(CultureInfo.InvariantCulture);
        }

        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        return mantissa + exponent;
    }

    /// <summary>Is every element a code point io_lib would print inside a string (used for attribute values)?</summary>
    public static bool IsPrintableString(IReadOnlyList<BigInteger> values)
    {
        if (values.Count == 0)
        {
            return false;
        }

        foreach (var v in values)
        {
            if (v < 0 || v > 0x10FFFF)
            {
                return false;
            }

            int c = (int)v;
            if (!(c is >= 32 and < 127 || c is '\n' or '\r' or '\t' or '\v' or '\b' or '\f' or 27 || (c >= 160 && c < 0xD800)))
            {
                return false;
            }
        }

        return true;
    }
}
