namespace BeamDecode.Forensics.Inputs;

/// <summary>One file selected from the command line: the path to show and the path to open.</summary>
public sealed record InputFile(string DisplayPath, string FullPath);
