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
        if (!HasMandatoryChunks(beam, out missingChunk))
        {
            return null;
        }

        // One MD5 context per thread, fed each chunk where it lies and reset by taking the hash: no native context
        // and finalizable handle per module (IncrementalHash.CreateHash), and no copy of the 9 MB the OTP tree hashes
        // into a gathering buffer (benchmarks/README.md, compare.sh). FunT is hashed from a copy with OldUniq zeroed.
        var md5 = threadMd5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var id in HashedChunks)
        {
            if (beam.FindChunk(id) is not { } chunk)
            {
                continue;
            }

            var data = chunk.Data.Span;
            if (id == ChunkId.FunT)
            {
                byte[] copy = data.Length <= ReuseLimit
                    ? (threadBuffer is { } b && b.Length >= data.Length ? b : (threadBuffer = new byte[Math.Max(data.Length, 16 << 10)]))
                    : new byte[data.Length];
                data.CopyTo(copy);
                ZeroOldUniq(copy.AsSpan(0, data.Length));
                md5.AppendData(copy, 0, data.Length);
            }
            else
            {
                md5.AppendData(data);
            }
        }

        return md5.GetHashAndReset();
    }

    /// <summary>The number of bytes <see cref="TryCompute"/> hashes, or -1 (with the missing chunk's id) when it gives
    /// null: what <see cref="ModuleMd5Batch"/> stages.</summary>
    internal static long HashedLength(BeamFile beam, out string? missingChunk)
    {
        if (!HasMandatoryChunks(beam, out missingChunk))
        {
            return -1;
        }

        long length = 0;
        foreach (var id in HashedChunks)
        {
            length += beam.FindChunk(id)?.Data.Length ?? 0;
        }

        return length;
    }

    /// <summary>The bytes <see cref="TryCompute"/> hashes (<see cref="HashedLength"/> of them), FunT with its OldUniq
    /// words zeroed, into <paramref name="into"/>.</summary>
    internal static void CopyHashedData(BeamFile beam, Span<byte> into)
    {
        foreach (var id in HashedChunks)
        {
            if (beam.FindChunk(id) is not { } chunk)
            {
                continue;
            }

            var data = chunk.Data.Span;
            data.CopyTo(into);
            if (id == ChunkId.FunT)
            {
                ZeroOldUniq(into[..data.Length]);
            }

            into = into[data.Length..];
        }
    }

    private static bool HasMandatoryChunks(BeamFile beam, out string? missingChunk)
    {
        foreach (var id in MandatoryChunks)
        {
            if (beam.FindChunk(id) is null)
            {
                missingChunk = id;
                return false;
            }
        }

        missingChunk = null;
        return true;
    }

    /// <summary>FunT tables up to this size are copied into the thread's own buffer (<see cref="threadBuffer"/>).</summary>
    private const int ReuseLimit = 1 << 20;

    [ThreadStatic]
    private static byte[]? threadBuffer;

    [ThreadStatic]
    private static IncrementalHash? threadMd5;

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
