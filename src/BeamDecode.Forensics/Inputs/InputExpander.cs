using System.Collections.Immutable;
using BeamDecode.Metadata.Diagnostics;
using Microsoft.Extensions.FileSystemGlobbing;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Turns PATH arguments into files: a file is itself; a directory is every <c>*.beam</c> below it (recursive);
/// anything with <c>*</c>, <c>?</c> or <c>[</c> is a glob (Microsoft.Extensions.FileSystemGlobbing, so <c>**</c>
/// works) rooted at its longest wildcard-free directory prefix. Results are sorted ordinally per argument and
/// de-duplicated, so the same tree always gives the same report. A file named directly that is a collector
/// dump stands for the modules it holds object code for (<c>DUMP!module.beam</c>).
/// </summary>
public static class InputExpander
{
    public static InputSelection Expand(IEnumerable<string> paths, string extension = ".beam")
    {
        var files = ImmutableArray.CreateBuilder<InputFile>();
        var problems = ImmutableArray.CreateBuilder<InputProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var found = new List<InputFile>();
            if (File.Exists(path))
            {
                if (IsCollectorDump(path))
                {
                    ExpandDump(path, found, problems);
                    if (found.Count == 0)
                    {
                        continue;
                    }
                }
                else
                {
                    found.Add(new InputFile(path, Path.GetFullPath(path)));
                }
            }
            else if (Directory.Exists(path))
            {
                // A plain recursive walk: the globbing matcher costs four times as much for the same answer.
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchType = MatchType.Simple };
                foreach (string file in Directory.EnumerateFiles(path, "*" + extension, options))
                {
                    found.Add(new InputFile(file, Path.GetFullPath(file)));
                }
            }
            else if (path.AsSpan().IndexOfAny("*?[") >= 0)
            {
                (string root, string pattern) = SplitGlob(path);
                if (Directory.Exists(root))
                {
                    var matcher = new Matcher(StringComparison.Ordinal);
                    matcher.AddInclude(pattern);
                    AddMatches(found, matcher, root);
                }
            }
            else
            {
                problems.Add(new InputProblem(path, DiagnosticId.NoInput, "no such file or directory"));
                continue;
            }

            if (found.Count == 0)
            {
                problems.Add(new InputProblem(path, DiagnosticId.NoInput, $"matches no {extension} file"));
                continue;
            }

            found.Sort(static (a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
            foreach (var f in found)
            {
                if (seen.Add(f.FullPath))
                {
                    files.Add(f);
                }
            }
        }

        return new InputSelection(files.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>A file named on the command line whose first byte is the term format's 131 (a .beam starts with
    /// FOR1 or gzip's 1F 8B). Directories and globs select only *.beam files, so they never reach here.</summary>
    private static bool IsCollectorDump(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> head = stackalloc byte[1];
            return stream.Read(head) == 1 && CollectorDumpReader.LooksLikeDump(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // ModuleReader reports the unreadable file.
        }
    }

    /// <summary>
    /// A collector dump stands for its modules whose object code was captured, shown as <c>DUMP!module.beam</c>
    /// (README.md, "Collector dump format"). A dump that cannot be read becomes one input whose read fails
    /// with the dump's diagnostic; a dump without object code is a problem, as a directory without beams is.
    /// </summary>
    private static void ExpandDump(string path, List<InputFile> found, ImmutableArray<InputProblem>.Builder problems)
    {
        string full = Path.GetFullPath(path);
        CollectorDump dump;
        try
        {
            dump = CollectorDumpReader.ReadFile(full);
        }
        catch (BeamDecode.Metadata.BadBeamFormatException e)
        {
            InMemoryInputs.RegisterFailure(full, e);
            found.Add(new InputFile(path, full));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found.Add(new InputFile(path, full)); // ModuleReader reports the I/O error.
            return;
        }

        foreach (var module in dump.Modules)
        {
            if (module.ObjectCode is { } code)
            {
                string member = module.Module + ".beam";
                string key = InMemoryInputs.MemberPath(full, member);
                InMemoryInputs.Register(key, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(code)!);
                found.Add(new InputFile(path + "!" + InMemoryInputs.Printable(member), key));
            }
        }

        if (found.Count == 0)
        {
            problems.Add(new InputProblem(path, DiagnosticId.NoInput, $"collector dump of {dump.Node} holds no captured object code"));
        }
    }

    private static void AddMatches(List<InputFile> found, Matcher matcher, string root)
    {
        string fullRoot = Path.GetFullPath(root);
        foreach (var relative in matcher.GetResultsInFullPath(fullRoot))
        {
            string rel = Path.GetRelativePath(fullRoot, relative);
            found.Add(new InputFile(Path.Join(root, rel), relative));
        }
    }

    /// <summary>"a/b/**/c*.beam" -> ("a/b", "**/c*.beam"); "*.beam" -> (".", "*.beam").</summary>
    private static (string Root, string Pattern) SplitGlob(string path)
    {
        string normalized = path.Replace('\\', '/');
        int wild = normalized.AsSpan().IndexOfAny("*?[");
        int slash = normalized.LastIndexOf('/', wild);
        if (slash < 0)
        {
            return (".", normalized);
        }

        string root = slash == 0 ? "/" : normalized[..slash];
        return (root, normalized[(slash + 1)..]);
    }
}
