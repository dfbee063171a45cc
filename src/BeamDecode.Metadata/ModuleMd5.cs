using System.Security.Cryptography;

namespace BeamDecode.Metadata;

/// <summary>
/// The module checksum exactly as <c>beam_lib:md5/1</c> and <c>Module:module_info(md5)</c> compute it:
/// MD5 over the data of Atom, AtU8, Code, StrT, ImpT, ExpT, FunT, LitT and Meta, in that order, each when
/// present, with every FunT entry's OldUniq word replaced by zeros (beam_lib.erl md5_chunks/0 and
/// filter_funtab/1; erts beam_file.c beamfile_read). beam_lib refuses a module without Code, ExpT, ImpT or
/// StrT (mandatory_chunks/0); so does this.
/// </summary>
public static class ModuleMd5
{
    private static readonly string[] HashedChunks =
        [ChunkId.Atom, ChunkId.AtU8, ChunkId.Code, ChunkId.StrT, ChunkId.ImpT, ChunkId.ExpT, ChunkId.FunT, ChunkId.LitT, ChunkId.Meta];

    private static readonly string[] MandatoryChunks = [ChunkId.Code, ChunkId.ExpT, ChunkId.ImpT, ChunkId.StrT];

    /// <summary>The 16-byte checksum, or null (with the missing chunk's id) when beam_lib would refuse the module.</summary>
    public static byte[]? TryCompute(BeamFile beam, out string? missingChunk)
    {
        foreach (var id in MandatoryChunks)
        {
            if (beam.FindChunk(id) is null)
            {
                missingChunk = id;
                return null;
            }
        }

        missingChunk = null;
        // The hashed bytes are gathered into one buffer (the thread's own, reused) and hashed in one call: an
        // IncrementalHash per module costs a native context and a finalizable handle, and FunT took two updates per
        // entry (benchmarks/README.md, compare.sh).
        int total = 0;
        foreach (var id in HashedChunks)
        {
            total += beam.FindChunk(id)?.Data.Length ?? 0;
        }

        byte[] gathered = total <= ReuseLimit
            ? (threadBuffer is { } b && b.Length >= total ? b : (threadBuffer = new byte[Math.Max(total, 64 << 10)]))
            : new byte[total];
        int at = 0;
        foreach (var id in HashedChunks)
        {
            if (beam.FindChunk(id) is not { } chunk)
            {
                continue;
            }

            var data = chunk.Data.Span;
            data.CopyTo(gathered.AsSpan(at));
            if (id == ChunkId.FunT)
            {
                ZeroOldUniq(gathered.AsSpan(at, data.Length));
            }

            at += data.Length;
        }

        return MD5.HashData(gathered.AsSpan(0, total));
    }

    /// <summary>Buffers up to this size are kept per thread (<see cref="threadBuffer"/>); the OTP tree's largest
    /// module hashes under 1 MB.</summary>
    private const int ReuseLimit = 4 << 20;

    [ThreadStatic]
    private static byte[]? threadBuffer;

    /// <summary>FunT as beam_lib hashes it: <c>&lt;&lt;Count:4/binary&gt;&gt;</c>, then per entry 20 significant bytes
    /// and a 4-byte OldUniq replaced by zeros; trailing bytes kept as they are.</summary>
    private static void ZeroOldUniq(Span<byte> funTable)
    {
        for (int entry = 4; entry + 24 <= funTable.Length; entry += 24)
        {
            funTable.Slice(entry + 20, 4).Clear();
        }
    }
}
