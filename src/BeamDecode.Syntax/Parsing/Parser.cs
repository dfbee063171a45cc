using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Printing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The Erlang parser: the tokens of one form (as the preprocessor hands them over, ending with the full stop) to the
/// syntax model, equal to erl_parse:parse_form/1 of the same tokens (stdlib erl_parse.yrl, OTP 25 through 28),
/// annotations included: each node takes the location of the token erl_parse's rule takes (<c>?anno('$N')</c>), or
/// computes it as erl_parse's first_anno/last_anno do. A hand-written recursive descent over erl_parse's grammar,
/// with its operator precedences (<see cref="OperatorPrecedence"/>) resolved on an explicit operand stack.
/// Errors become diagnostics (erl_parse's messages) and an <see cref="ErrorMarkerForm"/>; nothing throws out.
/// An instance is not thread-safe; it may be reused for many forms.
/// </summary>
public sealed partial class Parser
{
    private static readonly Token EndToken = new(TokenKind.EndOfFile, default, "", null, 0, 0);

    private readonly ParserOptions _options;
    // The form's tokens as an array (an interface call per Peek cost a tenth of the parser's time) and how many.
    private Token[] _tokens = [];
    private int _count;
    private int _pos;
    private int _depth;
    private Token _end = EndToken;

    public Parser(ParserOptions? options = null) => _options = options ?? ParserOptions.Default;

    public ParserOptions Options => _options;

    /// <summary>erl_parse:parse_form/1: one form from its tokens (ending with the full stop).</summary>
    public static Form ParseForm(IReadOnlyList<Token> formTokens, List<Diagnostic> diagnostics, ParserOptions? options = null) =>
        new Parser(options).Parse(formTokens, diagnostics);

    /// <summary>erl_parse:parse_exprs/1: expressions separated by commas and ended by a full stop (for -if and
    /// tests); null after an error, which is added to <paramref name="diagnostics"/>.</summary>
    public static SyntaxList<Expr>? ParseExpressions(IReadOnlyList<Token> tokens, List<Diagnostic> diagnostics, ParserOptions? options = null) =>
        new Parser(options).ParseExprs(tokens, diagnostics);

    /// <summary>One form, see <see cref="ParseForm(IReadOnlyList{Token}, List{Diagnostic}, ParserOptions?)"/>.</summary>
    public Form Parse(IReadOnlyList<Token> formTokens, List<Diagnostic> diagnostics)
    {
        Start(formTokens);
        try
        {
            if (formTokens.Count == 0)
            {
                throw new ParseError(DiagnosticId.ParserNoForm, "no tokens to parse", EndToken);
            }

            Form form = Peek.IsSymbol("-") ? ParseAttribute() : ParseFunction();
            if (Peek.Kind != TokenKind.Dot)
            {
                throw SyntaxError(Peek);
            }

            return form;
        }
        catch (ParseError e)
        {
            var diagnostic = ToDiagnostic(e);
            diagnostics.Add(diagnostic);
            return new ErrorMarkerForm(false, diagnostic.Message) { Anno = new Anno(e.Token.Line, e.Token.Column) };
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>One form and its place in the text (<see cref="ParsedForm"/>).</summary>
    public ParsedForm ParseWithSpan(IReadOnlyList<Token> formTokens, List<Diagnostic> diagnostics)
    {
        var form = Parse(formTokens, diagnostics);
        if (formTokens.Count == 0)
        {
            return new ParsedForm(form, default, default, null, null);
        }

        // The form's own text runs from its first token to its full stop, in the file that holds the full stop. A
        // first token that came out of a macro expansion has the text of the macro's definition, but epp gives it
        // the line and column of the macro call's name (Token.FromMacro), which is where the form starts.
        Token last = formTokens[^1];
        Token first = formTokens[0];
        var source = last.Source;
        int start = first.Span.Start;
        if (source is not null && (first.FromMacro || !ReferenceEquals(first.Source, source)) && first.File == last.File
            && first.Line >= 1 && first.Line <= source.LineCount)
        {
            start = Math.Min(source.GetLineStart(first.Line) + Math.Max(first.Column - 1, 0), last.Span.Start);

            // epp's location is that of the macro's name: the form starts at the '?' (or '??') before it.
            int q = start - 1;
            while (q >= 0 && source[q] is ' ' or '\t')
            {
                q--;
            }

            while (q >= 0 && source[q] == '?')
            {
                start = q--;
            }
        }

        var span = TextSpan.FromBounds(start, Math.Max(start, last.Span.End));
        int fullStart = ReferenceEquals(first.Source, source) && !first.FromMacro && first.LeadingTrivia.Length > 0
            ? Math.Min(first.LeadingTrivia[0].Span.Start, span.Start)
            : span.Start;
        return new ParsedForm(form, span, TextSpan.FromBounds(fullStart, span.End), last.File, source);
    }

    private SyntaxList<Expr>? ParseExprs(IReadOnlyList<Token> tokens, List<Diagnostic> diagnostics)
    {
        Start(tokens);
        try
        {
            var exprs = ParseExprList();
            if (Peek.Kind != TokenKind.Dot)
            {
                throw SyntaxError(Peek);
            }

            return exprs;
        }
        catch (ParseError e)
        {
            diagnostics.Add(ToDiagnostic(e));
            return null;
        }
        finally
        {
            Finish();
        }
    }

    private void Start(IReadOnlyList<Token> tokens)
    {
        _tokens = tokens switch
        {
            ImmutableArray<Token> array => ImmutableCollectionsMarshal.AsArray(array) ?? [],
            Token[] array => array,
            _ => [.. tokens],
        };
        _count = _tokens.Length;
        // Past the last token erl_parse sees '$end' at the last token's location (yeccpre.hrl yeccpars1/7:
        // yecctoken_end_location/1, which is the token's own location when it has no text annotation), so a form
        // cut off without its full stop is reported there, not at line 0.
        _end = tokens.Count == 0 ? EndToken
            : new Token(TokenKind.EndOfFile, new TextSpan(tokens[^1].Span.End, 0), "", null, tokens[^1].Line, tokens[^1].Column)
            {
                Source = tokens[^1].Source,
                File = tokens[^1].File,
            };
        _pos = 0;
        _depth = 0;
    }

    private void Finish()
    {
        _tokens = [];
        _count = 0;
    }

    private Diagnostic ToDiagnostic(ParseError e)
    {
        string? file = e.Token.File ?? (e.Token.Source is { Path.Length: > 0 } s ? s.Path : null);
        return new Diagnostic(e.Id, e.Message, e.Line ?? e.Token.Line, e.Column ?? e.Token.Column, file);
    }

    // ---- token cursor ----

    private Token Peek => (uint)_pos < (uint)_count ? _tokens[_pos] : _end;

    private Token PeekAt(int offset) => _pos + offset < _count ? _tokens[_pos + offset] : _end;

    private Token Next()
    {
        var t = Peek;
        if (_pos < _count)
        {
            _pos++;
        }

        return t;
    }

    private bool IsNext(string symbol) => Peek.Kind == TokenKind.Symbol && Peek.Text == symbol;

    private bool Accept(string symbol)
    {
        if (IsNext(symbol))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private Token Expect(string symbol)
    {
        if (!IsNext(symbol))
        {
            throw SyntaxError(Peek);
        }

        return Next();
    }

    private Token Expect(TokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            throw SyntaxError(Peek);
        }

        return Next();
    }

    /// <summary>
    /// The anno of a token. A quoted atom spelled like a keyword of a configurable feature (<c>'maybe'</c>,
    /// <c>'else'</c> of maybe_expr) carries its text: epp scans with a text_fun that keeps it (epp.erl,
    /// keep_ftr_keywords/0) so the compiler can tell the atom from the keyword; the forms keep that anno. A token of
    /// a source <c>-file</c> attribute carries epp's generated flag (<see cref="Token.Generated"/>).
    /// </summary>
    private static Anno AnnoOf(Token t) => t.Kind == TokenKind.Atom && t.Text is "'maybe'" or "'else'"
        ? new Anno(t.Line, t.Column, t.Generated, Text: t.Text)
        : new Anno(t.Line, t.Column, t.Generated);

    private static string NameOf(Token t) => t.Value as string ?? t.Text;

    // ---- nesting ----

    private void Enter()
    {
        if (++_depth > _options.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ParseError(DiagnosticId.ParserNestingTooDeep, $"nesting deeper than {_options.MaxDepth} levels", Peek);
        }
    }

    private void Leave() => _depth--;

    // ---- errors ----

    /// <summary>yeccerror/1: "syntax error before: " and the token as yecctoken2string writes it.</summary>
    private static ParseError SyntaxError(Token t) =>
        new(DiagnosticId.ParserSyntaxError, "syntax error before: " + TokenText(t), t);

    private static string TokenText(Token t) => t.Kind switch
    {
        TokenKind.Atom => ErlangLiterals.Atom(NameOf(t)),
        TokenKind.Var => NameOf(t),
        TokenKind.Integer when t.Value is BigInteger i => ErlangLiterals.Integer(i),
        TokenKind.Float when t.Value is double d => ErlangLiterals.Float(d),
        TokenKind.Char when t.Value is int c => ErlangLiterals.Char(c),
        TokenKind.String => ErlangLiterals.String(StringExpr.From(NameOf(t)).Chars.Items),
        TokenKind.Dot => "'.'",
        TokenKind.EndOfFile => "",
        TokenKind.Symbol => ErlangLiterals.Atom(t.Text),
        _ => t.Text,
    };

    private static ParseError Error(string id, string message, Token at) => new(id, message, at);

    private static ParseError Error(string id, string message, SyntaxNode at, Token fallback)
    {
        var anno = at.Anno;
        return new ParseError(id, message, fallback) { Line = anno?.Line, Column = anno?.Column };
    }

    /// <summary>An erl_parse error (return_error/2) unwinding to the form.</summary>
    private sealed class ParseError(string id, string message, Token token) : Exception(message)
    {
        public string Id { get; } = id;

        public Token Token { get; } = token;

        public int? Line { get; init; }

        public int? Column { get; init; }
    }
}
