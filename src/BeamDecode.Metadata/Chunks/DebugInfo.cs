using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The Dbgi chunk (OTP 20+) or Abst chunk (before): which backend wrote it and its payload
/// (beam_lib.erl chunk_to_data debug_info / abstract_code). An encrypted chunk starts with 0, the length
/// of the mode name, the mode (des3_cbc), then the cipher text; the payload stays encrypted here.
/// </summary>
public sealed class DebugInfo
{
    private DebugInfo(DebugInfoKind kind, string chunkId, string? backend, Term? payload, string? cryptoMode, ReadOnlyMemory<byte> cipherText)
    {
        Kind = kind;
        ChunkId = chunkId;
        Backend = backend;
        Payload = payload;
        CryptoMode = cryptoMode;
        CipherText = cipherText;
    }

    public DebugInfoKind Kind { get; }

    public string ChunkId { get; }

    /// <summary>The backend module (erl_abstract_code, elixir_erl, ...) for Dbgi; the tag (raw_abstract_v1, ...) for Abst.</summary>
    public string? Backend { get; }

    /// <summary>The backend's data (Dbgi) or the whole Abst term.</summary>
    public Term? Payload { get; }

    public string? CryptoMode { get; }

    public ReadOnlyMemory<byte> CipherText { get; }

    /// <summary>The name the info command prints: erlang_v1, elixir_v1, other:Backend, encrypted, abstract_v1, none.</summary>
    public string DisplayName => Kind switch
    {
        DebugInfoKind.ErlangV1 => "erlang_v1",
        DebugInfoKind.ElixirV1 => "elixir_v1",
        DebugInfoKind.Other => "other:" + Backend,
        DebugInfoKind.Encrypted => "encrypted",
        DebugInfoKind.AbstractCode => Backend ?? "abstract_code",
        _ => "none",
    };

    public static readonly DebugInfo Missing = new(DebugInfoKind.None, "", null, null, null, default);

    public static DebugInfo Decode(Chunk chunk)
    {
        var data = chunk.Data.Span;
        if (data.IsEmpty)
        {
            return new DebugInfo(DebugInfoKind.None, chunk.Id, null, null, null, default);
        }

        if (data[0] == 0)
        {
            var r = new BeamReader(data, chunk.Offset, chunk.Id);
            r.ReadByte();
            int n = r.ReadByte();
            string mode = Encoding.Latin1.GetString(r.ReadBytes(n));
            return new DebugInfo(DebugInfoKind.Encrypted, chunk.Id, null, null, mode, chunk.Data[(2 + n)..]);
        }

        var term = TermReader.Decode(data, chunk.Offset, chunk.Id);
        if (chunk.Id == Metadata.ChunkId.Abst)
        {
            string? tag = term is TupleTerm { Arity: 2 } t && t[0] is AtomTerm a ? a.Name : null;
            return new DebugInfo(DebugInfoKind.AbstractCode, chunk.Id, tag, term, null, default);
        }

        if (term is TupleTerm { Arity: 3 } dbgi && dbgi[0] is AtomTerm { Name: "debug_info_v1" } && dbgi[1] is AtomTerm backend)
        {
            var kind = backend.Name switch
            {
                "erl_abstract_code" => IsNoCode(dbgi[2]) ? DebugInfoKind.None : DebugInfoKind.ErlangV1,
                "elixir_erl" => DebugInfoKind.ElixirV1,
                _ => DebugInfoKind.Other,
            };
            return new DebugInfo(kind, chunk.Id, backend.Name, dbgi[2], null, default);
        }

        return new DebugInfo(DebugInfoKind.Other, chunk.Id, null, term, null, default);
    }

    /// <summary>erl_abstract_code writes <c>{none, Options}</c> when compiled without debug_info.</summary>
    private static bool IsNoCode(Term data) => data is TupleTerm { Arity: 2 } t && t[0] is AtomTerm { Name: "none" };
}
