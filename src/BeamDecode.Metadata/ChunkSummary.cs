namespace BeamDecode.Metadata;

/// <summary>A chunk as info lists it: id, offset of its data in the file image, size from its header.</summary>
public sealed record ChunkSummary(string Id, int Offset, int Size);
