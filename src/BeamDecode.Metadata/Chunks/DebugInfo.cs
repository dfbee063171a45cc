using System.IO.Compression;
using System.Text;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The Dbgi chunk (OTP 20+) or Abst chunk (before): which backend wrote it and its payload
/// (beam_lib.erl chunk_to_data debug_info / abstract_code). An encrypted chunk starts with 0, the length
/// of the mode name, the mode (des3_cbc), then the cipher text; the payload stays encrypted here.
/// <para>
/// The kind is found from the first 64 bytes of the term, or 1 KB when those do not decide (inflating only a prefix of
/// a compressed term), because
/// the payload is usually the largest thing in the file and `info` only needs its kind; <see cref="Payload"/>
/// decodes the whole term on first use.
/// </para>
/// </summary>
public sealed class DebugInfo
{
    private const int PeekBytes = 1024;

    /// <summary>Enough for <c>{debug_info_v1, erl_abstract_code, {none, _}}</c> (45 bytes) and the other backends OTP
    /// and Elixir write: inflating 64 bytes instead of 1 KB took <c>info --json</c> over the OTP tree from 39.4-39.5 to
    /// 37.1-37.6 ms of CPU (benchmarks/README.md, session 6, "Dbgi kind from 64 bytes").</summary>
    private const int ShortPeekBytes = 64;

    private readonly Chunk? _chunk;
    private Term? _payload;

    private DebugInfo(DebugInfoKind kind, Chunk? chunk, string? backend, string? cryptoMode, int headLength)
    {
        Kind = kind;
        _chunk = chunk;
        Backend = backend;
        CryptoMode = cryptoMode;
        HeadLength = headLength;
    }

    public static readonly DebugInfo Missing = new(DebugInfoKind.None, null, null, null, 0);

    /// <summary>How many bytes at the start of the chunk's data the kind was decided from (for a COMPRESSED term, the
    /// compressed bytes handed to the inflater); the rest of the chunk was not looked at. A reader that loads only the
    /// start of a large chunk (<c>ModuleReader.ReadSummary</c>) knows from this whether what it loaded was enough.</summary>
    public int HeadLength { get; }

    public DebugInfoKind Kind { get; }

    public string ChunkId => _chunk?.Id ?? "";

    /// <summary>The backend module (erl_abstract_code, elixir_erl, ...) for Dbgi; the tag (raw_abstract_v1, ...) for Abst.</summary>
    public string? Backend { get; }

    public string? CryptoMode { get; }

    /// <summary>The cipher text of encrypted debug info (after the mode header).</summary>
    public ReadOnlyMemory<byte> CipherText =>
        Kind == DebugInfoKind.Encrypted && _chunk is { } c ? c.Data[(2 + c.Data.Span[1])..] : ReadOnlyMemory<byte>.Empty;

    /// <summary>The backend's data (element 3 of the Dbgi tuple) or the whole Abst term; null when none or encrypted.
    /// Decoded on first use and kept.</summary>
    public Term? Payload => _payload ??= DecodePayload();

    /// <summary>As <see cref="Payload"/>, decoded afresh and not kept: for a caller that turns the term into something
    /// else and drops it (<c>source</c>), so that the term tree, the largest thing it builds, can be collected while
    /// the rest of the module is still alive.</summary>
    public Term? DecodePayload()
    {
        if (_payload is not null)
        {
            return _payload;
        }

        if (_chunk is { } c && Kind is not (DebugInfoKind.Encrypted or DebugInfoKind.None) && !c.Data.IsEmpty)
        {
            var term = TermReader.Decode(c.Data.Span, c.Offset, c.Id);
            return c.Id == Metadata.ChunkId.Dbgi && term is TupleTerm { Arity: 3 } t ? t[2] : term;
        }

        return null;
    }

    /// <summary>The name the info command prints: erlang_v1, elixir_v1, other:Backend, encrypted, raw_abstract_v1..., none.</summary>
    public string DisplayName => Kind switch
    {
        DebugInfoKind.ErlangV1 => "erlang_v1",
        DebugInfoKind.ElixirV1 => "elixir_v1",
        DebugInfoKind.Other => "other:" + Backend,
        DebugInfoKind.Encrypted => "encrypted",
        DebugInfoKind.AbstractCode => Backend ?? "abstract_code",
        _ => "none",
    };

    public static DebugInfo Decode(Chunk chunk)
    {
        var data = chunk.Data.Span;
        if (data.IsEmpty)
        {
            return new DebugInfo(DebugInfoKind.None, chunk, null, null, 0);
        }

        if (data[0] == 0)
        {
            var r = new BeamReader(data, chunk.Offset, chunk.Id);
            r.ReadByte();
            int n = r.ReadByte();
            string mode = Encoding.Latin1.GetString(r.ReadBytes(n));
            return new DebugInfo(DebugInfoKind.Encrypted, chunk, null, mode, r.Position);
        }

        // Most chunks are decided from their first 64 bytes; a decision that looked past them (long atoms, or a head cut
        // short) is made again from 1 KB, so it is the one the larger peek alone gives.
        var kind = Classify(chunk, ShortPeekBytes, out string? backend, out int headLength, out bool decided);
        if (!decided)
        {
            kind = Classify(chunk, PeekBytes, out backend, out headLength, out _);
        }

        return new DebugInfo(kind, chunk, backend, null, headLength);
    }

    /// <summary>The kind (and backend or tag) from the first <paramref name="peek"/> bytes of the term; decided unless
    /// there is more of the term and the decision looked at the head's last byte or wanted one past it, where a longer
    /// peek could decide otherwise.</summary>
    private static DebugInfoKind Classify(Chunk chunk, int peek, out string? backend, out int headLength, out bool decided)
    {
        var head = Head(chunk, peek, out headLength, out bool whole);
        int looked;
        DebugInfoKind kind;
        backend = null;
        if (chunk.Id == Metadata.ChunkId.Abst)
        {
            // {Tag, Forms} with Tag raw_abstract_v1 | abstract_v1 | abstract_v2.
            backend = PeekTupleAtoms(head, 2, out var tag, out _, out _, out looked) == 1 ? tag : null;
            kind = DebugInfoKind.AbstractCode;
        }
        else if (PeekTupleAtoms(head, 3, out var first, out var name, out int dataAt, out looked) == 2 && first == "debug_info_v1")
        {
            // {debug_info_v1, Backend, Data}; erl_abstract_code's Data is {none, Options} without debug_info.
            backend = name;
            kind = name switch
            {
                "erl_abstract_code" => StartsWithNone(head, dataAt, ref looked) ? DebugInfoKind.None : DebugInfoKind.ErlangV1,
                "elixir_erl" => DebugInfoKind.ElixirV1,
                _ => DebugInfoKind.Other,
            };
        }
        else
        {
            kind = DebugInfoKind.Other;
        }

        decided = whole || looked < head.Length;
        return kind;
    }

    [ThreadStatic]
    private static byte[]? headBuffer;

    /// <summary>The term's first <paramref name="peek"/> bytes without the version byte, inflating only a prefix when it
    /// is COMPRESSED (into the thread's own buffer, valid until the next call on this thread).</summary>
    private static ReadOnlySpan<byte> Head(Chunk chunk, int peek, out int headLength, out bool whole)
    {
        var data = chunk.Data.Span;
        if (data.Length >= 6 && data[0] == 131 && data[1] == 80)
        {
            var buffer = (headBuffer ??= new byte[PeekBytes]).AsSpan(0, peek);
            if (ZlibPrefix.TryInflate(data[6..], buffer))
            {
                // What ZLibStream would have pulled for the same bytes: its first input block.
                headLength = 6 + Math.Min(data.Length - 6, ZlibPrefix.InputBlock);
                whole = false;
                return buffer;
            }

            try
            {
                var input = Inflater.OpenRead(chunk.Data[6..]);
                using var z = new ZLibStream(input, CompressionMode.Decompress);
                int filled = 0, n;
                while (filled < buffer.Length && (n = z.Read(buffer[filled..])) > 0)
                {
                    filled += n;
                }

                // The inflater pulls its input in blocks; what it pulled is what the answer depends on.
                headLength = 6 + (int)input.Position;
                whole = filled < buffer.Length;
                return buffer[..filled];
            }
            catch (Exception e) when (Inflater.IsCorruptData(e))
            {
                throw new BadBeamFormatException(DiagnosticId.BadCompression, chunk.Offset, $"corrupt zlib data: {e.Message}", chunk.Id);
            }
        }

        if (data.Length < 1 || data[0] != 131)
        {
            throw new BadBeamFormatException(DiagnosticId.BadTermVersion, chunk.Offset, $"external term format version byte is {(data.Length > 0 ? data[0] : -1)}, expected 131", chunk.Id);
        }

        headLength = Math.Min(data.Length, peek);
        whole = headLength == data.Length;
        return data[1..headLength];
    }

    /// <summary>For a tuple of <paramref name="arity"/> (2 or 3) whose leading elements are atoms, how many of its
    /// first arity - 1 elements are atoms in a row, their names, and the offset just after them.
    /// <paramref name="looked"/>: how many bytes of the head the answer depends on (its whole length when it wanted a
    /// byte past the end).</summary>
    private static int PeekTupleAtoms(ReadOnlySpan<byte> head, int arity, out string? first, out string? second, out int after, out int looked)
    {
        first = second = null;
        after = 0;
        looked = Math.Min(head.Length, 2);
        if (head.Length < 2 || head[0] != 104 || head[1] != arity)
        {
            return 0;
        }

        int p = 2, count = 0;
        if (TryAtom(head, ref p, out first, ref looked))
        {
            count++;
            if (arity > 2 && TryAtom(head, ref p, out second, ref looked))
            {
                count++;
            }
        }

        after = p;
        return count;
    }

    /// <summary>Whether the term at <paramref name="at"/> is a pair whose first element is the atom <c>none</c>.</summary>
    private static bool StartsWithNone(ReadOnlySpan<byte> head, int at, ref int looked)
    {
        if (head.Length - at <= 2)
        {
            looked = head.Length;
            return false;
        }

        looked = Math.Max(looked, at + 2);
        int p = at + 2;
        return head[at] == 104 && head[at + 1] == 2 && TryAtom(head, ref p, out string? first, ref looked) && first == "none";
    }

    private static bool TryAtom(ReadOnlySpan<byte> data, ref int p, out string? name, ref int looked)
    {
        name = null;
        if (p >= data.Length)
        {
            looked = data.Length;
            return false;
        }

        byte tag = data[p];
        looked = Math.Max(looked, p + 1);
        int len, start;
        if (tag is 115 or 119)
        {
            start = p + 2;
        }
        else if (tag is 100 or 118)
        {
            start = p + 3;
        }
        else
        {
            return false;
        }

        if (start > data.Length)
        {
            looked = data.Length;
            return false;
        }

        len = start == p + 2 ? data[p + 1] : (data[p + 1] << 8) | data[p + 2];
        if (start + len > data.Length)
        {
            looked = data.Length;
            return false;
        }

        looked = Math.Max(looked, start + len);
        name = Name(data.Slice(start, len), latin1: tag is 100 or 115);
        p = start + len;
        return true;
    }

    /// <summary>The atoms a Dbgi or Abst head is made of, shared rather than made per module (the same in Latin-1 and
    /// UTF-8, being ASCII).</summary>
    private static readonly string[] KnownNames =
        ["debug_info_v1", "erl_abstract_code", "elixir_erl", "none", "raw_abstract_v1", "abstract_v1", "abstract_v2"];

    private static string Name(ReadOnlySpan<byte> text, bool latin1)
    {
        foreach (string known in KnownNames)
        {
            if (text.Length == known.Length && System.Text.Ascii.Equals(text, known))
            {
                return known;
            }
        }

        return latin1 ? Encoding.Latin1.GetString(text) : Encoding.UTF8.GetString(text);
    }
}
