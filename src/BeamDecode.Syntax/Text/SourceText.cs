namespace BeamDecode.Syntax.Text;

/// <summary>
/// The text of one source file, immutable, with its line starts, so a position maps to the 1-based line and
/// column erl_scan reports (a column counts characters from 1; a tab is one column, as in erl_scan).
/// Decoding follows epp: UTF-8 unless the first two lines carry a <c>coding: latin-1</c> comment
/// (stdlib epp.erl, read_encoding/2), in which case bytes are Latin-1.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text, string path = "")
    {
        Text = text;
        Path = path;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The path the text was read from, as the user gave it ("" when built from a string).</summary>
    public string Path { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    public char this[int position] => Text[position];

    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);

    public override string ToString() => Text;

    /// <summary>The 1-based line of a position (a position at the end of text belongs to the last line).</summary>
    public int GetLine(int position)
    {
        int index = Array.BinarySearch(_lineStarts, position);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The 1-based line and column of a position, counting characters (code points) as erl_scan does.</summary>
    public (int Line, int Column) GetLineColumn(int position)
    {
        int line = GetLine(position);
        int start = _lineStarts[line - 1];
        int column = 1;
        for (int i = start; i < position && i < Text.Length; i++)
        {
            if (!(char.IsLowSurrogate(Text[i]) && i > start && char.IsHighSurrogate(Text[i - 1])))
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>The position where a 1-based line starts.</summary>
    public int GetLineStart(int line) => _lineStarts[line - 1];

    /// <summary>Reads a file's bytes with epp's encoding rule (UTF-8 default, Latin-1 when declared).</summary>
    public static SourceText FromBytes(ReadOnlySpan<byte> bytes, string path = "")
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }

        string text = DeclaresLatin1(bytes)
            ? System.Text.Encoding.Latin1.GetString(bytes)
            : System.Text.Encoding.UTF8.GetString(bytes);
        return new SourceText(text, path);
    }

    /// <summary>epp.erl read_encoding: a <c>coding: X</c> (or <c>coding=X</c>) in a comment on one of the first two lines.</summary>
    private static bool DeclaresLatin1(ReadOnlySpan<byte> bytes)
    {
        int end = 0;
        int lines = 0;
        while (end < bytes.Length && lines < 2)
        {
            if (bytes[end] == (byte)'\n')
            {
                lines++;
            }

            end++;
        }

        string head = System.Text.Encoding.Latin1.GetString(bytes[..end]);
        foreach (string line in head.Split('\n'))
        {
            int percent = line.IndexOf('%');
            if (percent < 0)
            {
                continue;
            }

            int coding = line.IndexOf("coding", percent, StringComparison.Ordinal);
            if (coding < 0)
            {
                continue;
            }

            string rest = line[(coding + 6)..].TrimStart(':', '=', ' ', '\t').ToLowerInvariant();
            if (rest.StartsWith("latin-1", StringComparison.Ordinal) || rest.StartsWith("latin1", StringComparison.Ordinal)
                || rest.StartsWith("iso-8859-1", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            // Only \n ends a line: erl_scan counts lines by \n and treats \r as white space.
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
