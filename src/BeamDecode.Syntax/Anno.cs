namespace BeamDecode.Syntax;

/// <summary>
/// A node's annotation, as erl_anno keeps it (stdlib erl_anno.erl): a line (0 when unknown), an optional column,
/// and the <c>generated</c>, <c>file</c> and <c>text</c> fields of the list form. Annotations never take part in
/// node equality (<see cref="SyntaxNode"/>), so two trees that differ only here compare equal.
/// </summary>
/// <remarks>
/// There is one per node of a module read from debug info (OTP's <c>{Line, Column}</c> positions are nearly all
/// different), so its size counts: the rarely set fields live in a shared side record, which keeps an annotation at
/// 32 bytes instead of 56 (a fifth of what reading the OTP tree's debug info allocated was annotations).
/// </remarks>
public sealed record Anno
{
    private Extras? _extras;

    public Anno(int Line, int Column = 0, bool Generated = false, string? File = null, string? Text = null)
    {
        this.Line = Line;
        this.Column = Column;
        if (Generated || File is not null || Text is not null)
        {
            _extras = new Extras(Generated, File, Text, null, false);
        }
    }

    public static Anno AtLine(int line) => new(line);

    public int Line { get; init; }

    public int Column { get; init; }

    public bool Generated
    {
        get => _extras?.Generated ?? false;
        init => _extras = Normal((_extras ?? Extras.None) with { Generated = value });
    }

    public string? File
    {
        get => _extras?.File;
        init => _extras = Normal((_extras ?? Extras.None) with { File = value });
    }

    public string? Text
    {
        get => _extras?.Text;
        init => _extras = Normal((_extras ?? Extras.None) with { Text = value });
    }

    /// <summary>
    /// For an annotation read from erl_anno's list form, the keys of its items in their order, one letter each
    /// (<c>l</c> location, <c>g</c> generated, <c>f</c> file, <c>t</c> text, <c>r</c> record): erl_anno prepends
    /// each item it sets, so the order records the history and a writer needs it to give back the same term.
    /// Null for a bare line or <c>{Line, Column}</c>, and for annotations built here.
    /// </summary>
    public string? ListKeys
    {
        get => _extras?.ListKeys;
        init => _extras = Normal((_extras ?? Extras.None) with { ListKeys = value });
    }

    /// <summary>erl_anno's <c>record</c> item (set by erl_expand_records on code it generates).</summary>
    public bool Record
    {
        get => _extras?.Record ?? false;
        init => _extras = Normal((_extras ?? Extras.None) with { Record = value });
    }

    /// <summary>No side record when every field in it is unset, so that equal annotations have equal fields.</summary>
    private static Extras? Normal(Extras extras) => extras == Extras.None ? null : extras;

    private sealed record Extras(bool Generated, string? File, string? Text, string? ListKeys, bool Record)
    {
        public static readonly Extras None = new(false, null, null, null, false);
    }
}
