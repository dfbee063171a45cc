namespace BeamDecode.Syntax;

/// <summary>
/// A node's annotation, as erl_anno keeps it (stdlib erl_anno.erl): a line (0 when unknown), an optional column,
/// and the <c>generated</c>, <c>file</c> and <c>text</c> fields of the list form. Annotations never take part in
/// node equality (<see cref="SyntaxNode"/>), so two trees that differ only here compare equal.
/// </summary>
public sealed record Anno(int Line, int Column = 0, bool Generated = false, string? File = null, string? Text = null)
{
    public static Anno AtLine(int line) => new(line);

    /// <summary>
    /// For an annotation read from erl_anno's list form, the keys of its items in their order, one letter each
    /// (<c>l</c> location, <c>g</c> generated, <c>f</c> file, <c>t</c> text, <c>r</c> record): erl_anno prepends
    /// each item it sets, so the order records the history and a writer needs it to give back the same term.
    /// Null for a bare line or <c>{Line, Column}</c>, and for annotations built here.
    /// </summary>
    public string? ListKeys { get; init; }

    /// <summary>erl_anno's <c>record</c> item (set by erl_expand_records on code it generates).</summary>
    public bool Record { get; init; }
}
