using System.Collections.Immutable;
using BeamDecode.Metadata.Diagnostics;
using Microsoft.Extensions.FileSystemGlobbing;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Turns PATH arguments into files: a file is itself; a directory is every <c>*.beam</c> below it (recursive);
/// anything with <c>*</c>, <c>?</c> or <c>[</c> is a glob (Microsoft.Extensions.FileSystemGlobbing, so <c>**</c>
/// works) rooted at its longest wildcard-free directory prefix. Results are sorted ordinally per argument and
/// de-duplicated, so the same tree always gives the same report. A file named directly that is a container (a
/// collector dump, a zip archive such as an .ez, an escript) stands for its modules, <c>FILE!member.beam</c>
/// (<see cref="ContainerInputs"/>).
/// </summary>
public static class InputExpander
{
    /// <summary>The files <paramref name="paths"/> select. With <paramref name="walk"/>, directories are searched by it,
    /// with whatever helper threads it has (the same files; <see cref="DirectoryWalk"/>).</summary>
    public static InputSelection Expand(IEnumerable<string> paths, string extension = ".beam", DirectoryWalk? walk = null)
    {
        var files = ImmutableArray.CreateBuilder<InputFile>();
        var problems = ImmutableArray.CreateBuilder<InputProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var found = new List<InputFile>();
            if (File.Exists(path))
            {
                if (ContainerInputs.TryExpand(path, found, problems))
                {
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
                if (walk is not null)
                {
                    found.AddRange(walk.EnumerateFiles(path, extension, options));
                }
                else
                {
                    foreach (string file in Directory.EnumerateFiles(path, "*" + extension, options))
                    {
                        found.Add(new InputFile(file, Path.GetFullPath(file)));
                    }
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
