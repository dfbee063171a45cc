using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// One module entry of a collector dump (README.md, "Collector dump format"). Fields the collector could not
/// fill hold what it recorded instead (<c>{error, {Class, Reason}}</c>), kept as terms.
/// </summary>
public sealed record CollectorDumpModule
{
    /// <summary>The module name.</summary>
    public required string Module { get; init; }

    /// <summary>What code:all_loaded/0 said: a file name, <c>preloaded</c>, <c>cover_compiled</c>, or <c>unknown</c>
    /// (only erlang:loaded/0 listed it: loaded with erlang:load_module/2).</summary>
    public required Term LoadedAs { get; init; }

    /// <summary>code:which/1 as text: the loaded file name, or an atom such as <c>preloaded</c>; null if absent.</summary>
    public string? Path { get; init; }

    /// <summary>erlang:get_module_info(Module, md5) of the loaded code; null when the node could not say.</summary>
    public ImmutableArray<byte>? Md5 { get; init; }

    /// <summary>As code:module_status/1: <c>loaded</c>, <c>modified</c>, <c>removed</c>, <c>not_loaded</c>; <c>unknown</c> when
    /// the code path could not be listed in full; null if absent.</summary>
    public string? Status { get; init; }

    /// <summary>erlang:check_old_code/1: true when old code of the module is still loaded; null if unknown.</summary>
    public bool? OldCode { get; init; }

    /// <summary>The bytes of the loaded module's file, proven by md5 to be the loaded code; null when not captured.</summary>
    public ImmutableArray<byte>? ObjectCode { get; init; }

    /// <summary>Why <see cref="ObjectCode"/> is null, as <c>~w</c> text (<c>not_a_file</c>, <c>{changed_on_disk,...}</c>).</summary>
    public string? Unavailable { get; init; }

    /// <summary>Set when examining the module failed on the node (<c>timeout</c>, <c>{crashed, Reason}</c>), as <c>~w</c> text.</summary>
    public string? Error { get; init; }

    /// <summary>erlang:get_module_info(Module, compile), or what the node recorded instead; null if absent.</summary>
    public Term? CompileInfo { get; init; }

    /// <summary>erlang:get_module_info(Module, attributes); null if absent.</summary>
    public Term? Attributes { get; init; }

    /// <summary>erlang:get_module_info(Module, exports); null if absent.</summary>
    public Term? Exports { get; init; }

    /// <summary>The md5 as lowercase hex, or null.</summary>
    public string? Md5Hex => Md5 is { } m ? Convert.ToHexStringLower(m.AsSpan()) : null;
}
