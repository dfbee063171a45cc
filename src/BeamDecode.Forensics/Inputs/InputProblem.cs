namespace BeamDecode.Forensics.Inputs;

/// <summary>A path argument that selected nothing, with a stable diagnostic id.</summary>
public sealed record InputProblem(string Path, string Id, string Message);
