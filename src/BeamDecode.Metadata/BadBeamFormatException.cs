namespace BeamDecode.Metadata;

/// <summary>
/// The one exception type for malformed input bytes (System.Reflection.Metadata's BadImageFormatException habit).
/// Carries a stable diagnostic id and the absolute file offset, so a host prints one line
/// <c>PATH: offset N: message</c> and never a stack trace.
/// </summary>
public sealed class BadBeamFormatException : Exception
{
    public BadBeamFormatException(string id, long offset, string message, string? chunk = null)
        : base(message)
    {
        Id = id;
        Offset = offset;
        Chunk = chunk;
    }

    /// <summary>Stable id, BD0xxx (see <see cref="Diagnostics.DiagnosticId"/>).</summary>
    public string Id { get; }

    /// <summary>Absolute offset in the file as given (after whole-file gunzip: in the decompressed image).</summary>
    public long Offset { get; }

    /// <summary>The chunk being decoded, if any.</summary>
    public string? Chunk { get; }

    /// <summary>One line: <c>BD0003: offset 20: chunk 'Code' ...</c> without the path.</summary>
    public string Describe() =>
        Chunk is null ? $"offset {Offset}: {Id}: {Message}" : $"offset {Offset}: {Id}: chunk '{Chunk}': {Message}";
}
