namespace BeamDecode.Forensics.Carving;

/// <summary>
/// One BEAM image found in a blob: where it starts, its length, its module and md5 when it is valid, or why it is
/// not (<see cref="Rejection"/>: a truncated or damaged copy, a stray "FOR1" that is no header).
/// </summary>
public sealed record CarvedImage(long Offset, long Length, string? Module, string? Md5Hex, string? Rejection)
{
    public bool IsValid => Rejection is null;
}
