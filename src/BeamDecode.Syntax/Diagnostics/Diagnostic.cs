namespace BeamDecode.Syntax.Diagnostics;

/// <summary>How bad a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// A problem found while building, reading or printing syntax: a stable id, a message and where (file, 1-based
/// line and column; 0 and null when unknown). Printed as <c>file:line:col: ID: message</c>, the form compilers use.
/// </summary>
public sealed record Diagnostic(
    string Id,
    string Message,
    int Line = 0,
    int Column = 0,
    string? File = null,
    DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Warning ? "warning " : "";
        string column = Column > 0 ? $":{Column}" : "";
        if (File is null)
        {
            // Without a file, keep the id first (the form debug-info readers have always printed).
            return Line > 0 ? $"{severity}{Id}: line {Line}{column}: {Message}" : $"{severity}{Id}: {Message}";
        }

        string line = Line > 0 ? $":{Line}{column}" : "";
        return $"{File}{line}: {severity}{Id}: {Message}";
    }
}
