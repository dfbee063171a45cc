using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Output;

/// <summary>
/// The <c>info --json</c> document written by hand, one module at a time, so each worker thread can serialize the
/// module it decoded into a buffer of its own and the command can stream the document in path order while later
/// modules are still decoding (System.Text.Json serialized the whole list on one thread after all decoding, about a
/// fifth of a run on the OTP tree; benchmarks/README.md).
/// <para>
/// The layout is one module per line: <c>[</c>, then each module on a line of its own as <c>JsonSerializer</c>
/// writes a <see cref="ModuleSummary"/> with <see cref="CliJsonContext.Compact"/> (the same property names and order,
/// no whitespace, strings escaped by the same encoder, <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>),
/// separated by <c>,</c> and a newline, then <c>]</c>. Tests compare the two on every fixture. A line per module
/// keeps the document greppable (<c>grep '"module":"lists","md5"'</c> gives that module's line) and smaller than the
/// indented form: over the OTP tree 5.3 MB against 9.2 MB, and pushing the difference through a pipe cost about 3 ms
/// of a 29 ms run (benchmarks/README.md, session 6, "One line per module"); <c>jq .</c> indents it for reading.
/// </para>
/// </summary>
internal static partial class InfoJsonWriter
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The document's opening, before the first module (a list without modules is <see cref="Empty"/>).</summary>
    public static ReadOnlySpan<byte> Open => "["u8;

    /// <summary>The document's end for a list with at least one module, and the newline the command adds.</summary>
    public static ReadOnlySpan<byte> Close => "\n]\n"u8;

    /// <summary>An empty list, and the newline the command adds.</summary>
    public static ReadOnlySpan<byte> Empty => "[]\n"u8;

    /// <summary>Between two modules.</summary>
    public static ReadOnlySpan<byte> Separator => ","u8;

    /// <summary>One module as an element of the top-level array, with the newline that precedes it in the document;
    /// the caller writes <see cref="Open"/> before the first and <see cref="Separator"/> before the others (only the
    /// caller knows which module is first, since modules before it may fail).</summary>
    public static void WriteModule(PooledBufferWriter w, ModuleSummary m)
    {
        Raw(w, "\n{"u8);
        String(w, "\"path\":"u8, m.Path);
        String(w, ",\"module\":"u8, m.Module);
        NullableString(w, ",\"md5\":"u8, m.Md5);
        Raw(w, m.Gzipped ? ",\"gzipped\":true"u8 : ",\"gzipped\":false"u8);

        Raw(w, ",\"chunks\":["u8);
        for (int i = 0; i < m.Chunks.Length; i++)
        {
            var c = m.Chunks[i];
            ChunkRow(w, i == 0, c.Id, c.Offset, c.Size);
        }

        Raw(w, "]"u8);
        Functions(w, ",\"exports\":["u8, m.Exports);

        Raw(w, ",\"imports\":["u8);
        for (int i = 0; i < m.Imports.Length; i++)
        {
            var e = m.Imports[i];
            Raw(w, i == 0 ? "{"u8 : ",{"u8);
            String(w, "\"module\":"u8, e.Module);
            String(w, ",\"name\":"u8, e.Name);
            Number(w, ",\"arity\":"u8, e.Arity);
            Raw(w, "}"u8);
        }

        Raw(w, "]"u8);
        Functions(w, ",\"locals\":["u8, m.Locals);
        Number(w, ",\"atoms\":"u8, m.Atoms);
        Number(w, ",\"lambdas\":"u8, m.Lambdas);
        if (m.Literals is { } literals)
        {
            Number(w, ",\"literals\":"u8, literals);
        }
        else
        {
            Raw(w, ",\"literals\":null"u8);
        }

        String(w, ",\"attributes\":"u8, m.Attributes);
        String(w, ",\"compileInfo\":"u8, m.CompileInfo);
        String(w, ",\"debugInfo\":"u8, m.DebugInfo);
        NullableString(w, ",\"compilerVersion\":"u8, m.CompilerVersion);
        NullableString(w, ",\"source\":"u8, m.Source);
        Raw(w, "}"u8);
    }

    private static void Functions(PooledBufferWriter w, ReadOnlySpan<byte> property, ImmutableArray<FunctionSummary> functions)
    {
        Raw(w, property);
        for (int i = 0; i < functions.Length; i++)
        {
            var f = functions[i];
            Raw(w, i == 0 ? "{"u8 : ",{"u8);
            String(w, "\"name\":"u8, f.Name);
            Number(w, ",\"arity\":"u8, f.Arity);
            Number(w, ",\"label\":"u8, f.Label);
            Raw(w, "}"u8);
        }

        Raw(w, "]"u8);
    }

    /// <summary>A chunk row, <c>{"id":I,"offset":O,"size":S}</c>, as an element of its array (both writers).</summary>
    private static void ChunkRow(PooledBufferWriter w, bool first, string id, int offset, int size)
    {
        Raw(w, first ? "{"u8 : ",{"u8);
        String(w, "\"id\":"u8, id);
        Number(w, ",\"offset\":"u8, offset);
        Number(w, ",\"size\":"u8, size);
        Raw(w, "}"u8);
    }

    private static void Raw(PooledBufferWriter w, ReadOnlySpan<byte> bytes) => w.Write(bytes);

    private static void Number(PooledBufferWriter w, ReadOnlySpan<byte> prefix, int value)
    {
        var span = w.GetSpan(prefix.Length + 11);
        prefix.CopyTo(span);
        w.Advance(prefix.Length + Decimal(span[prefix.Length..], value));
    }

    private static void NullableString(PooledBufferWriter w, ReadOnlySpan<byte> prefix, string? value)
    {
        if (value is null)
        {
            Raw(w, prefix);
            Raw(w, "null"u8);
        }
        else
        {
            String(w, prefix, value);
        }
    }

    /// <summary>The printable ASCII characters the encoder leaves as they are (asked of the encoder itself, so the fast
    /// path cannot disagree with it).</summary>
    private static readonly SearchValues<char> PlainAscii = PlainAsciiOfEncoder();

    private static SearchValues<char> PlainAsciiOfEncoder()
    {
        var plain = new List<char>();
        Span<byte> one = stackalloc byte[1];
        for (char c = ' '; c < (char)0x7f; c++)
        {
            one[0] = (byte)c;
            if (Encoder.FindFirstCharacterToEncodeUtf8(one) < 0)
            {
                plain.Add(c);
            }
        }

        return SearchValues.Create(plain.ToArray());
    }

    /// <summary><see cref="PlainAscii"/> as bytes.</summary>
    private static readonly SearchValues<byte> PlainAsciiBytes = SearchValues.Create(
        Enumerable.Range(0x20, 0x7f - 0x20).Where(c => PlainAscii.Contains((char)c)).Select(c => (byte)c).ToArray());

    /// <summary>A quoted, escaped string. Plain ASCII (nearly all text here) is narrowed straight into the buffer;
    /// other text is transcoded to UTF-8 and, where it needs escaping, goes through the encoder System.Text.Json
    /// would use.</summary>
    private static void String(PooledBufferWriter w, ReadOnlySpan<byte> prefix, ReadOnlySpan<char> value)
    {
        Raw(w, prefix);
        if (!value.ContainsAnyExcept(PlainAscii))
        {
            var plain = w.GetSpan(value.Length + 2);
            plain[0] = (byte)'"';
            System.Text.Ascii.FromUtf16(value, plain[1..], out _);
            plain[1 + value.Length] = (byte)'"';
            w.Advance(value.Length + 2);
            return;
        }

        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = w.GetSpan(max + 2);
        span[0] = (byte)'"';
        int length = Encoding.UTF8.GetBytes(value, span[1..]);
        EscapeInPlace(w, span, length);
    }

    /// <summary>As <see cref="String(PooledBufferWriter, ReadOnlySpan{byte}, ReadOnlySpan{char})"/> for text already in
    /// valid UTF-8 (an AtU8 atom's name), which is what that would transcode it to.</summary>
    private static void Utf8String(PooledBufferWriter w, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> utf8)
    {
        var span = w.GetSpan(prefix.Length + utf8.Length + 2);
        prefix.CopyTo(span);
        span[prefix.Length] = (byte)'"';
        utf8.CopyTo(span[(prefix.Length + 1)..]);
        if (IsPlain(utf8))
        {
            span[prefix.Length + 1 + utf8.Length] = (byte)'"';
            w.Advance(prefix.Length + utf8.Length + 2);
            return;
        }

        w.Advance(prefix.Length);
        EscapeInPlace(w, span[prefix.Length..], utf8.Length);
    }

    /// <summary>Ends a string whose opening quote and <paramref name="length"/> bytes of UTF-8 text start the buffer's
    /// free <paramref name="span"/> (which has room for the closing quote), escaping what the encoder escapes.</summary>
    private static void EscapeInPlace(PooledBufferWriter w, Span<byte> span, int length)
    {
        var utf8 = span.Slice(1, length);
        int escapeAt = Encoder.FindFirstCharacterToEncodeUtf8(utf8);
        if (escapeAt < 0)
        {
            span[1 + length] = (byte)'"';
            w.Advance(length + 2);
            return;
        }

        // Rare (quotes and backslashes in ~w text, control characters, characters outside the BMP): keep the clean
        // prefix, encode the rest from a copy, since the encoder's output is longer than its input.
        byte[] rest = utf8[escapeAt..].ToArray();
        w.Advance(1 + escapeAt);
        var remaining = rest.AsSpan();
        while (true)
        {
            var dest = w.GetSpan(Math.Max(64, remaining.Length * 2));
            var status = Encoder.EncodeUtf8(remaining, dest, out int consumed, out int written, isFinalBlock: true);
            w.Advance(written);
            remaining = remaining[consumed..];
            if (status == OperationStatus.Done)
            {
                break;
            }

            if (status != OperationStatus.DestinationTooSmall)
            {
                throw new InvalidOperationException($"JSON encoder stopped with {status}");
            }
        }

        Raw(w, "\""u8);
    }
}
