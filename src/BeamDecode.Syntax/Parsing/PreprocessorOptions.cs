using System.Collections.Immutable;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// How to preprocess a file, as epp:open/1's options and erlc's flags give them: include directories (<c>-I</c>),
/// library directories for <c>-include_lib</c> (<c>--lib-dir</c>), predefined macros (<c>-D</c>) and the OTP
/// release to emulate.
/// </summary>
public sealed record PreprocessorOptions
{
    public static PreprocessorOptions Default { get; } = new();

    /// <summary>Include directories searched after the including file's own directory (epp's <c>includes</c>).</summary>
    public ImmutableArray<string> IncludeDirs { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Directories holding applications (<c>app</c> or <c>app-Vsn</c>) for <c>-include_lib("app/...")</c>,
    /// searched in order before an installed OTP found on the machine.</summary>
    public ImmutableArray<string> LibDirs { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Whether an installed Erlang/OTP (its lib directory) may be searched for -include_lib when
    /// <see cref="LibDirs"/> do not have the application.</summary>
    public bool SearchInstalledOtp { get; init; } = true;

    /// <summary>Predefined macros, in order: <c>-D NAME</c> (value null: the atom <c>true</c>) or <c>-D NAME=VALUE</c>
    /// (VALUE is scanned as Erlang tokens).</summary>
    public ImmutableArray<KeyValuePair<string, string?>> Macros { get; init; } =
        ImmutableArray<KeyValuePair<string, string?>>.Empty;

    /// <summary>The OTP release to emulate (<c>?OTP_RELEASE</c>, feature availability, the lexer's release). Null:
    /// the release of the OTP installation found at or above a lib dir, else <see cref="LexerOptions.NewestRelease"/>.</summary>
    public int? OtpRelease { get; init; }

    /// <summary>Features enabled from the start (erlc's <c>-enable-feature</c>, epp's <c>features</c> option).</summary>
    public ImmutableArray<string> Features { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The name ?FILE and the first -file attribute give the main file (epp's <c>source_name</c>); null: the
    /// path as given.</summary>
    public string? SourceName { get; init; }

    /// <summary>Bound on nested macro expansions in one form (epp has none and loops forever on some inputs).</summary>
    public int MaxMacroDepth { get; init; } = 200;

    /// <summary>Bound on macro expansions in one form.</summary>
    public int MaxMacroExpansions { get; init; } = 100_000;
}
