namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Safety limits for decoding untrusted terms. Defaults are far above anything the compiler writes
/// and far below what would exhaust the machine.
/// </summary>
public sealed record TermReaderOptions
{
    private static Cached? s_default;

    /// <summary>The term share of <see cref="DecodeLimits.Current"/> (the defaults below unless a host raised them).</summary>
    public static TermReaderOptions Default
    {
        get
        {
            var limits = DecodeLimits.Current;
            var cached = Volatile.Read(ref s_default);
            if (cached is null || !ReferenceEquals(cached.Limits, limits))
            {
                cached = new Cached(limits, limits.ToTermReaderOptions());
                Volatile.Write(ref s_default, cached);
            }

            return cached.Options;
        }
    }

    /// <summary>Deepest nesting of tuples, lists' tails, maps and funs. Decoding recurses, so this bounds the stack.</summary>
    public int MaxDepth { get; init; } = 2_000;

    /// <summary>Largest bignum, in bytes of magnitude (OTP's own limit is about 2^24 words; no literal comes close).</summary>
    public int MaxBignumBytes { get; init; } = 1 << 16;

    /// <summary>Total bytes a single decode may inflate from COMPRESSED terms.</summary>
    public long MaxInflatedBytes { get; init; } = 256L << 20;

    /// <summary>Most subterms one decode may hold (each costs a reference and often an object, while a byte of
    /// input can encode one). OTP's largest literal table holds well under a million; a collector dump of thousands
    /// of modules a few million.</summary>
    public long MaxTerms { get; init; } = 16L << 20;

    private sealed record Cached(DecodeLimits Limits, TermReaderOptions Options);
}
