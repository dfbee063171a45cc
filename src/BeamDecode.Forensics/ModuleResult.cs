using BeamDecode.Metadata;

namespace BeamDecode.Forensics;

/// <summary>A decoded module or the diagnostic that stopped it.</summary>
public sealed record ModuleResult(ModuleSummary? Summary, ToolDiagnostic? Diagnostic)
{
    public static ModuleResult Ok(ModuleSummary summary) => new(summary, null);

    public static ModuleResult Fail(ToolDiagnostic diagnostic) => new(null, diagnostic);
}
