using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BeamDecode.Syntax.Printing;

/// <summary>
/// A printed module, still in the printer's buffer: <see cref="WriteUtf8"/> encodes it piece by piece to a stream,
/// so a caller that only writes a file never builds the whole text as one string (for a large module a string of
/// megabytes on the large-object heap, then copied again to UTF-8). <see cref="ToString"/> builds that string once
/// for the callers that want it. The buffer comes from <see cref="ArrayPool{T}.Shared"/>: <see cref="Dispose"/> gives
/// it back, for the next module to reuse (without it, the buffer is simply collected).
/// </summary>
public sealed class PrintedText : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private char[]? _chars;
    private readonly int _length;
    private string? _string;

    internal PrintedText(char[] chars, int length) => (_chars, _length) = (chars, length);

    /// <summary>Length in UTF-16 code units.</summary>
    public int Length => _length;

    private ReadOnlySpan<char> Chars =>
        _chars is { } chars ? chars.AsSpan(0, _length) : _string ?? throw new ObjectDisposedException(nameof(PrintedText));

    /// <summary>Writes the text as UTF-8 without a byte-order mark (the bytes <c>File.WriteAllText</c> with
    /// <c>new UTF8Encoding(false)</c> writes).</summary>
    public void WriteUtf8(Stream stream)
    {
        var chars = Chars;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (!chars.IsEmpty)
            {
                // A piece ends where the buffer is full, never inside a surrogate pair; a lone surrogate becomes U+FFFD,
                // as UTF8Encoding writes it.
                var status = Utf8.FromUtf16(chars, buffer, out int used, out int written, replaceInvalidSequences: true, isFinalBlock: true);
                if (status == System.Buffers.OperationStatus.DestinationTooSmall && used == 0)
                {
                    throw new InvalidOperationException("UTF-8 buffer too small");
                }

                stream.Write(buffer, 0, written);
                chars = chars[used..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override string ToString() => _string ??= new string(Chars);

    /// <summary>Gives the buffer back to the pool; <see cref="ToString"/> still answers if it was called before.</summary>
    public void Dispose()
    {
        if (_chars is { } chars)
        {
            _chars = null;
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
