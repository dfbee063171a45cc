using System.Collections.Immutable;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// A collector dump: what <c>beamdecode collector</c>'s Erlang code wrote on a running node
/// (README.md, "Collector dump format"; the writer is Collector/collector_fun.erl). Read with
/// <see cref="CollectorDumpReader"/>.
/// </summary>
public sealed record CollectorDump
{
    /// <summary>The format version this tool reads and the collector writes.</summary>
    public const int Version = 1;

    /// <summary>The node name (<c>nonode@nohost</c> when not distributed).</summary>
    public required string Node { get; init; }

    /// <summary>erlang:system_info(otp_release), e.g. "25"; null if absent.</summary>
    public string? OtpRelease { get; init; }

    /// <summary>erlang:system_info(version), the erts version; null if absent.</summary>
    public string? ErtsVersion { get; init; }

    /// <summary>erlang:universaltime() when the dump was taken; null if absent.</summary>
    public DateTime? Time { get; init; }

    /// <summary>False when a code path directory could not be listed in time: statuses may then be <c>unknown</c>.</summary>
    public bool? CodePathComplete { get; init; }

    /// <summary>How long the collector ran on the node, in milliseconds; null if absent.</summary>
    public long? ElapsedMilliseconds { get; init; }

    /// <summary>The modules, in the order of the dump (sorted by name by the collector).</summary>
    public required ImmutableArray<CollectorDumpModule> Modules { get; init; }
}
