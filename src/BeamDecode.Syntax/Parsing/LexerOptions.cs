using System.Collections.Immutable;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// What the lexer emulates: the OTP release (triple-quoted strings and sigils from OTP 27, <c>&amp;&amp;</c>,
/// <c>&lt;:-</c> and <c>&lt;:=</c> from OTP 28, the error locations of each erl_scan version) and the enabled
/// features whose keywords become reserved words (stdlib erl_features.erl: <c>maybe_expr</c> brings
/// <c>maybe</c> and <c>else</c>; it is off by default in OTP 25 and 26, on by default from OTP 27).
/// Checked against erl_scan of OTP 25 and OTP 27; for older releases only the two differences that matter to
/// real sources are kept: no <c>?=</c> token before OTP 25 and no <c>_</c> digit separators before OTP 23.
/// </summary>
public sealed record LexerOptions
{
    /// <summary>The newest OTP release the lexer knows.</summary>
    public const int NewestRelease = 29;

    public static LexerOptions Default { get; } = new();

    public LexerOptions()
        : this(NewestRelease)
    {
    }

    /// <summary>Options for a release with its default features.</summary>
    public LexerOptions(int otpRelease)
    {
        OtpRelease = otpRelease;
        Features = DefaultFeatures(otpRelease);
    }

    /// <summary>Options for a release with an explicit set of enabled features (e.g. after
    /// <c>-feature(maybe_expr, enable).</c>).</summary>
    public LexerOptions(int otpRelease, IEnumerable<string> features)
    {
        OtpRelease = otpRelease;
        Features = features.ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>The OTP release erl_scan is emulated for (e.g. 25, 27).</summary>
    public int OtpRelease { get; init; }

    /// <summary>The enabled features (erl_features names, e.g. <c>maybe_expr</c>).</summary>
    public ImmutableHashSet<string> Features { get; init; }

    /// <summary>OTP 27+: <c>"""</c> starts a triple-quoted string and <c>~</c> a sigil (erl_scan of OTP 27).</summary>
    public bool HasTripleQuotesAndSigils => OtpRelease >= 27;

    /// <summary>OTP 28+: <c>&amp;&amp;</c> (zip generators), <c>&lt;:-</c> and <c>&lt;:=</c> (strict generators).</summary>
    public bool HasStrictAndZipGenerators => OtpRelease >= 28;

    /// <summary>The features enabled when nothing says otherwise (erl_features.erl, the <c>status</c> of each
    /// feature per release): <c>maybe_expr</c> from OTP 27.</summary>
    public static ImmutableHashSet<string> DefaultFeatures(int otpRelease) =>
        otpRelease >= 27 ? [MaybeExpr] : ImmutableHashSet<string>.Empty;

    public const string MaybeExpr = "maybe_expr";

    /// <summary>Returns options with a feature enabled or disabled.</summary>
    public LexerOptions WithFeature(string feature, bool enabled) =>
        this with { Features = enabled ? Features.Add(feature) : Features.Remove(feature) };

    /// <summary>erl_scan:reserved_word/1: the fixed reserved words (f_reserved_word/1) plus the keywords of the
    /// enabled features.</summary>
    public bool IsReservedWord(string name) =>
        IsFixedReservedWord(name)
        || (Features.Contains(MaybeExpr) && (name == "maybe" || name == "else"));

    /// <summary>erl_scan:f_reserved_word/1.</summary>
    public static bool IsFixedReservedWord(string name) => name switch
    {
        "after" or "begin" or "case" or "try" or "cond" or "catch" or "andalso" or "orelse" or "end" or "fun"
            or "if" or "let" or "of" or "receive" or "when" or "bnot" or "not" or "div" or "rem" or "band"
            or "and" or "bor" or "bxor" or "bsl" or "bsr" or "or" or "xor" => true,
        _ => false,
    };
}
