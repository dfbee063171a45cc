namespace BeamDecode.Forensics.Inputs;

/// <summary>One module of a dump extraction: the file written, or the diagnostic that prevented it.</summary>
public sealed record ExtractedModule(string Module, string? WrittenPath, ToolDiagnostic? Problem);
