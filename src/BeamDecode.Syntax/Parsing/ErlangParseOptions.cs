using System.Collections.Immutable;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// How to read one Erlang source file (erlc's flags): include directories (<c>-I</c>), library directories for
/// <c>-include_lib</c> (<c>--lib-dir</c>), predefined macros (<c>-D</c>), and the OTP release whose lexer, preprocessor
/// and parser to emulate.
/// </summary>
public sealed record ErlangParseOptions
{
    public static ErlangParseOptions Default { get; } = new();

    /// <summary>Searched, after the including file's own directory, for <c>-include</c>.</summary>
    public ImmutableArray<string> IncludeDirs { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Directories holding applications (<c>app</c> or <c>app-Vsn</c>) for <c>-include_lib</c>.</summary>
    public ImmutableArray<string> LibDirs { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Whether an Erlang/OTP installed on this machine may be searched for <c>-include_lib</c> and for the
    /// release to emulate when <see cref="OtpRelease"/> is not given.</summary>
    public bool SearchInstalledOtp { get; init; } = true;

    /// <summary><c>-D NAME</c> (value null: <c>true</c>) and <c>-D NAME=VALUE</c> (VALUE is Erlang text), in order.</summary>
    public ImmutableArray<KeyValuePair<string, string?>> Macros { get; init; } = ImmutableArray<KeyValuePair<string, string?>>.Empty;

    /// <summary>The release to emulate; null: the one of the OTP found at or above a lib dir, else the newest known.</summary>
    public int? OtpRelease { get; init; }

    /// <summary>Features enabled from the start (erlc's <c>-enable-feature</c>).</summary>
    public ImmutableArray<string> Features { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The name <c>?FILE</c> and the first <c>-file</c> give the main file (epp's <c>source_name</c>); null:
    /// the path as given.</summary>
    public string? SourceName { get; init; }

    /// <summary>Whether the forms are meant to carry columns (compile's epp call, debug info) or lines alone
    /// (epp:parse_file/2's default): see <see cref="ParserOptions.Columns"/>. The tokens always have columns.</summary>
    public bool Columns { get; init; } = true;

    internal PreprocessorOptions ToPreprocessorOptions() => new()
    {
        IncludeDirs = IncludeDirs,
        LibDirs = LibDirs,
        SearchInstalledOtp = SearchInstalledOtp,
        Macros = Macros,
        OtpRelease = OtpRelease,
        Features = Features,
        SourceName = SourceName,
    };
}
