namespace BeamDecode.Syntax;

/// <summary>
/// A node's annotation, as erl_anno keeps it (stdlib erl_anno.erl): a line (0 when unknown), an optional column,
/// and the <c>generated</c>, <c>file</c> and <c>text</c> fields of the list form. Annotations never take part in
/// node equality (<see cref="SyntaxNode"/>), so two trees that differ only here compare equal.
/// </summary>
public sealed record Anno(int Line, int Column = 0, bool Generated = false, string? File = null, string? Text = null)
{
    public static Anno AtLine(int line) => new(line);
}
