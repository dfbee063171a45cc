using System.Collections.Immutable;

namespace BeamDecode.Forensics.Carving;

/// <summary>A scan and the files written from it (one per distinct module version).</summary>
public sealed record CarveResult(CarveScan Scan, ImmutableArray<CarvedFile> Files);
