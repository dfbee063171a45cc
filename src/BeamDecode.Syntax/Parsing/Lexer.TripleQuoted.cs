using System.Text;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>OTP 27+: strings (with the check for adjacent literals), sigils and triple-quoted strings (erl_scan of
/// OTP 27: scan_string, scan_sigil_prefix, scan_qstring, scan_vstring, scan_tqstring, scan_sigil_suffix,
/// scan_string_concat).</summary>
public sealed partial class Lexer
{
    /// <summary>scan_sigil_prefix: <c>~</c> and a name (the sigil type) directly before a string.</summary>
    private void ScanSigil()
    {
        int nameEnd = NameEnd(_pos + 1);
        if (nameEnd - (_pos + 1) > MaxAtomLength)
        {
            Error(DiagnosticId.IllegalSigil, "illegal sigil_prefix", _tokLine, _tokColumn, nameEnd);
            return;
        }

        string name = Intern(_pos + 1, nameEnd);
        _pos = nameEnd;
        Emit(TokenKind.SigilPrefix, nameEnd, _text.Substring(_tokStart, nameEnd - _tokStart), name);
        ScanSigilString(nameEnd, name);
    }

    /// <summary>string_right_delimiter/1.</summary>
    private static int RightDelimiter(char c) => c switch
    {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '<' => '>',
        '/' or '|' or '#' or '`' or '\'' or '"' => c,
        _ => -1,
    };

    /// <summary>scan_string of OTP 27: the string after a sigil prefix (<paramref name="sigil"/>) or a plain
    /// string (null), triple-quoted when it starts with three double quotes.</summary>
    private void ScanSigilString(int pos, string? sigil)
    {
        BeginToken(pos);
        if (pos + 2 < _end && _text[pos] == '"' && _text[pos + 1] == '"' && _text[pos + 2] == '"')
        {
            ScanTripleQuoted(pos, sigil);
            return;
        }

        int close = pos < _end ? RightDelimiter(_text[pos]) : -1;
        if (close < 0)
        {
            // {illegal,string} at the character after the prefix; scanning goes on from it.
            Error(DiagnosticId.IllegalString, "illegal string", _tokLine, _tokColumn, pos < _end ? pos : _end);
            return;
        }

        bool escapes = sigil is null or "" or "b" or "s";
        switch (ScanQuoted(pos + 1, (char)close, escapes, out int end, out StringBuilder? built, out string content))
        {
            case QuotedResult.Closed:
                _pos = end;
                Emit(TokenKind.String, end, _text.Substring(pos, end - pos), content);
                ScanSigilSuffix(end, sigil);
                return;
            case QuotedResult.EndOfText:
                string thing = sigil is null ? "string" : $"~{sigil}{_text[pos]}{(char)close} sigil string";
                Unterminated(DiagnosticId.UnterminatedString, thing, '"', pos, built, content);
                return;
        }
    }

    /// <summary>scan_sigil_suffix and scan_string_concat: after a sigil string, its modifier letters (a
    /// sigil_suffix token, "" when none); after a plain string or a sigil without modifiers, a '"' right after is
    /// an error (string_concat) at that place, and scanning goes on from the '"'.</summary>
    private void ScanSigilSuffix(int pos, string? sigil)
    {
        BeginToken(pos);
        if (sigil is not null)
        {
            int nameEnd = NameEnd(pos);
            if (nameEnd - pos > MaxAtomLength)
            {
                Error(DiagnosticId.IllegalSigil, "illegal sigil_suffix", _tokLine, _tokColumn, nameEnd);
                return;
            }

            string suffix = Intern(pos, nameEnd);
            _pos = nameEnd;
            Emit(TokenKind.SigilSuffix, nameEnd, suffix, suffix);
            if (suffix.Length > 0)
            {
                return;
            }
        }

        if (_pos < _end && _text[_pos] == '"')
        {
            BeginToken(_pos);
            Error(DiagnosticId.AdjacentStringLiterals, "adjacent string literals without intervening white space",
                _tokLine, _tokColumn, _pos);
        }
    }

    /// <summary>
    /// scan_tqstring: three or more double quotes, only white space up to the end of that line, content lines,
    /// and a closing line of white space (the indentation every content line must start with, stripped) and the
    /// same number of quotes. Verbatim except after <c>~b</c> and <c>~s</c>.
    /// </summary>
    private void ScanTripleQuoted(int open, string? sigil)
    {
        int quotes = 0;
        while (open + quotes < _end && _text[open + quotes] == '"')
        {
            quotes++;
        }

        bool verbatim = sigil is not ("b" or "s");
        var lines = new List<(string Text, int Start)>();
        var acc = new StringBuilder();
        int pos = open + quotes;
        int lineStart = pos;
        int searching = -1; // erl_scan's Qn: quotes still to see for the end, -1 when not searching on this line
        bool closed = false;
        while (pos < _end)
        {
            char c = _text[pos];
            if (c == '\n')
            {
                acc.Append('\n');
                lines.Add((acc.ToString(), lineStart));
                acc.Clear();
                pos++;
                lineStart = pos;
                searching = quotes;
                continue;
            }

            if (c == '"' && searching > 0)
            {
                acc.Append('"');
                pos++;
                if (searching == 1)
                {
                    closed = true;
                    break;
                }

                searching--;
                continue;
            }

            if (IsWhiteSpace(c) && searching > 0)
            {
                acc.Append(c);
                pos++;
                if (searching != quotes)
                {
                    searching = -1;
                }

                continue;
            }

            if (c == '\\' && !verbatim)
            {
                switch (DecodeEscape(pos + 1, out int value, out int next, out int errorPos))
                {
                    case EscapeResult.EndOfText:
                        pos = _end;
                        continue;
                    case EscapeResult.Error:
                        TripleQuotedError(DiagnosticId.IllegalCharacter, "illegal character", errorPos, quotes, next);
                        return;
                }

                if (_text[pos + 1] == '\n')
                {
                    // An escaped newline counts as a newline: a new line starts, where the end may be.
                    acc.Append('\n');
                    lines.Add((acc.ToString(), lineStart));
                    acc.Clear();
                    lineStart = next;
                    searching = quotes;
                }
                else
                {
                    AppendCodePoint(acc, value);
                    searching = -1;
                }

                pos = next;
                continue;
            }

            int cp = CodePointAt(pos, out int width);
            if (!IsUnicode(cp))
            {
                TripleQuotedError(DiagnosticId.IllegalCharacter, "illegal character", pos, quotes, pos + width);
                return;
            }

            acc.Append(_text, pos, width);
            searching = -1;
            pos += width;
        }

        if (!closed)
        {
            var all = new StringBuilder();
            foreach ((string text, _) in lines)
            {
                all.Append(text);
            }

            all.Append(acc);
            string thing = sigil is null ? "triple-quoted string" : $"triple-quoted ~{sigil} sigil string";
            string head = StringHead(all.ToString());
            (int line, int column) = (_tokLine, _tokColumn);
            Error(DiagnosticId.UnterminatedString, $"unterminated {thing} starting with {WriteString(head, '"')}",
                line, column + quotes, _end);
            return;
        }

        FinishTripleQuoted(open, quotes, pos, lines, acc.ToString(0, acc.Length - quotes), sigil);
    }

    /// <summary>scan_tqstring_finish and tqstring_finish: check the first line, strip the indentation, emit.</summary>
    private void FinishTripleQuoted(int open, int quotes, int end, List<(string Text, int Start)> lines, string indent,
        string? sigil)
    {
        if (lines.Count > 1)
        {
            lines[^1] = (StripNewline(lines[^1].Text), lines[^1].Start);
        }

        string first = StripNewline(lines[0].Text);
        int spaces = 0;
        while (spaces < first.Length && IsWhiteSpace(first[spaces]))
        {
            spaces++;
        }

        if (spaces < first.Length)
        {
            (int line, int column) = (_tokLine, _tokColumn);
            Error(DiagnosticId.TripleQuoteNotWhiteSpace, "not white space after start of triple-quoted string",
                line, column + quotes + spaces, end);
            return;
        }

        var content = new StringBuilder();
        for (int i = 1; i < lines.Count; i++)
        {
            string text = lines[i].Text;
            if (text.Length == 0 || text[0] == '\n' || (text[0] == '\r' && text.Length > 1 && text[1] == '\n'))
            {
                content.Append(text);
                continue;
            }

            int matched = 0;
            while (matched < indent.Length && matched < text.Length && text[matched] == indent[matched])
            {
                matched++;
            }

            if (matched < indent.Length)
            {
                // The first line with bad indentation is reported, at the first character that differs.
                (int line, _) = Locate(lines[i].Start);
                Error(DiagnosticId.BadIndentation, "bad indentation in triple-quoted string", line, matched + 1, end);
                return;
            }

            content.Append(text, matched, text.Length - matched);
        }

        _pos = end;
        Emit(TokenKind.String, end, _text.Substring(open, end - open), content.ToString());
        ScanSigilSuffix(end, sigil);
    }

    private static string StripNewline(string line) =>
        line.EndsWith("\r\n", StringComparison.Ordinal) ? line[..^2]
        : line.EndsWith('\n') ? line[..^1]
        : line;

    /// <summary>An error inside a triple-quoted string. On the opening line erl_scan counts columns from the
    /// opening quote plus 3 whatever the number of quotes (scan_tqstring), which this repeats, for the error and,
    /// as erl_scan goes on from the column of its error's end, for the rest of that line.</summary>
    private void TripleQuotedError(string id, string message, int errorPos, int quotes, int rest)
    {
        (int line, int column) = Locate(errorPos);
        if (line == _tokLine && quotes > 3)
        {
            column -= quotes - 3;
            ShiftColumns(line, -(quotes - 3));
        }

        Error(id, message, line, column, rest);
    }
}
