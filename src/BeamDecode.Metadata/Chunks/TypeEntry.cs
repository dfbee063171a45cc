namespace BeamDecode.Metadata.Chunks;

/// <summary>One entry of the Type chunk: the raw type bits (including flag bits) and the extras present.</summary>
public sealed record TypeEntry(ushort Bits, long? Min, long? Max, int? Unit);
