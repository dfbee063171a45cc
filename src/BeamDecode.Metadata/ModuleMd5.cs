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
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var id in HashedChunks)
        {
            var chunk = beam.FindChunk(id);
            if (chunk is null)
            {
                continue;
            }

            if (id == ChunkId.FunT)
            {
                AppendFunTable(md5, chunk.Data.Span);
            }
            else
            {
                md5.AppendData(chunk.Data.Span);
            }
        }

        return md5.GetHashAndReset();
    }

    private static void AppendFunTable(IncrementalHash md5, ReadOnlySpan<byte> data)
    {
        // <<Count:4/binary, then per entry 20 significant bytes and a 4-byte OldUniq>>; trailing bytes kept as they are.
        if (data.Length < 4)
        {
            md5.AppendData(data);
            return;
        }

        md5.AppendData(data[..4]);
        var rest = data[4..];
        ReadOnlySpan<byte> zero = [0, 0, 0, 0];
        while (rest.Length >= 24)
        {
            md5.AppendData(rest[..20]);
            md5.AppendData(zero);
            rest = rest[24..];
        }

        md5.AppendData(rest);
    }
}
