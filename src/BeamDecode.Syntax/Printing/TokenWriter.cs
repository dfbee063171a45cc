using System.Buffers;

namespace BeamDecode.Syntax.Printing;

/// <summary>
/// Where printed text goes: keeps the current line and column so the printer can align continuation lines
/// (erl_pp aligns to the column a construct starts at) and pad to a form's original line (<c>--keep-lines</c>).
/// What is printed is decided by <see cref="ErlangPrinter"/>; this layer only writes and counts.
/// </summary>
public sealed class TokenWriter
{
    private const int InitialCapacity = 4096;

    // One growing array from the shared pool rather than a StringBuilder: a module's text (up to megabytes) was a
    // new chain of builder chunks each time, 50 MB of fresh memory over the OTP tree; pooled arrays are reused
    // from module to module once PrintedText gives them back.
    private char[] _chars = ArrayPool<char>.Shared.Rent(InitialCapacity);
    private int _length;

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
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
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

    /// <summary>An integer's decimal text, without a string for it.</summary>
    public void WriteInteger(long value)
    {
        Reserve(20);
        value.TryFormat(_chars.AsSpan(_length), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
        Column += written;
    }

    public void Write(char c)
    {
        Reserve(1);
        _chars[_length++] = c;
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
        Reserve(1 + indent);
        _chars[_length++] = '\n';
        _chars.AsSpan(_length, indent).Fill(' ');
        _length += indent;
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
        if (_length == 0 || _chars[_length - 1] != '\n')
        {
            return;
        }

        _length--;
        Line--;
        PhysicalLine--;
        int start = _chars.AsSpan(0, _length).LastIndexOf('\n') + 1;
        Column = _length - start;
    }

    public override string ToString() => new(_chars, 0, _length);

    /// <summary>The text as a string; the writer gives its buffer back to the pool and is not used after this.</summary>
    internal string ToStringAndRelease()
    {
        string text = ToString();
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
        _length = 0;
        return text;
    }

    /// <summary>The text written, without copying it; the buffer passes to the result (the writer is not used
    /// after this).</summary>
    public PrintedText ToPrintedText()
    {
        var text = new PrintedText(_chars, _length);
        _chars = [];
        _length = 0;
        return text;
    }

    private void Reserve(int count)
    {
        if (_chars.Length - _length >= count)
        {
            return;
        }

        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + count));
        _chars.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = bigger;
    }
}
