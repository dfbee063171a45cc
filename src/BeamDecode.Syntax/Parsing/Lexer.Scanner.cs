using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>The main dispatch of erl_scan's scan1/5: white space, comments, names, operators and punctuation.</summary>
public sealed partial class Lexer
{
    /// <summary>Scans past trivia to the next token(s) and queues them (at least one, end of file last).</summary>
    private void ScanRaw()
    {
        while (_queue.Count == 0)
        {
            if (_pos >= _end)
            {
                BeginToken(_end);
                Emit(TokenKind.EndOfFile, _end, "", null);
                return;
            }

            char c = _text[_pos];
            if (IsWhiteSpace(c))
            {
                _pos++;
                continue;
            }

            if (c == '%')
            {
                SkipComment();
                continue;
            }

            BeginToken(_pos);
            ScanToken(c);
        }
    }

    /// <summary>erl_scan skip_comment: a comment runs to the \n; a character that is not ?UNICODE in it is an
    /// illegal character reported at the comment's start, and scanning goes on after it.</summary>
    private void SkipComment()
    {
        int end = CommentEnd(_pos + 1, out int bad);
        if (bad < 0)
        {
            _pos = end;
            return;
        }

        BeginToken(_pos);
        CodePointAt(bad, out int width);
        Error(DiagnosticId.IllegalCharacter, "illegal character", _tokLine, _tokColumn, bad + width);
    }

    private void ScanToken(char c)
    {
        switch (c)
        {
            case ',': Symbol(1, ","); return;
            case '(': Symbol(1, "("); return;
            case ')': Symbol(1, ")"); return;
            case '{': Symbol(1, "{"); return;
            case '}': Symbol(1, "}"); return;
            case '[': Symbol(1, "["); return;
            case ']': Symbol(1, "]"); return;
            case ';': Symbol(1, ";"); return;
            case '_': ScanVariable(); return;
            case '.': ScanDot(); return;
            case '\'': ScanQuotedAtom(); return;
            case '"':
                if (_tripleQuotesAndSigils)
                {
                    ScanSigilString(_pos, null);
                }
                else
                {
                    ScanString();
                }

                return;
            case '~':
                if (_tripleQuotesAndSigils)
                {
                    ScanSigil();
                }
                else
                {
                    Symbol(1, "~");
                }

                return;
            case '$': ScanChar(); return;
            case '?':
                if (_maybeOperator)
                {
                    Symbol2('=', "?=", "?");
                }
                else
                {
                    Symbol(1, "?");
                }

                return;
            case '<':
                if (_strictAndZipGenerators && Peek(1) == ':' && Peek(2) == '-')
                {
                    Symbol(3, "<:-");
                }
                else if (_strictAndZipGenerators && Peek(1) == ':' && Peek(2) == '=')
                {
                    Symbol(3, "<:=");
                }
                else
                {
                    switch (Peek(1))
                    {
                        case '<': Symbol(2, "<<"); break;
                        case '-': Symbol(2, "<-"); break;
                        case '=': Symbol(2, "<="); break;
                        default: Symbol(1, "<"); break;
                    }
                }

                return;
            case '>':
                switch (Peek(1))
                {
                    case '>': Symbol(2, ">>"); break;
                    case '=': Symbol(2, ">="); break;
                    default: Symbol(1, ">"); break;
                }

                return;
            case '-':
                switch (Peek(1))
                {
                    case '>': Symbol(2, "->"); break;
                    case '-': Symbol(2, "--"); break;
                    default: Symbol(1, "-"); break;
                }

                return;
            case '+': Symbol2('+', "++", "+"); return;
            case '=':
                if (Peek(1) == ':' && Peek(2) == '=')
                {
                    Symbol(3, "=:=");
                }
                else if (Peek(1) == '/' && Peek(2) == '=')
                {
                    Symbol(3, "=/=");
                }
                else
                {
                    switch (Peek(1))
                    {
                        case '<': Symbol(2, "=<"); break;
                        case '>': Symbol(2, "=>"); break;
                        case '=': Symbol(2, "=="); break;
                        default: Symbol(1, "="); break;
                    }
                }

                return;
            case '/': Symbol2('=', "/=", "/"); return;
            case '|': Symbol2('|', "||", "|"); return;
            case ':':
                switch (Peek(1))
                {
                    case '=': Symbol(2, ":="); break;
                    case ':': Symbol(2, "::"); break;
                    default: Symbol(1, ":"); break;
                }

                return;
            case '&':
                if (_strictAndZipGenerators && Peek(1) == '&')
                {
                    Symbol(2, "&&");
                }
                else
                {
                    Symbol(1, "&");
                }

                return;
        }

        if (c >= 'a' && c <= 'z')
        {
            ScanAtom();
        }
        else if (c >= 'A' && c <= 'Z')
        {
            ScanVariable();
        }
        else if (IsDigit(c))
        {
            ScanNumber();
        }
        else if (c >= 0xDF && c <= 0xFF && c != 0xF7)
        {
            ScanAtom();
        }
        else if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        {
            ScanVariable();
        }
        else if (c <= 0xFF)
        {
            // ?UNI255: any other Latin-1 character is a punctuation token of its own (erl_scan: list_to_atom([C])).
            Symbol(1, SingleCharSymbols[c]);
        }
        else
        {
            CodePointAt(_pos, out int width);
            Error(DiagnosticId.IllegalCharacter, "illegal character", _tokLine, _tokColumn, _pos + width);
        }
    }

    private static readonly string[] SingleCharSymbols = MakeSingleCharSymbols();

    private static string[] MakeSingleCharSymbols()
    {
        var symbols = new string[256];
        for (int i = 0; i < symbols.Length; i++)
        {
            symbols[i] = string.Intern(((char)i).ToString());
        }

        return symbols;
    }

    private void Symbol(int length, string symbol)
    {
        _pos += length;
        Emit(TokenKind.Symbol, _pos, symbol, null);
    }

    private void Symbol2(char second, string two, string one)
    {
        if (Peek(1) == second)
        {
            Symbol(2, two);
        }
        else
        {
            Symbol(1, one);
        }
    }

    /// <summary>erl_scan scan_dot: "..." and ".." are symbols; a '.' followed by white space, a '%' or the end is a
    /// dot (the white space char is trivia here); any other '.' is the symbol '.'.</summary>
    private void ScanDot()
    {
        if (Peek(1) == '.')
        {
            Symbol(Peek(2) == '.' ? 3 : 2, Peek(2) == '.' ? "..." : "..");
            return;
        }

        int next = Peek(1);
        _pos++;
        if (next < 0 || next == '%' || IsWhiteSpace(next))
        {
            Emit(TokenKind.Dot, _pos, ".", null);
        }
        else
        {
            Emit(TokenKind.Symbol, _pos, ".", null);
        }
    }

    /// <summary>The end of a name (scan_name) that starts at <paramref name="pos"/>.</summary>
    private int NameEnd(int pos)
    {
        while (pos < _end && IsNameChar(_text[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>scan_atom: an unquoted atom, or a reserved word (its own category).</summary>
    private void ScanAtom()
    {
        int end = NameEnd(_pos + 1);
        if (end - _pos > MaxAtomLength)
        {
            Error(DiagnosticId.IllegalAtom, "illegal atom", _tokLine, _tokColumn, end);
            return;
        }

        string name = Intern(_pos, end);
        _pos = end;
        if (LexerOptions.IsFixedReservedWord(name) || (_maybeReserved && name is "maybe" or "else"))
        {
            Emit(TokenKind.Symbol, end, name, null);
        }
        else
        {
            Emit(TokenKind.Atom, end, name, name);
        }
    }

    /// <summary>scan_variable.</summary>
    private void ScanVariable()
    {
        int end = NameEnd(_pos + 1);
        if (end - _pos > MaxAtomLength)
        {
            Error(DiagnosticId.IllegalVariable, "illegal var", _tokLine, _tokColumn, end);
            return;
        }

        string name = Intern(_pos, end);
        _pos = end;
        Emit(TokenKind.Var, end, name, name);
    }

    /// <summary>list_to_atom/1 refuses more than 255 characters (system_limit), which erl_scan reports as illegal.</summary>
    private const int MaxAtomLength = 255;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>? _nameLookup;

    private string InternString(string text)
    {
        if (!_names.TryGetValue(text, out string? name))
        {
            _names.Add(text, text);
            name = text;
        }

        return name;
    }

    /// <summary>One string per distinct name in the file, so atoms and variables do not allocate per occurrence.</summary>
    private string Intern(int start, int end)
    {
        var lookup = _nameLookup ??= _names.GetAlternateLookup<ReadOnlySpan<char>>();
        ReadOnlySpan<char> span = _text.AsSpan(start, end - start);
        if (!lookup.TryGetValue(span, out string? name))
        {
            name = span.ToString();
            _names.Add(name, name);
        }

        return name;
    }
}
