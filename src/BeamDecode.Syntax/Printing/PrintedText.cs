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
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var chunk in _text.GetChunks())
            {
                var chars = chunk.Span;
                while (!chars.IsEmpty)
                {
                    encoder.Convert(chars, buffer, flush: false, out int used, out int written, out _);
                    stream.Write(buffer, 0, written);
                    chars = chars[used..];
                }
            }

            encoder.Convert([], buffer, flush: true, out _, out int last, out _);
            stream.Write(buffer, 0, last);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override string ToString() => _string ??= _text.ToString();
}
