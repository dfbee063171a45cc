namespace BeamDecode.Forensics;

/// <summary>
/// A problem with one input, printed as one line: <c>PATH: offset N: BD0003: chunk 'Code': message</c>.
/// </summary>
public sealed record ToolDiagnostic(string Path, string Id, long? Offset, string? Chunk, string Message)
{
    public override string ToString()
    {
        string where = Offset is { } o ? $"offset {o}: " : "";
        string chunk = Chunk is null ? "" : $"chunk '{Chunk}': ";
        return $"{Path}: {where}{Id}: {chunk}{Sanitize(Message)}";
    }

    /// <summary>Keeps the report one line even if a message quotes hostile bytes.</summary>
    private static string Sanitize(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
}
