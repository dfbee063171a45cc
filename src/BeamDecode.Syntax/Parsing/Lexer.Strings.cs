using System.Text;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>Characters, strings and quoted atoms with their escapes: erl_scan scan_char, scan_string,
/// scan_qatom, scan_string1, scan_escape, scan_hex and escape_char.</summary>
public sealed partial class Lexer
{
    private enum EscapeResult
    {
        Value,
        EndOfText,
        Error,
    }

    /// <summary>
    /// Decodes the escape sequence after a backslash (scan_escape): <c>\NNN</c> octal (1 to 3 digits),
    /// <c>\xHH</c>, <c>\x{H...}</c>, <c>\^X</c>, <c>\n \r \t \v \b \f \e \s \d</c> and any other character as
    /// itself. <paramref name="next"/> is where scanning goes on (after the escape, or erl_scan's rest after an
    /// error); <paramref name="errorPos"/> the character whose column erl_scan's error column names.
    /// </summary>
    private EscapeResult DecodeEscape(int pos, out int value, out int next, out int errorPos)
    {
        value = 0;
        next = pos;
        errorPos = pos;
        if (pos >= _end)
        {
            return EscapeResult.EndOfText;
        }

        char c = _text[pos];
        if (c >= '0' && c <= '7')
        {
            int end = pos + 1;
            value = c - '0';
            while (end < _end && end < pos + 3 && _text[end] >= '0' && _text[end] <= '7')
            {
                value = (value * 8) + (_text[end] - '0');
                end++;
            }

            next = end;
            return EscapeResult.Value;
        }

        if (c == 'x')
        {
            if (pos + 1 >= _end)
            {
                return EscapeResult.EndOfText;
            }

            if (_text[pos + 1] == '{')
            {
                return DecodeHexEscape(pos + 2, out value, out next, out errorPos);
            }

            if (pos + 2 < _end && IsHexDigit(_text[pos + 1]) && IsHexDigit(_text[pos + 2]))
            {
                value = (DigitValue(_text[pos + 1]) * 16) + DigitValue(_text[pos + 2]);
                next = pos + 3;
                return EscapeResult.Value;
            }

            next = pos + 1;
            return EscapeResult.Error;
        }

        if (c == '^')
        {
            // OTP 27 caret_char_code/1: \^? is DEL, \^@ to \^_ and \^a to \^z control characters, others illegal.
            if (pos + 1 >= _end)
            {
                return EscapeResult.EndOfText;
            }

            int cp = CodePointAt(pos + 1, out int width);
            if (!_tripleQuotesAndSigils)
            {
                // Before OTP 27 any character after \^ is taken, its code band 31 (\^\n is a newline).
                value = cp & 0x1F;
            }
            else if (cp == '?')
            {
                value = 0x7F;
            }
            else if ((cp >= '@' && cp <= '_') || (cp >= 'a' && cp <= 'z'))
            {
                value = cp & 0x1F;
            }
            else
            {
                next = pos + 1;
                return EscapeResult.Error;
            }

            next = pos + 1 + width;
            return EscapeResult.Value;
        }

        int code = CodePointAt(pos, out int size);
        next = pos + size;
        if (!IsUnicode(code))
        {
            return EscapeResult.Error;
        }

        value = code switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            'b' => '\b',
            'f' => '\f',
            'e' => 0x1B,
            's' => ' ',
            'd' => 0x7F,
            _ => code,
        };
        return EscapeResult.Value;
    }

    /// <summary>scan_hex and scan_hex_end: <c>\x{...}</c> from the first position after the brace.</summary>
    private EscapeResult DecodeHexEscape(int pos, out int value, out int next, out int errorPos)
    {
        value = 0;
        int end = pos;
        long number = 0;
        while (end < _end && IsHexDigit(_text[end]))
        {
            if (number <= 0x10FFFF)
            {
                number = (number * 16) + DigitValue(_text[end]);
            }

            end++;
        }

        if (end >= _end)
        {
            next = end;
            errorPos = end;
            return EscapeResult.EndOfText;
        }

        if (_text[end] != '}')
        {
            // The rest starts at the character that is not a hex digit; the column is that of the one before.
            next = end;
            errorPos = end - 1;
            return EscapeResult.Error;
        }

        next = end + 1;
        errorPos = end;
        if (end == pos || !IsUnicode((int)Math.Min(number, int.MaxValue)) || number > 0x10FFFF)
        {
            return EscapeResult.Error;
        }

        value = (int)number;
        return EscapeResult.Value;
    }

    private static bool IsHexDigit(int c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    /// <summary>scan_char: <c>$C</c> and <c>$\Escape</c>.</summary>
    private void ScanChar()
    {
        int pos = _pos + 1;
        if (pos >= _end)
        {
            Error(DiagnosticId.UnterminatedCharacter, "unterminated character", _tokLine, _tokColumn, _end);
            return;
        }

        if (_text[pos] == '\\')
        {
            switch (DecodeEscape(pos + 1, out int value, out int next, out _))
            {
                case EscapeResult.EndOfText:
                    Error(DiagnosticId.UnterminatedCharacter, "unterminated character", _tokLine, _tokColumn, _end);
                    return;
                case EscapeResult.Error:
                    Error(DiagnosticId.IllegalCharacter, "illegal character", _tokLine, _tokColumn, next);
                    return;
                default:
                    _pos = next;
                    Emit(TokenKind.Char, next, Intern(_tokStart, next), BoxChar(value));
                    return;
            }
        }

        int code = CodePointAt(pos, out int width);
        if (!IsUnicode(code))
        {
            // erl_scan gives eof as the rest here: nothing after it is scanned.
            Error(DiagnosticId.IllegalCharacter, "illegal character", _tokLine, _tokColumn, _end);
            return;
        }

        _pos = pos + width;
        Emit(TokenKind.Char, _pos, Intern(_tokStart, _pos), BoxChar(code));
    }

    private static readonly object[] SmallChars = Enumerable.Range(0, 256).Select(i => (object)i).ToArray();

    private static object BoxChar(int value) => value < SmallChars.Length ? SmallChars[value] : value;

    private enum QuotedResult
    {
        Closed,
        EndOfText,
        Error,
    }

    /// <summary>
    /// Scans the content of a quoted string or atom from <paramref name="pos"/> (after the opening delimiter) to
    /// the closing <paramref name="close"/> (scan_string1, or scan_vstring when not <paramref name="escapes"/>).
    /// On an error inside (a bad escape or character) it is reported and the scan moved to erl_scan's rest.
    /// </summary>
    private QuotedResult ScanQuoted(int pos, char close, bool escapes, out int end, out StringBuilder? built, out string content)
    {
        built = null;
        content = "";
        _endInEscape = false;
        int runStart = pos;
        while (pos < _end)
        {
            char c = _text[pos];
            if (c == close)
            {
                end = pos + 1;
                if (built is null)
                {
                    content = _text.Substring(runStart, pos - runStart);
                }
                else
                {
                    built.Append(_text, runStart, pos - runStart);
                    content = built.ToString();
                }

                return QuotedResult.Closed;
            }

            if (c == '\\' && escapes)
            {
                built ??= new StringBuilder();
                built.Append(_text, runStart, pos - runStart);
                switch (DecodeEscape(pos + 1, out int value, out int next, out _))
                {
                    case EscapeResult.EndOfText:
                        end = _end;
                        _endInEscape = true;
                        return QuotedResult.EndOfText;
                    case EscapeResult.Error:
                        // scan_string1: the error is at the backslash.
                        ErrorAt(DiagnosticId.IllegalCharacter, "illegal character", pos, next);
                        end = next;
                        return QuotedResult.Error;
                }

                AppendCodePoint(built, value);
                pos = next;
                runStart = pos;
                continue;
            }

            if (c >= 0xD800 && (char.IsSurrogate(c) || c >= 0xFFFE))
            {
                int cp = CodePointAt(pos, out int width);
                if (!IsUnicode(cp))
                {
                    ErrorAt(DiagnosticId.IllegalCharacter, "illegal character", pos, pos + width);
                    end = pos + width;
                    return QuotedResult.Error;
                }

                pos += width;
                continue;
            }

            pos++;
        }

        if (built is not null)
        {
            built.Append(_text, runStart, pos - runStart);
        }
        else
        {
            content = _text.Substring(runStart, pos - runStart);
        }

        end = _end;
        return QuotedResult.EndOfText;
    }

    private static void AppendCodePoint(StringBuilder builder, int value)
    {
        if (value < 0x10000)
        {
            builder.Append((char)value);
        }
        else
        {
            builder.Append(char.ConvertFromUtf32(value));
        }
    }

    /// <summary>A plain string before OTP 27 (no triple quotes, no check of adjacent strings).</summary>
    private void ScanString()
    {
        int open = _pos;
        switch (ScanQuoted(open + 1, '"', escapes: true, out int end, out StringBuilder? built, out string content))
        {
            case QuotedResult.Closed:
                _pos = end;
                Emit(TokenKind.String, end, _text.Substring(open, end - open), content);
                return;
            case QuotedResult.EndOfText:
                Unterminated(DiagnosticId.UnterminatedString, "string", '"', open, built, content);
                return;
        }
    }

    /// <summary>scan_qatom: a quoted atom; longer than 255 characters is an illegal atom reported at its start,
    /// the rest after the closing quote.</summary>
    private void ScanQuotedAtom()
    {
        int open = _pos;
        switch (ScanQuoted(open + 1, '\'', escapes: true, out int end, out StringBuilder? built, out string content))
        {
            case QuotedResult.Closed:
                if (CodePointLength(content) > MaxAtomLength)
                {
                    Error(DiagnosticId.IllegalAtom, "illegal atom", _tokLine, _tokColumn, end);
                    return;
                }

                _pos = end;
                Emit(TokenKind.Atom, end, Intern(open, end), InternString(content));
                return;
            case QuotedResult.EndOfText:
                Unterminated(DiagnosticId.UnterminatedAtom, "atom", '\'', open, built, content);
                return;
        }
    }

    /// <summary>Set by <see cref="ScanQuoted"/> when the text ended inside an escape sequence.</summary>
    private bool _endInEscape;

    private static string ReverseCodePoints(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = text.Length - 1; i >= 0; i--)
        {
            if (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))
            {
                builder.Append(text[i - 1]).Append(text[i]);
                i--;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static int CodePointLength(string text)
    {
        int length = text.Length;
        if (length <= MaxAtomLength)
        {
            return length;
        }

        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// An unterminated string, atom or sigil string: "unterminated string starting with \"Head\"", Head the
    /// first 16 characters of the content (string:slice/3). The location is the opening delimiter before OTP 27
    /// and the character after it from OTP 27 (erl_scan scan_qstring); nothing after it is scanned.
    /// </summary>
    private void Unterminated(string id, string thing, char quote, int open, StringBuilder? built, string content)
    {
        string text = built is null ? content : built.ToString();
        if (_endInEscape && _tripleQuotesAndSigils)
        {
            // OTP 27's scan_string1 reverses the content when the text ends inside an escape, and string_head/1
            // reverses it again: the head is taken from the content backwards.
            text = ReverseCodePoints(text);
        }

        string head = StringHead(text);
        (int line, int column) = (_tokLine, _tokColumn);
        if (_tripleQuotesAndSigils)
        {
            column++;
        }

        Error(id, $"unterminated {thing} starting with {WriteString(head, quote)}", line, column, _end);
    }

    /// <summary>string:slice(Content, 0, 16): the first 16 grapheme clusters, here code points with \r\n as one.</summary>
    private static string StringHead(string content)
    {
        int clusters = 0;
        int i = 0;
        while (i < content.Length && clusters < 16)
        {
            if (content[i] == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
            {
                i += 2;
            }
            else if (char.IsHighSurrogate(content[i]) && i + 1 < content.Length && char.IsLowSurrogate(content[i + 1]))
            {
                i += 2;
            }
            else
            {
                i++;
            }

            clusters++;
        }

        return content[..i];
    }

    /// <summary>io_lib:write_string/2: the text quoted, with the quote, backslash and control characters escaped.</summary>
    internal static string WriteString(string text, char quote)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append(quote);
        foreach (char c in text)
        {
            switch (c)
            {
                case var q when q == quote: builder.Append('\\').Append(c); break;
                case '\\': builder.Append("\\\\"); break;
                case >= ' ' and <= '~': builder.Append(c); break;
                case >= '\u00A0': builder.Append(c); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\u001B': builder.Append("\\e"); break;
                case '\u007F': builder.Append("\\d"); break;
                default:
                    builder.Append('\\').Append((char)('0' + (c >> 6))).Append((char)('0' + ((c >> 3) & 7))).Append((char)('0' + (c & 7)));
                    break;
            }
        }

        builder.Append(quote);
        return builder.ToString();
    }
}
