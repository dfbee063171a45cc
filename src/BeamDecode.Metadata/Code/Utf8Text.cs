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
    private byte[] _buffer;
    private int _length;

    public Utf8Text(int capacity = 1 << 16) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public int Capacity => _buffer.Length;

    /// <summary>Empties the text and keeps the buffer, for the next module.</summary>
    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8Text Append(char c)
    {
        if (c < 0x80)
        {
            if (_length == _buffer.Length)
            {
                Grow(1);
            }

            _buffer[_length++] = (byte)c;
            return this;
        }

        Span<char> one = [c];
        return AppendChars(one);
    }

    public Utf8Text Append(string? s) => s is null ? this : AppendChars(s);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8Text Append(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8Text Append(long value)
    {
        Ensure(20);
        // Most numbers in a .S are registers, arities and labels: one to four digits, written here directly.
        if ((ulong)value < 10)
        {
            _buffer[_length++] = (byte)('0' + value);
            return this;
        }

        if ((ulong)value < 100)
        {
            _buffer[_length] = (byte)('0' + (value / 10));
            _buffer[_length + 1] = (byte)('0' + (value % 10));
            _length += 2;
            return this;
        }

        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    public Utf8Text Append(int value) => Append((long)value);

    public Utf8Text Append(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
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
