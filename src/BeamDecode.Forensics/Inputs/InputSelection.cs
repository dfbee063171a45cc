using System.Collections.Immutable;

namespace BeamDecode.Forensics.Inputs;

/// <summary>The files a set of path arguments selects, in a stable order, and the arguments that selected none.</summary>
public sealed record InputSelection(ImmutableArray<InputFile> Files, ImmutableArray<InputProblem> Problems);
