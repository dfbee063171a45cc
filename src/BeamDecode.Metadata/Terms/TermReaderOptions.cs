namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Safety limits for decoding untrusted terms. Defaults are far above anything the compiler writes
/// and far below what would exhaust the machine.
/// </summary>
public sealed record TermReaderOptions
{
    public static readonly TermReaderOptions Default = new();

    /// <summary>Deepest nesting of tuples, lists' tails, maps and funs. Decoding recurses, so this bounds the stack.</summary>
    public int MaxDepth { get; init; } = 2_000;

    /// <summary>Largest bignum, in bytes of magnitude (OTP's own limit is about 2^24 words; no literal comes close).</summary>
    public int MaxBignumBytes { get; init; } = 1 << 16;

    /// <summary>Total bytes a single decode may inflate from COMPRESSED terms.</summary>
    public long MaxInflatedBytes { get; init; } = 256L << 20;
}
