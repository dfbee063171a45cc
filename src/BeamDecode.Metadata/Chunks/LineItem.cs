namespace BeamDecode.Metadata.Chunks;

/// <summary>A location in the Line chunk: a file index (0 = the module's own .erl) and a line.</summary>
public readonly record struct LineItem(int FileIndex, int Line);
