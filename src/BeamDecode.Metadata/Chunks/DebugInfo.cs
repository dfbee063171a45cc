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
/// The kind is found from the first few hundred bytes (inflating only a prefix of a compressed term), because
/// the payload is usually the largest thing in the file and `info` only needs its kind; <see cref="Payload"/>
/// decodes the whole term on first use.
/// </para>
/// </summary>
public sealed class DebugInfo
{
    private const int PeekBytes = 1024;

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

        var head = Head(chunk, out int headLength);
        if (chunk.Id == Metadata.ChunkId.Abst)
        {
            // {Tag, Forms} with Tag raw_abstract_v1 | abstract_v1 | abstract_v2.
            string? tag = PeekTupleAtoms(head, 2, out _) is [var t] ? t : null;
            return new DebugInfo(DebugInfoKind.AbstractCode, chunk, tag, null, headLength);
        }

        // {debug_info_v1, Backend, Data}; erl_abstract_code's Data is {none, Options} without debug_info.
        if (PeekTupleAtoms(head, 3, out int dataAt) is ["debug_info_v1", var backend])
        {
            var kind = backend switch
            {
                "erl_abstract_code" => StartsWithNone(head[dataAt..]) ? DebugInfoKind.None : DebugInfoKind.ErlangV1,
                "elixir_erl" => DebugInfoKind.ElixirV1,
                _ => DebugInfoKind.Other,
            };
            return new DebugInfo(kind, chunk, backend, null, headLength);
        }

        return new DebugInfo(DebugInfoKind.Other, chunk, null, null, headLength);
    }

    [ThreadStatic]
    private static byte[]? headBuffer;

    /// <summary>The term's first bytes without the version byte, inflating only a prefix when it is COMPRESSED (into
    /// the thread's own buffer, valid until the next call on this thread).</summary>
    private static ReadOnlySpan<byte> Head(Chunk chunk, out int headLength)
    {
        var data = chunk.Data.Span;
        if (data.Length >= 6 && data[0] == 131 && data[1] == 80)
        {
            var buffer = headBuffer ??= new byte[PeekBytes];
            if (ZlibPrefix.TryInflate(data[6..], buffer))
            {
                // What ZLibStream would have pulled for the same bytes: its first input block.
                headLength = 6 + Math.Min(data.Length - 6, ZlibPrefix.InputBlock);
                return buffer;
            }

            try
            {
                var input = Inflater.OpenRead(chunk.Data[6..]);
                using var z = new ZLibStream(input, CompressionMode.Decompress);
                int filled = 0, n;
                while (filled < buffer.Length && (n = z.Read(buffer, filled, buffer.Length - filled)) > 0)
                {
                    filled += n;
                }

                // The inflater pulls its input in blocks; what it pulled is what the answer depends on.
                headLength = 6 + (int)input.Position;
                return buffer.AsSpan(0, filled);
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

        headLength = Math.Min(data.Length, PeekBytes);
        return data[1..headLength];
    }

    /// <summary>For a tuple of <paramref name="arity"/> whose leading elements are atoms, those atoms' names
    /// (up to arity - 1), and the offset just after them.</summary>
    private static string[] PeekTupleAtoms(ReadOnlySpan<byte> head, int arity, out int after)
    {
        after = 0;
        if (head.Length < 2 || head[0] != 104 || head[1] != arity)
        {
            return [];
        }

        var names = new List<string>(arity - 1);
        int p = 2;
        while (names.Count < arity - 1 && TryAtom(head, ref p, out var name))
        {
            names.Add(name);
        }

        after = p;
        return [.. names];
    }

    private static bool StartsWithNone(ReadOnlySpan<byte> data)
    {
        int p = 2;
        return data.Length > 2 && data[0] == 104 && data[1] == 2 && TryAtom(data, ref p, out var first) && first == "none";
    }

    private static bool TryAtom(ReadOnlySpan<byte> data, ref int p, out string name)
    {
        name = "";
        if (p >= data.Length)
        {
            return false;
        }

        byte tag = data[p];
        int len, start;
        if (tag is 115 or 119 && p + 1 < data.Length)
        {
            len = data[p + 1];
            start = p + 2;
        }
        else if (tag is 100 or 118 && p + 2 < data.Length)
        {
            len = (data[p + 1] << 8) | data[p + 2];
            start = p + 3;
        }
        else
        {
            return false;
        }

        if (start + len > data.Length)
        {
            return false;
        }

        name = tag is 100 or 115 ? Encoding.Latin1.GetString(data.Slice(start, len)) : Encoding.UTF8.GetString(data.Slice(start, len));
        p = start + len;
        return true;
    }
}
