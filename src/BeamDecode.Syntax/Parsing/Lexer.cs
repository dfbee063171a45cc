using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The Erlang lexer: the tokens, values, lines and columns of <c>erl_scan:string(Text, {1,1}, [])</c> (stdlib
/// erl_scan.erl), with the white space and comments kept as trivia so the tokens give the text back exactly.
/// Errors become diagnostics (BD0500-BD0519) at the location erl_scan reports, and scanning goes on where
/// erl_scan's continuation goes on (the "rest" of its error result), as epp does form after form; the text an
/// error covers becomes a <see cref="TokenKind.Bad"/> token (one per diagnostic, in order; empty when the error
/// covers no text). Never throws on any input; linear time.
/// </summary>
/// <remarks>
/// Use <see cref="Scan(SourceText, LexerOptions, List{Diagnostic})"/> for a whole file, or create a lexer and pull
/// tokens with <see cref="Next"/> (the preprocessor can change <see cref="Options"/> between tokens, e.g. after
/// <c>-feature(maybe_expr, enable).</c>). A fragment (a macro body given with -D) can be scanned from any
/// position and start location.
/// </remarks>
public sealed partial class Lexer
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly int _start;
    private readonly int _end;
    private readonly List<Diagnostic> _diagnostics;
    private readonly string? _file;

    // The scanner's position, and where the trivia of the next token starts (after the previous token's trailing trivia).
    private int _pos;
    private int _triviaStart;

    // Tokens scanned but not yet returned (a sigil gives three tokens at once).
    private readonly Queue<RawToken> _queue = new();
    private bool _atEnd;

    // Incremental location: the line and column of _locPos (lines relative to the start line).
    private int _locPos;
    private int _locLine;
    private int _locColumn;
    private readonly int _startLine;
    private readonly int _startColumn;

    // The location of the token being scanned.
    private int _tokStart;
    private int _tokLine;
    private int _tokColumn;


    /// <summary>Creates a lexer over the whole text, starting at line 1, column 1.</summary>
    public Lexer(SourceText source, LexerOptions options, List<Diagnostic> diagnostics)
        : this(source, 0, source.Length, 1, 1, options, diagnostics)
    {
    }

    /// <summary>
    /// Creates a lexer over <paramref name="length"/> characters from <paramref name="start"/>, the first of which
    /// is at <paramref name="line"/> and <paramref name="column"/> (as <c>erl_scan:string(Text, {Line, Column})</c>).
    /// </summary>
    public Lexer(SourceText source, int start, int length, int line, int column, LexerOptions options,
        List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, source.Length);
        _source = source;
        _text = source.Text;
        _start = start;
        _end = start + length;
        _pos = start;
        _triviaStart = start;
        _locPos = start;
        _startLine = line;
        _startColumn = Math.Max(1, column);
        Options = options;
        _diagnostics = diagnostics;
        _file = source.Path.Length == 0 ? null : source.Path;
    }

    /// <summary>The release and features in effect; may be changed between tokens.</summary>
    public LexerOptions Options
    {
        get => _options;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _options = value;
            _maybeReserved = value.Features.Contains(LexerOptions.MaybeExpr);
            _tripleQuotesAndSigils = value.HasTripleQuotesAndSigils;
            _strictAndZipGenerators = value.HasStrictAndZipGenerators;
            _maybeOperator = value.OtpRelease >= 25;
            _digitSeparators = value.OtpRelease >= 23;
        }
    }

    // The options as the hot loop reads them (an ImmutableHashSet lookup per atom would cost).
    private LexerOptions _options = LexerOptions.Default;
    private bool _maybeReserved;
    private bool _tripleQuotesAndSigils;
    private bool _strictAndZipGenerators;
    private bool _maybeOperator;
    private bool _digitSeparators;

    /// <summary>Scans a whole text: every token, the last being <see cref="TokenKind.EndOfFile"/>.</summary>
    public static ImmutableArray<Token> Scan(SourceText text, LexerOptions options, List<Diagnostic> diagnostics)
    {
        var lexer = new Lexer(text, options, diagnostics);
        return lexer.ScanToEnd();
    }

    /// <summary>Scans a fragment of a text that starts at the given location (e.g. the value of a -D macro).</summary>
    public static ImmutableArray<Token> Scan(SourceText text, int start, int length, int line, int column,
        LexerOptions options, List<Diagnostic> diagnostics)
    {
        var lexer = new Lexer(text, start, length, line, column, options, diagnostics);
        return lexer.ScanToEnd();
    }

    /// <summary>Scans the rest of the text, end of file included.</summary>
    public ImmutableArray<Token> ScanToEnd()
    {
        // Gathered in a buffer kept per thread, then copied once to an array of the exact size (a builder sized by a
        // guess either grows or is copied at the end: three token arrays per file where one will do).
        Token[] buffer = t_scratch ?? new Token[4096];
        t_scratch = null;
        int count = 0;
        try
        {
            while (true)
            {
                Token token = Next();
                if (count == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                buffer[count++] = token;
                if (token.Kind == TokenKind.EndOfFile)
                {
                    return ImmutableCollectionsMarshal.AsImmutableArray(buffer.AsSpan(0, count).ToArray());
                }
            }
        }
        finally
        {
            // Cleared so the buffer holds no tokens alive; a huge one is not kept.
            Array.Clear(buffer, 0, count);
            if (buffer.Length <= MaxScratch)
            {
                t_scratch = buffer;
            }
        }
    }

    private const int MaxScratch = 1 << 20;

    [ThreadStatic]
    private static Token[]? t_scratch;

    /// <summary>The next token with its trivia; after the end, <see cref="TokenKind.EndOfFile"/> again and again.</summary>
    public Token Next()
    {
        if (_queue.Count == 0)
        {
            if (_atEnd)
            {
                return MakeEndOfFile(_end, _end);
            }

            ScanRaw();
        }

        RawToken raw = _queue.Dequeue();
        if (raw.Kind == TokenKind.EndOfFile)
        {
            _atEnd = true;
            int triviaStart = _triviaStart;
            _triviaStart = _end;
            return MakeEndOfFile(triviaStart, _end);
        }

        int leadingStart = _triviaStart;
        // A token followed directly by another of the same scan (an empty sigil suffix) leaves the trivia to it.
        int trailingEnd = _queue.Count > 0 && _queue.Peek().Start <= raw.End ? raw.End : TrailingTriviaEnd(raw.End);
        _triviaStart = trailingEnd;

        // The trivia arrays are made from these bounds when first asked for (Token.LeadingTrivia).
        return new Token(raw.Kind, TextSpan.FromBounds(raw.Start, raw.End), raw.Text, raw.Value, raw.Line, raw.Column)
        {
            Source = _source,
            LeadingTriviaStart = leadingStart,
            TrailingTriviaEnd = trailingEnd,
        };
    }

    private Token MakeEndOfFile(int triviaStart, int end)
    {
        (int line, int column) = Locate(end);
        return new Token(TokenKind.EndOfFile, new TextSpan(end, 0), "", null, line, column)
        {
            Source = _source,
            LeadingTriviaStart = triviaStart,
            TrailingTriviaEnd = end,
        };
    }

    /// <summary>A token as the scanner finds it, before its trivia is attached.</summary>
    private readonly record struct RawToken(TokenKind Kind, int Start, int End, string Text, object? Value, int Line, int Column);

    /// <summary>erl_scan's ?WHITE_SPACE: NUL to space and \200 to \240 (NBSP).</summary>
    internal static bool IsWhiteSpace(int c) => c <= ' ' || (c >= 0x80 && c <= 0xA0);

    internal static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    /// <summary>erl_scan's ?UNICODE: a code point that is not a surrogate, U+FFFE or U+FFFF.</summary>
    internal static bool IsUnicode(int c) =>
        (c >= 0 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE) || (c > 0xFFFF && c <= 0x10FFFF);

    /// <summary>erl_scan's scan_name: the characters of an unquoted atom or variable after the first.</summary>
    internal static bool IsNameChar(int c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || IsDigit(c) || c == '@'
        || (c >= 0xDF && c <= 0xFF && c != 0xF7) || (c >= 0xC0 && c <= 0xDE && c != 0xD7);

    /// <summary>The code point at a position (a surrogate pair read as one), and how many chars it takes.</summary>
    private int CodePointAt(int pos, out int width)
    {
        char c = _text[pos];
        if (char.IsHighSurrogate(c) && pos + 1 < _end && char.IsLowSurrogate(_text[pos + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, _text[pos + 1]);
        }

        width = 1;
        return c;
    }

    private int Peek(int offset) => _pos + offset < _end ? _text[_pos + offset] : -1;

    /// <summary>The line and column of a position: lines count \n, columns count code points (erl_scan counts
    /// list elements: a tab or \r is one column). Forward moves are incremental, so the whole scan is linear.</summary>
    private (int Line, int Column) Locate(int pos)
    {
        if (pos < _locPos)
        {
            // Back to the start of the line that holds pos (rare: only some error locations go back).
            int startLine = _source.GetLine(_start);
            int lineOfPos = _source.GetLine(pos);
            _locLine = lineOfPos - startLine;
            _locPos = _locLine == 0 ? _start : _source.GetLineStart(lineOfPos);
            _locColumn = 0;
        }

        for (int i = _locPos; i < pos; i++)
        {
            char c = _text[i];
            if (c == '\n')
            {
                _locLine++;
                _locColumn = 0;
            }
            else if (!(char.IsLowSurrogate(c) && i > _start && char.IsHighSurrogate(_text[i - 1])))
            {
                _locColumn++;
            }
        }

        _locPos = pos;
        int line = _startLine + _locLine;
        int column = _locLine == 0 ? _startColumn + _locColumn : 1 + _locColumn;
        return (line, line == _shiftLine ? column + _shift : column);
    }

    // erl_scan's column can lag behind the text for the rest of a line (see TripleQuotedError): the line and by how much.
    private int _shiftLine = int.MinValue;
    private int _shift;

    /// <summary>Makes the columns of the rest of a line differ from the text's by <paramref name="shift"/> more.</summary>
    private void ShiftColumns(int line, int shift)
    {
        if (line != _shiftLine)
        {
            _shiftLine = line;
            _shift = 0;
        }

        _shift += shift;
    }

    /// <summary>The end of a comment whose text starts at <paramref name="pos"/> (the \n or the end), and the
    /// position of the first character erl_scan's skip_comment refuses (not ?UNICODE), or -1.</summary>
    private int CommentEnd(int pos, out int bad)
    {
        bad = -1;
        for (; pos < _end; pos++)
        {
            char c = _text[pos];
            if (c == '\n')
            {
                return pos;
            }

            if (c >= 0xD800 && (char.IsSurrogate(c) || c >= 0xFFFE))
            {
                int cp = CodePointAt(pos, out int width);
                if (!IsUnicode(cp))
                {
                    bad = pos;
                    return pos;
                }

                pos += width - 1;
            }
        }

        return pos;
    }

    private void BeginToken(int start)
    {
        _tokStart = start;
        (_tokLine, _tokColumn) = Locate(start);
    }

    private void Emit(TokenKind kind, int end, string text, object? value) =>
        _queue.Enqueue(new RawToken(kind, _tokStart, end, text, value, _tokLine, _tokColumn));

    private void EmitAt(TokenKind kind, int start, int end, string text, object? value)
    {
        (int line, int column) = Locate(start);
        _queue.Enqueue(new RawToken(kind, start, end, text, value, line, column));
    }

    /// <summary>
    /// Reports an erl_scan error at a location, makes the text from the token start to where erl_scan goes on
    /// (<paramref name="rest"/>, its continuation) a bad token (empty, at the rest, when the error covers no
    /// text: adjacent strings, a sigil prefix without a string), and moves there. So every diagnostic has one
    /// bad token, in the same order, ending where erl_scan's rest starts: the preprocessor can drop the form's
    /// tokens before it, as epp does with an error of io:scan_erl_form.
    /// </summary>
    private void Error(string id, string message, int line, int column, int rest)
    {
        _diagnostics.Add(new Diagnostic(id, message, line, column, _file));
        if (rest > _tokStart)
        {
            Emit(TokenKind.Bad, rest, _text.Substring(_tokStart, rest - _tokStart), null);
        }
        else
        {
            EmitAt(TokenKind.Bad, rest, rest, "", null);
        }

        _pos = rest;
    }

    private void ErrorAt(string id, string message, int errorPos, int rest)
    {
        (int line, int column) = Locate(errorPos);
        Error(id, message, line, column, rest);
    }

    /// <summary>Where the trailing trivia after a token ends: white space and a comment up to and including the
    /// end of the line.</summary>
    private int TrailingTriviaEnd(int pos)
    {
        while (pos < _end)
        {
            char c = _text[pos];
            if (c == '\n')
            {
                return pos + 1;
            }

            if (c == '%')
            {
                // A comment with a character erl_scan refuses is a bad token, not trivia (see SkipComment).
                int commentEnd = CommentEnd(pos + 1, out int bad);
                if (bad >= 0)
                {
                    return pos;
                }

                return commentEnd < _end ? commentEnd + 1 : _end;
            }

            if (!IsWhiteSpace(c))
            {
                return pos;
            }

            pos++;
        }

        return pos;
    }

    /// <summary>Splits text the lexer found to hold only white space and comments into trivia: a comment runs to
    /// the end of its line (the \n not included); white space runs end after each \n.</summary>
    internal static ImmutableArray<Trivia> SplitTrivia(SourceText? source, int start, int end)
    {
        if (source is null || start < 0 || start >= end || end > source.Length)
        {
            return ImmutableArray<Trivia>.Empty;
        }

        string text = source.Text;

        // The common case, one run of white space with no newline inside: no list, one exact array.
        char first = text[start];
        if (first != '%')
        {
            int newline = text.IndexOfAny(NewlineOrPercent, start, end - start);
            if (newline < 0 || (newline == end - 1 && text[newline] == '\n'))
            {
                return ImmutableCollectionsMarshal.AsImmutableArray(
                    new[] { new Trivia(TriviaKind.WhiteSpace, TextSpan.FromBounds(start, end)) });
            }
        }

        var buffer = new List<Trivia>();
        int pos = start;
        while (pos < end)
        {
            int from = pos;
            if (text[pos] == '%')
            {
                int newline = text.IndexOf('\n', pos, end - pos);
                pos = newline < 0 ? end : newline;
                buffer.Add(new Trivia(TriviaKind.Comment, TextSpan.FromBounds(from, pos)));
                continue;
            }

            while (pos < end && text[pos] != '%')
            {
                if (text[pos++] == '\n')
                {
                    break;
                }
            }

            buffer.Add(new Trivia(TriviaKind.WhiteSpace, TextSpan.FromBounds(from, pos)));
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(buffer.ToArray());
    }

    private static readonly char[] NewlineOrPercent = ['\n', '%'];
}
