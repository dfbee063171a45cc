namespace BeamDecode.Forensics.Baselines;

/// <summary>
/// The <c>.bdb</c> layout (README.md, "Baseline format"): "BDBL", u16 version, u16 flags (0), i64 creation time
/// (Unix ms), the tool version (7-bit length-prefixed UTF-8), then blocks: u32 uncompressed size, u32 compressed
/// size, an LZ4 block (K4os.Compression.LZ4) holding a 7-bit module count and that many module records; a block
/// of sizes 0, 0 ends the file. All integers little-endian. Blocks of a few MB keep memory bounded and let a
/// reader decompress them in parallel.
/// </summary>
internal static class BaselineFormat
{
    public static ReadOnlySpan<byte> Magic => "BDBL"u8;

    /// <summary>Uncompressed bytes a writer puts in one block before starting the next (a larger module gets its own).</summary>
    public const int TargetBlockSize = 4 << 20;

    /// <summary>Largest block a reader inflates.</summary>
    public const int MaxBlockSize = 256 << 20;

    /// <summary>Largest baseline file read.</summary>
    public const long MaxFileSize = 4L << 30;

    /// <summary>Most modules in one baseline.</summary>
    public const int MaxModules = 1_000_000;

    /// <summary>LZ4 cannot expand by more than 255 to 1: a block claiming more is refused before allocating.</summary>
    public const int MaxRatio = 255;
}
