using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>One EEP 48 doc entry: kind (function, type, callback, macro...), name, arity, and its terms.</summary>
public sealed record DocEntry(string Kind, string Name, int Arity, Term Signature, Term Doc, Term Metadata);
