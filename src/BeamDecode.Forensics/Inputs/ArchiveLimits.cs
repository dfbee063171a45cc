using BeamDecode.Metadata;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Bounds for reading untrusted archives: bytes are counted as inflation actually produces them, never taken from
/// the sizes an entry declares (facts.md: a 31-byte input can claim to be small and inflate to hundreds of MB).
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>The defaults, with the member limit of <see cref="DecodeLimits.Current"/> (a host may have raised it).</summary>
    public static ArchiveLimits Default => new();

    /// <summary>Largest archive or escript file read.</summary>
    public long MaxFileSize { get; init; } = 1L << 30;

    /// <summary>Most bytes one member may inflate to (the limit for a whole .beam image).</summary>
    public long MaxMemberSize { get; init; } = DecodeLimits.Current.MaxImageSize;

    /// <summary>Most bytes all members of one archive may inflate to together.</summary>
    public long MaxTotalSize { get; init; } = 1L << 30;

    /// <summary>Most bytes of a tar stream read (after gunzip), skipped members included: bounds the time a
    /// gzip bomb inside a tarball can cost.</summary>
    public long MaxTarStreamSize { get; init; } = 4L << 30;

    /// <summary>Most entries examined in one archive.</summary>
    public int MaxEntries { get; init; } = 100_000;
}
