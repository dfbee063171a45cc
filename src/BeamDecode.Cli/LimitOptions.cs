using System.CommandLine;
using BeamDecode.Metadata;

namespace BeamDecode.Cli;

/// <summary>
/// The <c>--max-*</c> options of every command (README "Limits"): each raises or lowers one of the
/// <see cref="DecodeLimits"/> for this run. Defaults are the library's; out-of-range values are a usage error.
/// </summary>
internal sealed class LimitOptions
{
    private readonly Option<long?> _imageSize = new("--max-image-size")
    {
        Description = $"largest file or decompressed module image, in bytes (default {DecodeLimits.Default.MaxImageSize})",
        Recursive = true,
    };

    private readonly Option<long?> _literalTable = new("--max-literal-table")
    {
        Description = $"largest inflated LitT chunk, in bytes (default {DecodeLimits.Default.MaxLiteralTableSize})",
        Recursive = true,
    };

    private readonly Option<long?> _inflatedTerm = new("--max-inflated-term")
    {
        Description = $"most bytes one compressed term may inflate to (default {DecodeLimits.Default.MaxInflatedTermBytes})",
        Recursive = true,
    };

    private readonly Option<int?> _termDepth = new("--max-term-depth")
    {
        Description = $"deepest term nesting (default {DecodeLimits.Default.MaxTermDepth}, at most {DecodeLimits.TermDepthCeiling})",
        Recursive = true,
    };

    private readonly Option<int?> _bignum = new("--max-bignum-bytes")
    {
        Description = $"largest integer, in bytes (default {DecodeLimits.Default.MaxBignumBytes})",
        Recursive = true,
    };

    private readonly Option<long?> _terms = new("--max-terms")
    {
        Description = $"most subterms in one term (default {DecodeLimits.Default.MaxTerms})",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(_imageSize);
        root.Options.Add(_literalTable);
        root.Options.Add(_inflatedTerm);
        root.Options.Add(_termDepth);
        root.Options.Add(_bignum);
        root.Options.Add(_terms);
    }

    /// <summary>The limits the parse asks for, or null when it names none (the current ones stay).</summary>
    public DecodeLimits? From(ParseResult parse)
    {
        var image = parse.GetValue(_imageSize);
        var literals = parse.GetValue(_literalTable);
        var inflated = parse.GetValue(_inflatedTerm);
        var depth = parse.GetValue(_termDepth);
        var bignum = parse.GetValue(_bignum);
        var terms = parse.GetValue(_terms);
        if (image is null && literals is null && inflated is null && depth is null && bignum is null && terms is null)
        {
            return null;
        }

        var current = DecodeLimits.Current;
        var limits = current with
        {
            MaxImageSize = image ?? current.MaxImageSize,
            MaxLiteralTableSize = literals ?? current.MaxLiteralTableSize,
            MaxInflatedTermBytes = inflated ?? current.MaxInflatedTermBytes,
            MaxTermDepth = depth ?? current.MaxTermDepth,
            MaxBignumBytes = bignum ?? current.MaxBignumBytes,
            MaxTerms = terms ?? current.MaxTerms,
        };
        try
        {
            return limits.Validated();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException("limit out of range: " + e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
