using System.Collections.Immutable;

namespace BeamDecode.Forensics.CrashDumps;

/// <summary>
/// What an <c>erl_crash.dump</c> says about the code that was loaded when the node died: the header lines and the
/// module table (<c>=loaded_modules</c> and one <c>=mod:NAME</c> section per module; written by erts'
/// break.c, dump_loaded_modules). Read with <see cref="CrashDumpReader"/>.
/// </summary>
public sealed record CrashDump
{
    /// <summary>The dump format version of the first line, e.g. "0.5".</summary>
    public required string DumpVersion { get; init; }

    /// <summary>The "Slogan:" line: why the node died.</summary>
    public string? Slogan { get; init; }

    /// <summary>The "System version:" line, e.g. "Erlang/OTP 25 [erts-13.1.5] ...".</summary>
    public string? SystemVersion { get; init; }

    /// <summary>The node name from <c>=node:</c>.</summary>
    public string? Node { get; init; }

    /// <summary>Bytes of current and old code, from <c>=loaded_modules</c>.</summary>
    public long? CurrentCodeBytes { get; init; }

    public long? OldCodeBytes { get; init; }

    /// <summary>False when the file stops before its <c>=end</c> line (the node was killed while writing it).</summary>
    public bool Complete { get; init; }

    public required ImmutableArray<CrashDumpModule> Modules { get; init; }
}
