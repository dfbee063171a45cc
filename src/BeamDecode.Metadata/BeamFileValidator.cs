using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Metadata;

/// <summary>
/// Decodes every table of a module eagerly, so a malformed byte anywhere surfaces as a
/// <see cref="BadBeamFormatException"/> now rather than when a command first touches that table.
/// Used by conformance and fuzz tests, and by hosts that want a full check.
/// </summary>
public static class BeamFileValidator
{
    /// <summary>Term chunks that hold one external-format term each.</summary>
    private static readonly string[] TermChunks = [ChunkId.Attr, ChunkId.CInf, ChunkId.Meta, ChunkId.Docs, ChunkId.ExCk];

    /// <summary>Decodes everything; returns how many terms (literals + term chunks + debug info) were decoded.</summary>
    public static int DecodeAll(BeamFile beam)
    {
        int terms = 0;
        _ = beam.ModuleName;
        _ = beam.Code;
        _ = beam.Imports;
        _ = beam.Exports;
        _ = beam.Locals;
        _ = beam.Lambdas;
        _ = beam.Lines;
        _ = beam.Types;
        _ = beam.Docs;
        terms += beam.Literals?.Count ?? 0;
        foreach (var id in TermChunks)
        {
            if (beam.DecodeTermChunk(id) is not null)
            {
                terms++;
            }
        }

        var debug = beam.DebugInfo;
        if (debug.Kind is not (DebugInfoKind.None or DebugInfoKind.Encrypted) && debug.Payload is not null)
        {
            terms++;
        }

        _ = ModuleMd5.TryCompute(beam, out _);
        return terms;
    }
}
