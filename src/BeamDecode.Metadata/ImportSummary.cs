namespace BeamDecode.Metadata;

/// <summary>An imported function <c>Module:Name/Arity</c>.</summary>
public sealed record ImportSummary(string Module, string Name, int Arity);
