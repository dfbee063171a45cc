using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.CrashDumps;

/// <summary>
/// Lines of a stream (without the '\n') through one reusable buffer. A line longer than the buffer is either grown
/// into (up to <see cref="CrashDumpReader.MaxLineLength"/>, when the caller keeps it) or returned as its first
/// bytes while the rest is skipped: a section header is short, a heap dump line of a skipped section need not be.
/// </summary>
internal sealed class LineSource(Stream stream)
{
    private const int PrefixLength = 4096;

    private byte[] _buffer = new byte[1 << 20];
    private int _pos;
    private int _len;
    private bool _eof;
    private long _consumed;

    /// <summary>Offset in the file of the line last returned.</summary>
    public long LineOffset { get; private set; }

    public bool TryRead(bool keepLong, out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int nl = _buffer.AsSpan(_pos, _len - _pos).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                LineOffset = _consumed + _pos;
                line = _buffer.AsSpan(_pos, nl);
                _pos += nl + 1;
                return true;
            }

            if (_eof)
            {
                LineOffset = _consumed + _pos;
                line = _buffer.AsSpan(_pos, _len - _pos);
                bool any = _pos < _len;
                _pos = _len;
                return any;
            }

            if (_pos > 0)
            {
                // Move the partial line to the front and read more behind it.
                Array.Copy(_buffer, _pos, _buffer, 0, _len - _pos);
                _consumed += _pos;
                _len -= _pos;
                _pos = 0;
            }
            else if (_len == _buffer.Length)
            {
                if (!keepLong)
                {
                    line = SkipLongLine();
                    return true;
                }

                if (_buffer.Length >= CrashDumpReader.MaxLineLength)
                {
                    throw new BadBeamFormatException(
                        DiagnosticId.BadCrashDump, _consumed, $"a module section line longer than {CrashDumpReader.MaxLineLength} bytes");
                }

                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, CrashDumpReader.MaxLineLength));
            }

            int n = stream.Read(_buffer, _len, _buffer.Length - _len);
            if (n == 0)
            {
                _eof = true;
            }

            _len += n;
        }
    }

    /// <summary>Returns a copy of the line's first bytes and discards the rest of it.</summary>
    private ReadOnlySpan<byte> SkipLongLine()
    {
        LineOffset = _consumed;
        byte[] prefix = _buffer.AsSpan(0, PrefixLength).ToArray();
        while (true)
        {
            _consumed += _len;
            _pos = 0;
            _len = stream.Read(_buffer, 0, _buffer.Length);
            if (_len == 0)
            {
                _eof = true;
                return prefix;
            }

            int nl = _buffer.AsSpan(0, _len).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _pos = nl + 1;
                return prefix;
            }
        }
    }
}
