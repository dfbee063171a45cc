using System.Collections.Immutable;

namespace BeamDecode.Forensics.Carving;

/// <summary>What a scan saw: bytes read, "FOR1" markers met, and every candidate with a BEAM form type, valid or not.</summary>
public sealed record CarveScan(long BytesScanned, long Markers, ImmutableArray<CarvedImage> Images);
