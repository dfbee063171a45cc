namespace BeamDecode.Metadata;

/// <summary>An exported or local function: name, arity, entry label.</summary>
public sealed record FunctionSummary(string Name, int Arity, int Label);
