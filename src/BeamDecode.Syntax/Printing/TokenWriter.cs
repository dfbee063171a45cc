using System.Text;

namespace BeamDecode.Syntax.Printing;

/// <summary>
/// Where printed text goes: keeps the current line and column so the printer can align continuation lines
/// (erl_pp aligns to the column a construct starts at) and pad to a form's original line (<c>--keep-lines</c>).
/// What is printed is decided by <see cref="ErlangPrinter"/>; this layer only writes and counts.
/// </summary>
public sealed class TokenWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>The current line, 1-based, as epp will number it: the physical line, shifted by the last
    /// <see cref="RenumberLine"/> (a <c>-file</c> directive).</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The physical line of the text, 1-based.</summary>
    public int PhysicalLine { get; private set; } = 1;

    /// <summary>From here on, count the current line as <paramref name="line"/>: epp numbers the line holding
    /// <c>-file(F, N).</c> as N and the next one N + 1 (epp.erl, scan_file/leave_file).</summary>
    public void RenumberLine(int line) => Line = line;

    /// <summary>The current column, 0-based, counted in UTF-16 units (close enough for layout).</summary>
    public int Column { get; private set; }

    public void Write(string text)
    {
        _sb.Append(text);
        int nl = text.LastIndexOf('\n');
        if (nl < 0)
        {
            Column += text.Length;
        }
        else
        {
            int lines = text.AsSpan().Count('\n');
            Line += lines;
            PhysicalLine += lines;
            Column = text.Length - nl - 1;
        }
    }

    public void Write(char c)
    {
        _sb.Append(c);
        if (c == '\n')
        {
            Line++;
            PhysicalLine++;
            Column = 0;
        }
        else
        {
            Column++;
        }
    }

    /// <summary>Ends the line and indents the next one to <paramref name="indent"/>.</summary>
    public void NewLine(int indent)
    {
        _sb.Append('\n');
        _sb.Append(' ', indent);
        Line++;
        PhysicalLine++;
        Column = indent;
    }

    /// <summary>Writes blank lines until the next line written is <paramref name="line"/> (no-op when past it).</summary>
    public void PadToLine(int line)
    {
        while (Line < line)
        {
            Write('\n');
        }
    }

    /// <summary>Takes back a final line break, so that the next text continues the previous line.</summary>
    public void JoinWithPreviousLine()
    {
        if (_sb.Length == 0 || _sb[^1] != '\n')
        {
            return;
        }

        _sb.Length--;
        Line--;
        PhysicalLine--;
        int start = _sb.Length;
        while (start > 0 && _sb[start - 1] != '\n')
        {
            start--;
        }

        Column = _sb.Length - start;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>The text written, without copying it (the writer is not used after this).</summary>
    public PrintedText ToPrintedText() => new(_sb);
}
