using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// A form and where its text is, so a differ can show or replace exactly one function (Roslyn's full span).
/// </summary>
/// <param name="Form">The form, as erl_parse:parse_form/1 builds it (an <see cref="ErrorMarkerForm"/> when it failed).</param>
/// <param name="Span">From the first character of the form's first token to the end of its full stop, in the file
/// that holds the full stop (a first token from a macro expansion counts from the macro call).</param>
/// <param name="FullSpan">Span widened to the start of the first token's leading trivia: the comments and blank lines
/// that belong to the form (none when the form starts with a macro call, whose trivia the preprocessor drops).</param>
/// <param name="File">The file of the full stop (null: the main file; see <see cref="Token.File"/>).</param>
/// <param name="Source">The text the spans refer to (null when the tokens came from no text, e.g. built by a tool).</param>
public sealed record ParsedForm(Form Form, TextSpan Span, TextSpan FullSpan, string? File, SourceText? Source)
{
    /// <summary>The form's own text (without leading trivia), or null without a source.</summary>
    public string? Text => Source?.ToString(Span);

    /// <summary>The form's text with its leading comments, or null without a source.</summary>
    public string? FullText => Source?.ToString(FullSpan);
}
