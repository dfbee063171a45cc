using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata;

/// <summary>
/// The safety limits every decoder applies to untrusted input (README "Limits"; docs/reliability.md). The defaults
/// are far above anything a compiler writes and far below what would exhaust a machine. <see cref="Current"/> is what
/// a decode uses when the caller passes no limits of its own: a host sets it once, before decoding starts (the CLI
/// does from its <c>--max-*</c> options), so a legitimate giant can be read without changing code.
/// </summary>
public sealed record DecodeLimits
{
    /// <summary>
    /// Deepest <see cref="MaxTermDepth"/> accepted: the default, so depth can be lowered but not raised. The reader and
    /// a term's consumers (printer, comparer, the abstract-code reader and source printer) recurse per level, and a
    /// thread-pool thread's 1.5 MB stack holds 2,000 levels of all of them but not 2,500 (measured, Release build;
    /// docs/reliability.md). A higher limit would trade a diagnostic for a crash that .NET cannot catch.
    /// </summary>
    public const int TermDepthCeiling = 2_000;

    private static DecodeLimits s_current = new();

    public static DecodeLimits Default { get; } = new();

    /// <summary>The limits in force for decodes that pass none (process-wide; set it before decoding starts).</summary>
    public static DecodeLimits Current
    {
        get => Volatile.Read(ref s_current);
        set => Volatile.Write(ref s_current, (value ?? throw new ArgumentNullException(nameof(value))).Validated());
    }

    /// <summary>Largest file, and largest image after whole-file gunzip (a .beam, an archive member).</summary>
    public long MaxImageSize { get; init; } = BeamFileLimits.MaxImageSize;

    /// <summary>Largest inflated literal table (LitT); its declared size is checked before inflating.</summary>
    public long MaxLiteralTableSize { get; init; } = LiteralTable.MaxInflatedSize;

    /// <summary>Total bytes one term decode may inflate from COMPRESSED terms.</summary>
    public long MaxInflatedTermBytes { get; init; } = 256L << 20;

    /// <summary>Deepest nesting of tuples, lists, maps and funs in a term (counted, not left to the call stack).</summary>
    public int MaxTermDepth { get; init; } = 2_000;

    /// <summary>Largest bignum, in bytes of magnitude.</summary>
    public int MaxBignumBytes { get; init; } = 1 << 16;

    /// <summary>Most subterms one term decode may hold (a literal, a term chunk, a dump).</summary>
    public long MaxTerms { get; init; } = 16L << 20;

    /// <summary>The term reader's share of these limits.</summary>
    public TermReaderOptions ToTermReaderOptions() => new()
    {
        MaxDepth = MaxTermDepth,
        MaxBignumBytes = MaxBignumBytes,
        MaxInflatedBytes = MaxInflatedTermBytes,
        MaxTerms = MaxTerms,
    };

    /// <summary>These limits, or an <see cref="ArgumentOutOfRangeException"/> naming the first one out of range.</summary>
    public DecodeLimits Validated()
    {
        // Sizes end up as array lengths: above Array.MaxLength a "raised" limit could only fail later, worse.
        Check(MaxImageSize, 1, Array.MaxLength, nameof(MaxImageSize));
        Check(MaxLiteralTableSize, 1, Array.MaxLength, nameof(MaxLiteralTableSize));
        Check(MaxInflatedTermBytes, 1, Array.MaxLength, nameof(MaxInflatedTermBytes));
        Check(MaxTermDepth, 1, TermDepthCeiling, nameof(MaxTermDepth));
        Check(MaxBignumBytes, 1, 1 << 27, nameof(MaxBignumBytes));
        Check(MaxTerms, 1, Array.MaxLength, nameof(MaxTerms));
        return this;
    }

    private static void Check(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}");
        }
    }
}
