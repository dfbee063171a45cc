namespace BeamDecode.Forensics.Carving;

/// <summary>A distinct valid image and the file written for it, or why it could not be written.</summary>
public sealed record CarvedFile(CarvedImage Image, string Name, string? WrittenPath, ToolDiagnostic? Problem);
