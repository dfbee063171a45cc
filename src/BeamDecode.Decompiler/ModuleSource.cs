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
public sealed record RecoveredSource(string ModuleName, SourceUnavailable Unavailable, string? Detail, ModuleSyntax? Syntax, PrintedText? Printed,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The Erlang text (built on first use from <see cref="Printed"/>, which can also be written to a file
    /// without building it).</summary>
    public string? Text => Printed?.ToString();

    /// <summary>With --keep-lines: forms that could not start at their original line.</summary>
    public int MisplacedForms { get; init; }
}

/// <summary>
/// Debug info -> syntax model -> Erlang text: what <c>beamdecode source</c> does per module. The bytecode
/// decompiler will plug in where <see cref="SourceUnavailable.NoDebugInfo"/> is returned.
/// </summary>
public static class ModuleSource
{
    /// <param name="keyFor">The debug-info key for a module (--key, .erlang.crypt), or null when there is none.</param>
    public static RecoveredSource Recover(BeamFile beam, PrinterOptions? options = null, Func<string, string?>? keyFor = null)
    {
        string module = beam.ModuleName;
        var info = beam.DebugInfo;
        switch (info.Kind)
        {
            case DebugInfoKind.None:
                return Fail(module, SourceUnavailable.NoDebugInfo, "compiled without debug_info");
            case DebugInfoKind.Encrypted:
                if (keyFor?.Invoke(module) is not { } key)
                {
                    return Fail(module, SourceUnavailable.Encrypted, $"debug info is encrypted ({info.CryptoMode}): give the key with --key or in .erlang.crypt");
                }

                return Crypto.DebugInfoCrypto.Decrypt(info, key) is { } clear
                    ? FromPayload(module, clear, options)
                    : Fail(module, SourceUnavailable.Encrypted, $"debug info is encrypted ({info.CryptoMode}) and the key given does not decrypt it");
            case DebugInfoKind.ElixirV1 or DebugInfoKind.Other:
                return Fail(module, SourceUnavailable.OtherBackend, $"debug info is from the {info.Backend ?? "unknown"} backend, not Erlang abstract code");
        }

        // Straight from the chunk's bytes to the syntax when the abstract code is well formed (the common case);
        // otherwise through the term tree, which gives every diagnostic (StreamingFormReader).
        if (beam.FindChunk(info.ChunkId) is { } chunk
            && StreamingFormReader.TryRead(chunk.Data.Span, chunk.Id == Metadata.ChunkId.Dbgi) is { } direct)
        {
            return FromSyntax(module, direct, [], options);
        }

        // Not info.Payload: that keeps the term tree alive with the BeamFile while the syntax is printed.
        var payload = info.DecodePayload();
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
        return FromSyntax(module, syntax, diagnostics, options);
    }

    private static RecoveredSource FromSyntax(string module, ModuleSyntax syntax, IReadOnlyList<Diagnostic> diagnostics, PrinterOptions? options)
    {
        var (text, misplaced) = ErlangPrinter.PrintModuleText(syntax, options);
        return new RecoveredSource(syntax.Name ?? module, SourceUnavailable.None, null, syntax, text, diagnostics) { MisplacedForms = misplaced };
    }

    private static RecoveredSource Fail(string module, SourceUnavailable why, string detail) =>
        new(module, why, detail, null, null, []);
}
