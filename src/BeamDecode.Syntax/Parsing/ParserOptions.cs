namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// What the parser emulates. The grammar only grew between releases, and the tokens that carry the newer constructs
/// (sigils, <c>&lt;:-</c>, <c>&amp;&amp;</c>) only come from a lexer emulating a release that has them; what the tokens cannot tell
/// is release-dependent meaning: the builtin types of erl_internal:is_type/2 (<c>dynamic()</c> from OTP 26), the
/// <c>-nominal</c> attribute (OTP 28) and the special <c>-doc</c>/<c>-moduledoc</c> values (OTP 27).
/// </summary>
public sealed record ParserOptions
{
    /// <summary>The newest release the parser knows.</summary>
    public const int NewestRelease = 28;

    public static ParserOptions Default { get; } = new();

    /// <summary>The OTP release whose erl_parse to emulate (25 and newer are exact; older releases parse as 25).</summary>
    public int OtpRelease { get; init; } = NewestRelease;

    /// <summary>
    /// Whether the forms will carry columns (erl_scan started at <c>{1,1}</c>, as compile does) or lines alone (started
    /// at 1, epp:parse_file/2's default). The tokens always have columns; what changes is erl_parse's first_anno/1:
    /// without columns every node of a line has the same location, so the fold keeps the last of them in its visiting
    /// order, whose annotation may carry more than the line (the text of a keyword read as an atom, say).
    /// </summary>
    public bool Columns { get; init; } = true;

    /// <summary>Nesting depth (brackets, clauses, operands) beyond which a form is refused with a diagnostic.</summary>
    public int MaxDepth { get; init; } = 1000;
}
