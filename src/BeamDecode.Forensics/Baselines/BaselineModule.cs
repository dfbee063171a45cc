using System.Collections.Immutable;

namespace BeamDecode.Forensics.Baselines;

/// <summary>
/// One module of a baseline. <see cref="AbstractCode"/> holds the module's debug-info chunk bytes exactly as
/// compiled (<see cref="AbstractCodeChunk"/> says which: "Dbgi" or "Abst"; empty when the module has none or it is
/// encrypted), so the differ can decode the forms with the same reader it uses on a .beam.
/// </summary>
public sealed record BaselineModule(
    string Module,
    string Path,
    string? Md5Hex,
    string DebugInfo,
    string AbstractCodeChunk,
    ImmutableArray<byte> AbstractCode,
    ImmutableArray<BaselineFunction> Functions);
