using System.Buffers;
using System.Text;

namespace BeamDecode.Metadata.Terms;

public static partial class TermWriter
{
    /// <summary>
    /// Writes an atom as <c>io_lib:write_atom_as_latin1/1</c> (stdlib io_lib.erl): <c>~w</c> without the <c>t</c>
    /// modifier formats with encoding latin1, so io_lib:write1/3 takes its latin1 atom clause.
    /// </summary>
    private static void WriteAtom(StringBuilder sb, string name)
    {
        if (!NeedsQuotes(name))
        {
            sb.Append(name);
            return;
        }

        // io_lib:write_string_as_latin1(Chars, $'): string_char(unicode_as_latin1, ...) per character.
        Span<char> hex = stackalloc char[8];
        sb.Append('\'');
        for (int i = 0; i < name.Length;)
        {
            int c = char.ConvertToUtf32OrSelf(name, ref i);
            switch (c)
            {
                case '\'':
                    sb.Append("\\'");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case >= ' ' and <= '~':
                case >= 0xA0 and <= 0xFF:
                    sb.Append((char)c);
                    break;
                case > 0xFF:
                    // "\\x{" ++ integer_to_list(C, 16) ++ "}": upper-case hex, no padding.
                    c.TryFormat(hex, out int digits, "X", System.Globalization.CultureInfo.InvariantCulture);
                    sb.Append("\\x{").Append(hex[..digits]).Append('}');
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\v':
                    sb.Append("\\v");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case 0x1B:
                    sb.Append("\\e");
                    break;
                case 0x7F:
                    sb.Append("\\d");
                    break;
                default:
                    // Other control characters below 160, including 128..159: three octal digits.
                    AppendOctal3(sb, c);
                    break;
            }
        }

        sb.Append('\'');
    }

    /// <summary>io_lib:quote_atom/2: reserved words, and names that do not scan as a bare atom.</summary>
    private static bool NeedsQuotes(string name)
    {
        if (name.Length == 0 || !IsLowerStart(name[0]))
        {
            return true;
        }

        for (int i = 1; i < name.Length; i++)
        {
            if (!IsNameChar(name[i]))
            {
                return true;
            }
        }

        return IsReservedWord(name);
    }

    /// <summary>
    /// Whether an atom named by the ASCII bytes <paramref name="name"/> prints bare (no quotes) with ~w, as
    /// <see cref="NeedsQuotes"/> decides for its string: for writers that copy a name straight from an atom table.
    /// False for any byte of 128 or more (such names take the string path).
    /// </summary>
    internal static bool IsBareAsciiAtom(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name[0] is < (byte)'a' or > (byte)'z')
        {
            return false;
        }

        for (int i = 1; i < name.Length; i++)
        {
            byte c = name[i];
            if (c >= 0x80 || !IsNameChar((char)c))
            {
                return false;
            }
        }

        if (name.Length > 7)
        {
            return true;
        }

        Span<char> chars = stackalloc char[7];
        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return !IsReservedWord(chars[..name.Length]);
    }

    /// <summary>
    /// Writes the ~w text of an atom named by <paramref name="name"/> (its bytes in an atom table) into
    /// <paramref name="destination"/>, which holds at least 2 * length + 2 bytes, as <see cref="WriteAtom"/> would for
    /// its string: bare when <see cref="IsBareAsciiAtom"/>, else quoted with ' and \ escaped. False, writing nothing
    /// usable, for a byte outside printable ASCII (32..126), whose text the string path makes.
    /// </summary>
    internal static bool TryWriteAsciiAtom(ReadOnlySpan<byte> name, Span<byte> destination, out int written)
    {
        written = 0;
        if (IsBareAsciiAtom(name))
        {
            name.CopyTo(destination);
            written = name.Length;
            return true;
        }

        int n = 0;
        destination[n++] = (byte)'\'';
        foreach (byte c in name)
        {
            if (c is < (byte)' ' or > (byte)'~')
            {
                return false;
            }

            if (c is (byte)'\'' or (byte)'\\')
            {
                destination[n++] = (byte)'\\';
            }

            destination[n++] = c;
        }

        destination[n++] = (byte)'\'';
        written = n;
        return true;
    }

    /// <summary>First character: $a..$z, or $ß..$ÿ except $÷ (io_lib:quote_atom/2).</summary>
    private static bool IsLowerStart(char c) => c is (>= 'a' and <= 'z') or (>= 'ß' and <= 'ÿ' and not '÷');

    /// <summary>io_lib:name_char/1. A UTF-16 surrogate is never a name char, so a supplementary character quotes.</summary>
    private static bool IsNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'ß' and <= 'ÿ' and not '÷') or (>= 'A' and <= 'Z') or
            (>= 'À' and <= 'Þ' and not '×') or (>= '0' and <= '9') or '_' or '@';

    /// <summary>
    /// erl_scan:f_reserved_word/1. erl_scan:reserved_word/1 also quotes the keywords of enabled features
    /// (erl_features:keywords/0); in OTP 25 the only such feature, maybe_expr, is off by default, so
    /// 'maybe' and 'else' print bare there.
    /// </summary>
    private static bool IsReservedWord(ReadOnlySpan<char> name) => name switch
    {
        "after" or "begin" or "case" or "try" or "cond" or "catch" or "andalso" or "orelse" or "end" or "fun" or
            "if" or "let" or "of" or "receive" or "when" or "bnot" or "not" or "div" or "rem" or "band" or "and" or
            "bor" or "bxor" or "bsl" or "bsr" or "or" or "xor" => true,
        _ => false,
    };

    /// <summary>
    /// Writes an atom as the runtime's own printer does (print_atom_name in erts/emulator/beam/erl_printf_term.c),
    /// which <c>erlang:fun_to_list/1</c> uses for <c>fun M:F/A</c>. It works on the UTF-8 bytes of the name: quoting
    /// tests Latin-1 classes of each decoded 1- or 2-byte character, and a multi-byte character is emitted as its raw
    /// UTF-8 bytes, each becoming one character of the result (so 'é' prints as "Ã©" there, exactly as erl does).
    /// Reserved words are not quoted and '@' is not a name character in this printer.
    /// </summary>
    private static void WriteErtsAtom(StringBuilder sb, string name)
    {
        if (name.Length == 0)
        {
            sb.Append("''");
            return;
        }

        byte[]? rented = null;
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> s = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int n = Encoding.UTF8.GetBytes(name, s);
        s = s[..n];

        bool quote = !ErtsIsLower(ErtsLatin1Char(s, 0));
        for (int i = 1; i < n && !quote; i++)
        {
            int lc = ErtsLatin1Char(s, i);
            quote = !(ErtsIsAlnum(lc) || lc == '_');
        }

        if (quote)
        {
            sb.Append('\'');
        }

        for (int i = 0; i < n; i++)
        {
            byte c = s[i];
            switch (c)
            {
                case (byte)'\'':
                    sb.Append("\\'");
                    break;
                case (byte)'\\':
                    sb.Append("\\\\");
                    break;
                case (byte)'\n':
                    sb.Append("\\n");
                    break;
                case (byte)'\f':
                    sb.Append("\\f");
                    break;
                case (byte)'\t':
                    sb.Append("\\t");
                    break;
                case (byte)'\r':
                    sb.Append("\\r");
                    break;
                case (byte)'\b':
                    sb.Append("\\b");
                    break;
                case (byte)'\v':
                    sb.Append("\\v");
                    break;
                case < 0x20:
                    AppendOctal3(sb, c);
                    break;
                case >= 0x80:
                    if (c == 0xC2 && i + 1 < n && s[i + 1] < 0xA0)
                    {
                        // U+0080..U+009F: escaped as octal of the code point.
                        AppendOctal3(sb, s[++i]);
                    }
                    else
                    {
                        int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
                        for (int k = 0; k < len && i < n; k++)
                        {
                            sb.Append((char)s[i++]);
                        }

                        i--;
                    }

                    break;
                default:
                    sb.Append((char)c);
                    break;
            }
        }

        if (quote)
        {
            sb.Append('\'');
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>latin1_char/2 in erl_printf_term.c: the code point of a 1- or 2-byte sequence, 'a' for a
    /// continuation byte, 0 (never a name char) for the lead byte of a 3- or 4-byte sequence.</summary>
    private static int ErtsLatin1Char(ReadOnlySpan<byte> s, int i)
    {
        int c1 = s[i];
        if ((c1 & 0x80) == 0)
        {
            return c1;
        }

        if ((c1 & 0xE0) == 0xC0)
        {
            int c2 = i + 1 < s.Length ? s[i + 1] : 0;
            return (c1 & 0x1F) << 6 | (c2 & 0x3F);
        }

        return (c1 & 0xC0) == 0x80 ? 'a' : 0;
    }

    // CTYPE macros of erl_printf_term.c with LATIN1 defined.
    private static bool ErtsIsLower(int c) => c is (>= 'a' and <= 'z') or (>= 223 and <= 255 and not 247);

    private static bool ErtsIsUpper(int c) => c is (>= 'A' and <= 'Z') or (>= 192 and <= 222 and not 215);

    private static bool ErtsIsAlnum(int c) => c is >= '0' and <= '9' || ErtsIsLower(c) || ErtsIsUpper(c);

    private static void AppendOctal3(StringBuilder sb, int c) =>
        sb.Append('\\').Append((char)('0' + ((c >> 6) & 7))).Append((char)('0' + ((c >> 3) & 7))).Append((char)('0' + (c & 7)));

    /// <summary>The UTF-8 bytes of a name, each as one character: how erts prints the module of a local fun
    /// (PRINT_BUF of the atom text in erl_printf_term.c), with no quoting.</summary>
    private static void AppendUtf8BytesAsChars(StringBuilder sb, string name)
    {
        bool ascii = true;
        foreach (char c in name)
        {
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            sb.Append(name);
            return;
        }

        byte[]? rented = null;
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int n = Encoding.UTF8.GetBytes(name, bytes);
        foreach (byte b in bytes[..n])
        {
            sb.Append((char)b);
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
