using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Decompiler;

/// <summary>Why a module's source could not be recovered from its debug info.</summary>
public enum SourceUnavailable
{
    /// <summary>Recovered.</summary>
    None,
    /// <summary>No Dbgi/Abst chunk, or Dbgi <c>{none, Options}</c> (compiled without debug_info).</summary>
    NoDebugInfo,
    /// <summary>Encrypted debug info (encrypt_debug_info) and no key was given.</summary>
    Encrypted,
    /// <summary>Debug info from another backend (elixir_erl, LFE, ...), not Erlang abstract code.</summary>
    OtherBackend,
}

/// <summary>The outcome of <see cref="ModuleSource.Recover"/>: the syntax, its text, the reader's diagnostics.</summary>
public sealed record RecoveredSource(string ModuleName, SourceUnavailable Unavailable, string? Detail, ModuleSyntax? Syntax, string? Text,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Debug info -> syntax model -> Erlang text: what <c>beamdecode source</c> does per module. The bytecode
/// decompiler will plug in where <see cref="SourceUnavailable.NoDebugInfo"/> is returned.
/// </summary>
public static class ModuleSource
{
    public static RecoveredSource Recover(BeamFile beam, PrinterOptions? options = null)
    {
        string module = beam.ModuleName;
        var info = beam.DebugInfo;
        switch (info.Kind)
        {
            case DebugInfoKind.None:
                return Fail(module, SourceUnavailable.NoDebugInfo, "compiled without debug_info");
            case DebugInfoKind.Encrypted:
                return Fail(module, SourceUnavailable.Encrypted, $"debug info is encrypted ({info.CryptoMode})");
            case DebugInfoKind.ElixirV1 or DebugInfoKind.Other:
                return Fail(module, SourceUnavailable.OtherBackend, $"debug info is from the {info.Backend ?? "unknown"} backend, not Erlang abstract code");
        }

        var payload = info.Payload;
        if (payload is null)
        {
            return Fail(module, SourceUnavailable.NoDebugInfo, "the debug-info chunk is empty");
        }

        return FromPayload(module, payload, options);
    }

    /// <summary>From the decoded payload (<c>{Forms, Options}</c> or the Abst term), e.g. after decryption.</summary>
    public static RecoveredSource FromPayload(string module, Metadata.Terms.Term payload, PrinterOptions? options = null)
    {
        var (syntax, diagnostics) = AbstractFormReader.ReadPayload(payload);
        string text = ErlangPrinter.Print(syntax, options);
        return new RecoveredSource(syntax.Name ?? module, SourceUnavailable.None, null, syntax, text, diagnostics);
    }

    private static RecoveredSource Fail(string module, SourceUnavailable why, string detail) =>
        new(module, why, detail, null, null, []);
}
