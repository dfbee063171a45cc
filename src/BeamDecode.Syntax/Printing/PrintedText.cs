using System.Buffers;
using System.Text;

namespace BeamDecode.Syntax.Printing;

/// <summary>
/// A printed module, still in the printer's buffer: <see cref="WriteUtf8"/> encodes it piece by piece to a stream,
/// so a caller that only writes a file never builds the whole text as one string (for a large module a string of
/// megabytes on the large-object heap, then copied again to UTF-8). <see cref="ToString"/> builds that string once
/// for the callers that want it.
/// </summary>
public sealed class PrintedText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private const int BufferSize = 64 * 1024;

    /// <summary>Room left that triggers a write: more than one character's UTF-8 (4 bytes) and the encoder's carry.</summary>
    private const int MinRoom = 16;

    private readonly StringBuilder _text;
    private string? _string;

    internal PrintedText(StringBuilder text) => _text = text;

    /// <summary>Length in UTF-16 code units.</summary>
    public int Length => _text.Length;

    /// <summary>Writes the text as UTF-8 without a byte-order mark (the bytes <c>File.WriteAllText</c> with
    /// <c>new UTF8Encoding(false)</c> writes).</summary>
    public void WriteUtf8(Stream stream)
    {
        var encoder = Utf8.GetEncoder();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // The buffer is written only when nearly full: the builder's chunks are small, and one write per chunk
            // was thousands of system calls over the OTP tree.
            int filled = 0;
            foreach (var chunk in _text.GetChunks())
            {
                var chars = chunk.Span;
                while (!chars.IsEmpty)
                {
                    if (buffer.Length - filled < MinRoom)
                    {
                        stream.Write(buffer, 0, filled);
                        filled = 0;
                    }

                    encoder.Convert(chars, buffer.AsSpan(filled), flush: false, out int used, out int written, out _);
                    filled += written;
                    chars = chars[used..];
                }
            }

            if (buffer.Length - filled < MinRoom)
            {
                stream.Write(buffer, 0, filled);
                filled = 0;
            }

            encoder.Convert([], buffer.AsSpan(filled), flush: true, out _, out int last, out _);
            stream.Write(buffer, 0, filled + last);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override string ToString() => _string ??= _text.ToString();
}
