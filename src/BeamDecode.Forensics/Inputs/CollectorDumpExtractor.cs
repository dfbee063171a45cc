using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Writes <c>module.beam</c> for each module of a dump whose object code was captured. Never writes outside the
/// directory (facts.md, zip-slip: the resolved path must start with the directory and a separator, and names with
/// separators, NUL, control characters, "." or ".." are refused before that), never replaces an existing file
/// unless asked, and never writes through a link planted where a file would go: the file is created with
/// CreateNew (O_EXCL), and with <c>force</c> an existing entry is deleted first, not opened.
/// </summary>
public static class CollectorDumpExtractor
{
    /// <summary>The result for each module with object code, in dump order; a problem leaves the others unaffected.</summary>
    public static ImmutableArray<ExtractedModule> Extract(CollectorDump dump, string displayPath, string directory, bool force)
    {
        Directory.CreateDirectory(directory);
        string root = Path.GetFullPath(directory);
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var results = ImmutableArray.CreateBuilder<ExtractedModule>();
        foreach (var module in dump.Modules)
        {
            if (module.ObjectCode is not { } code)
            {
                continue;
            }

            string member = module.Module + ".beam";
            string shown = displayPath + "!" + InMemoryInputs.Printable(member);
            if (!IsSafeName(member))
            {
                results.Add(Failed(module, shown, DiagnosticId.UnsafeMemberName, "the module name is not a safe file name; not extracted"));
                continue;
            }

            string target = Path.GetFullPath(Path.Combine(root, member));
            if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                results.Add(Failed(module, shown, DiagnosticId.UnsafeMemberName, $"the output would leave {directory}; not extracted"));
                continue;
            }

            try
            {
                var existing = new FileInfo(target);
                bool exists = existing.Exists || existing.LinkTarget is not null || Directory.Exists(target);
                if (exists && !force)
                {
                    results.Add(Failed(module, shown, DiagnosticId.OutputExists, $"{target} exists; give --force to replace it"));
                    continue;
                }

                if (exists)
                {
                    // Delete the entry itself (a link is removed, not followed); a directory stays and fails below.
                    File.Delete(target);
                }

                using (var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(ImmutableCollectionsMarshal.AsArray(code)!);
                }

                results.Add(new ExtractedModule(module.Module, target, null));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                results.Add(Failed(module, shown, DiagnosticId.IoError, e.Message));
            }
        }

        return results.ToImmutable();
    }

    /// <summary>A single path component that names a file in the directory itself on any OS we run on.</summary>
    public static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Length > 255)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is '/' or '\\' or ':' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ExtractedModule Failed(CollectorDumpModule module, string shown, string id, string message) =>
        new(module.Module, null, new ToolDiagnostic(shown, id, null, null, message));
}
