using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Writes one file into an output directory the way every extraction must (facts.md, zip-slip): the name is one
/// safe path component (<see cref="CollectorDumpExtractor.IsSafeName"/>), the resolved path must lie in the
/// directory, an existing file is replaced only with <c>force</c>, and a link planted where the file goes is
/// removed rather than written through (the file is created with CreateNew, O_EXCL).
/// </summary>
public sealed class SafeOutput
{
    private readonly string _rootWithSeparator;

    public SafeOutput(string directory)
    {
        Directory.CreateDirectory(directory);
        Root = Path.GetFullPath(directory);
        _rootWithSeparator = Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar;
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="bytes"/> as <paramref name="name"/>; returns the path written, or the id and
    /// message of why not (BD0304 unsafe name, BD0303 exists, BD0201 I/O).</summary>
    public (string? Path, string? Id, string? Message) Write(string name, ReadOnlySpan<byte> bytes, bool force)
    {
        if (!CollectorDumpExtractor.IsSafeName(name))
        {
            return (null, DiagnosticId.UnsafeMemberName, "not a safe file name; not written");
        }

        string target = Path.GetFullPath(Path.Combine(Root, name));
        if (!target.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            return (null, DiagnosticId.UnsafeMemberName, $"the output would leave {Root}; not written");
        }

        try
        {
            var existing = new FileInfo(target);
            bool exists = existing.Exists || existing.LinkTarget is not null || Directory.Exists(target);
            if (exists && !force)
            {
                return (null, DiagnosticId.OutputExists, $"{target} exists; give --force to replace it");
            }

            if (exists)
            {
                File.Delete(target);
            }

            using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            return (target, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, DiagnosticId.IoError, e.Message);
        }
    }
}
