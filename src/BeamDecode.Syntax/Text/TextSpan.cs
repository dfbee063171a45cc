namespace BeamDecode.Syntax.Text;

/// <summary>A range of a <see cref="SourceText"/>, in UTF-16 code units from its start (Roslyn's TextSpan).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int position) => position >= Start && position < End;

    public override string ToString() => $"[{Start}..{End})";
}
