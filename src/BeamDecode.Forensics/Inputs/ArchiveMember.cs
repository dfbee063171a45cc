using BeamDecode.Metadata;

namespace BeamDecode.Forensics.Inputs;

/// <summary>A .beam inside an archive or escript: its name in the container and its bytes, or why it cannot be had.</summary>
public sealed record ArchiveMember(string Name, byte[]? Bytes, BadBeamFormatException? Failure);
