using System.Collections.Immutable;

namespace BeamDecode.Forensics.Baselines;

/// <summary>
/// What is supposed to run: per module its md5 and, per function, a fingerprint of its normalized code, with the
/// module's abstract code (its Dbgi/Abst chunk, as compiled) or, when it has none, each function's normalized
/// disassembly. Written by <see cref="BaselineWriter"/> into a <c>.bdb</c> file (README.md, "Baseline format"),
/// read back by <see cref="BaselineReader"/>.
/// </summary>
public sealed record Baseline
{
    /// <summary>The format version this tool writes and reads.</summary>
    public const int Version = 1;

    public required DateTime CreatedUtc { get; init; }

    /// <summary>The beamdecode version that wrote it (informational).</summary>
    public required string Tool { get; init; }

    public required ImmutableArray<BaselineModule> Modules { get; init; }
}
