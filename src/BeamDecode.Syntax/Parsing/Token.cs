using System.Collections.Immutable;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// One token of Erlang source, as erl_scan returns it, plus its exact place in the text and the trivia around it
/// (Roslyn's SyntaxToken). Concatenating, for every token of a file in order, leading trivia + token text +
/// trailing trivia gives back the file exactly. Trailing trivia runs up to and including the end of the line;
/// everything else before a token is its leading trivia.
/// </summary>
/// <param name="Kind">The token category.</param>
/// <param name="Span">Where the token's own text is in <see cref="Source"/>.</param>
/// <param name="Text">For <see cref="TokenKind.Symbol"/>, erl_scan's category (the symbol, e.g. <c>case</c>, <c>-&gt;</c>,
/// <c>=:=</c>); for other kinds the source text of the token.</param>
/// <param name="Value">The scanned value: string for atoms, variables, strings and sigils, int for chars,
/// BigInteger for integers, double for floats; null for symbols, dot, end of file and bad tokens.</param>
/// <param name="Line">1-based line, as in the erl_scan annotation.</param>
/// <param name="Column">1-based column, as in the erl_scan annotation.</param>
public sealed record Token(
    TokenKind Kind,
    TextSpan Span,
    string Text,
    object? Value,
    int Line,
    int Column)
{
    /// <summary>The text the token was scanned from (null for tokens made by the preprocessor).</summary>
    public SourceText? Source { get; init; }

    // Set by init, or computed on first use from the source between the lexer's trivia bounds (so scanning a file
    // allocates no trivia arrays: they were a fifth of the lexer's time).
    // Both in one object made when first needed, so a token is a field smaller (most tokens never need their
    // trivia as arrays). Never changed once made: a copy made with `with` shares it, and gets a new one to change it.
    private TriviaPair? _trivia;

    /// <summary>Trivia before the token.</summary>
    public ImmutableArray<Trivia> LeadingTrivia
    {
        get
        {
            if (_trivia is { Leading.IsDefault: false } known)
            {
                return known.Leading;
            }

            ImmutableArray<Trivia> leading = Lexer.SplitTrivia(Source, LeadingTriviaStart, Span.Start);
            _trivia = new TriviaPair(leading, _trivia?.Trailing ?? default);
            return leading;
        }

        init => _trivia = new TriviaPair(value, _trivia?.Trailing ?? default);
    }

    /// <summary>Trivia after the token, up to the end of its line.</summary>
    public ImmutableArray<Trivia> TrailingTrivia
    {
        get
        {
            if (_trivia is { Trailing.IsDefault: false } known)
            {
                return known.Trailing;
            }

            ImmutableArray<Trivia> trailing = Lexer.SplitTrivia(Source, Span.End, TrailingTriviaEnd);
            _trivia = new TriviaPair(_trivia?.Leading ?? default, trailing);
            return trailing;
        }

        init => _trivia = new TriviaPair(_trivia?.Leading ?? default, value);
    }

    private sealed record TriviaPair(ImmutableArray<Trivia> Leading, ImmutableArray<Trivia> Trailing);

    /// <summary>Where the leading trivia starts in <see cref="Source"/> (it ends at the token); set by the lexer,
    /// -1 (no trivia) otherwise. Only read when <see cref="LeadingTrivia"/> was not given.</summary>
    public int LeadingTriviaStart { get; init; } = -1;

    /// <summary>Where the trailing trivia ends in <see cref="Source"/> (it starts after the token); set by the
    /// lexer, -1 (no trivia) otherwise. Only read when <see cref="TrailingTrivia"/> was not given.</summary>
    public int TrailingTriviaEnd { get; init; } = -1;

    /// <summary>
    /// For a token that came out of a macro expansion, the location epp gives it: epp annotates expanded tokens
    /// with the line of the macro call (stdlib epp.erl, expand_macro); the preprocessor sets this, the lexer never does.
    /// </summary>
    public bool FromMacro { get; init; }

    /// <summary>
    /// erl_anno's <c>generated</c> flag. epp sets it on the tokens of a <c>-file</c> attribute written in the source
    /// (stdlib epp.erl, scan_file1/4 and enter_file_reply/6 with <c>generated</c>), so that
    /// epp:interpret_file_attribute/1 can tell them from the ones epp writes for includes; the parser copies it into
    /// the annotations it builds from the token. The preprocessor sets this, the lexer never does.
    /// </summary>
    public bool Generated { get; init; }

    /// <summary>The file the token belongs to after <c>-include</c> and <c>-file</c> (null: the main file).</summary>
    public string? File { get; init; }

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public override string ToString() => Kind == TokenKind.Symbol ? Text : $"{Kind}({Text})";
}
