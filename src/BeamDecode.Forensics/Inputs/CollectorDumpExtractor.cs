using System.Collections.Immutable;
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
        var output = new SafeOutput(directory);
        var results = ImmutableArray.CreateBuilder<ExtractedModule>();
        foreach (var module in dump.Modules)
        {
            if (module.ObjectCode is not { } code)
            {
                continue;
            }

            string member = module.Module + ".beam";
            string shown = displayPath + "!" + InMemoryInputs.Printable(member);
            var (path, id, message) = output.Write(member, code.AsSpan(), force);
            results.Add(path is not null
                ? new ExtractedModule(module.Module, path, null)
                : Failed(module, shown, id!, id == DiagnosticId.UnsafeMemberName ? "the module name is not a safe file name; not extracted" : message!));
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
