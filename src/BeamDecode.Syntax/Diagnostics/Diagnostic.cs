namespace BeamDecode.Syntax.Diagnostics;

/// <summary>A problem found while building or printing syntax: a stable id, a message and the line (0: unknown).</summary>
public sealed record Diagnostic(string Id, string Message, int Line = 0)
{
    public override string ToString() => Line > 0 ? $"{Id}: line {Line}: {Message}" : $"{Id}: {Message}";
}
