using System.Collections.Immutable;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Code;

namespace BeamDecode.Forensics.Baselines;

/// <summary>Builds a <see cref="BaselineModule"/> from a module: md5, each function's fingerprint, abstract code or
/// disassembly. Throws <see cref="BadBeamFormatException"/> for a module whose code cannot be decoded.</summary>
public static class BaselineBuilder
{
    public static BaselineModule FromBeam(string path, BeamFile beam)
    {
        byte[]? md5 = ModuleMd5.TryCompute(beam, out _);
        var debugInfo = beam.DebugInfo;
        bool hasAbstract = debugInfo.Kind is not (DebugInfoKind.None or DebugInfoKind.Encrypted);
        var chunk = hasAbstract ? beam.FindChunk(debugInfo.ChunkId) : null;
        var module = Disassembler.Disassemble(beam);
        var functions = ImmutableArray.CreateBuilder<BaselineFunction>(module.Functions.Length);
        foreach (var function in module.Functions)
        {
            var (text, fingerprint, count) = CodeFingerprint.Normalize(module, function);
            functions.Add(new BaselineFunction(function.Name.Name, function.Arity, fingerprint, count, chunk is null ? text : null));
        }

        return new BaselineModule(
            beam.ModuleName,
            path,
            md5 is null ? null : Convert.ToHexStringLower(md5),
            debugInfo.DisplayName,
            chunk?.Id ?? "",
            chunk is null ? [] : [.. chunk.Data.Span],
            functions.MoveToImmutable());
    }
}
