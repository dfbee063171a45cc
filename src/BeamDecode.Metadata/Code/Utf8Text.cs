using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// A growable UTF-8 byte buffer with StringBuilder's Append surface, for the assembly writer: a .S of the whole
/// OTP tree is ~70 MB of mostly ASCII, and writing bytes directly skips the UTF-16 round trip (append, ToString,
/// encode) a StringBuilder costs. The array comes from and returns to <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class Utf8Text : IDisposable
{
    private static readonly BigInteger LongMin = long.MinValue;
    private static readonly BigInteger LongMax = long.MaxValue;

    private byte[] _buffer;
    private int _length;

    public Utf8Text(int capacity = 1 << 16) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public int Capacity => _buffer.Length;

    /// <summary>Empties the text and keeps the buffer, for the next module.</summary>
    public void Clear() => _length = 0;

    // The Append overloads the writer calls for every operand are inlined into it: an ASCII character or a short
    // u8 literal is then a store or two, with the growing and encoding out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Utf8Text Append(char c)
    {
        var buffer = _buffer;
        int length = _length;
        if (c < 0x80 && (uint)length < (uint)buffer.Length)
        {
            buffer[length] = (byte)c;
            _length = length + 1;
            return this;
        }

        return AppendSlow(c);
    }

    private Utf8Text AppendSlow(char c)
    {
        if (c < 0x80)
        {
            Grow(1);
            _buffer[_length++] = (byte)c;
            return this;
        }

        Span<char> one = [c];
        return AppendChars(one);
    }

    public Utf8Text Append(string? s) => s is null ? this : AppendChars(s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Utf8Text Append(ReadOnlySpan<byte> utf8)
    {
        int length = _length;
        if (utf8.Length > _buffer.Length - length)
        {
            Grow(utf8.Length);
        }

        utf8.CopyTo(_buffer.AsSpan(length));
        _length = length + utf8.Length;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Utf8Text Append(long value)
    {
        // Most numbers in a .S are registers, arities and labels: one digit is a store here.
        var buffer = _buffer;
        int length = _length;
        if ((ulong)value < 10 && (uint)length < (uint)buffer.Length)
        {
            buffer[length] = (byte)('0' + value);
            _length = length + 1;
            return this;
        }

        return AppendNumber(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Utf8Text AppendNumber(long value)
    {
        Ensure(20);
        if ((ulong)value < 10)
        {
            _buffer[_length++] = (byte)('0' + value);
            return this;
        }

        if ((ulong)value < 1_000_000)
        {
            // Labels and line numbers: digits written from the last, without the general formatter.
            uint v = (uint)value;
            int digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : 6;
            var span = _buffer.AsSpan(_length, digits);
            for (int i = digits - 1; i > 0; i--)
            {
                (v, uint d) = Math.DivRem(v, 10);
                span[i] = (byte)('0' + d);
            }

            span[0] = (byte)('0' + v);
            _length += digits;
            return this;
        }

        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Utf8Text Append(int value) => Append((long)value);

    public Utf8Text Append(BigInteger value)
    {
        // Bounds made once: converting long.MinValue to a BigInteger at each call allocates.
        if (value >= LongMin && value <= LongMax)
        {
            return Append((long)value);
        }

        return AppendChars(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Utf8Text Append(StringBuilder sb)
    {
        foreach (var chunk in sb.GetChunks())
        {
            AppendChars(chunk.Span);
        }

        return this;
    }

    public override string ToString() => Encoding.UTF8.GetString(Written);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Utf8Text AppendChars(ReadOnlySpan<char> chars)
    {
        // Nearly every string the writer appends (hint registers and types, opcode forms) is short ASCII: copied
        // byte for byte; anything else is encoded (whatever the ASCII attempt wrote is then overwritten).
        if (chars.Length <= _buffer.Length - _length
            && Ascii.FromUtf16(chars, _buffer.AsSpan(_length), out int written) == OperationStatus.Done)
        {
            _length += written;
            return this;
        }

        Ensure(Encoding.UTF8.GetMaxByteCount(chars.Length));
        _length += Encoding.UTF8.GetBytes(chars, _buffer.AsSpan(_length));
        return this;
    }

    private void Ensure(int more)
    {
        if (_buffer.Length - _length < more)
        {
            Grow(more);
        }
    }

    private void Grow(int more)
    {
        int size = Math.Max(_buffer.Length * 2, _length + more);
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
