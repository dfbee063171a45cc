namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The features of each release (stdlib erl_features.erl, feature_specs/0): <c>maybe_expr</c> is experimental from
/// OTP 25 and approved (enabled by default) from OTP 27. Drives ?FEATURE_AVAILABLE and -feature.
/// </summary>
internal static class FeatureInfo
{
    /// <summary>erl_features:all/0 for a release.</summary>
    public static bool Exists(string feature, int release) => feature == LexerOptions.MaybeExpr && release >= 25;

    /// <summary>erl_features:configurable/0: experimental or approved.</summary>
    public static bool IsConfigurable(string feature, int release) => Exists(feature, release);

    /// <summary>epp.erl predef_macros/2: the features that are not rejected.</summary>
    public static IReadOnlyList<string> Available(int release) => release >= 25 ? [LexerOptions.MaybeExpr] : [];
}
