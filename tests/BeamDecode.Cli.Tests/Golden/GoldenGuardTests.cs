using System.Runtime.CompilerServices;

namespace BeamDecode.Cli.Tests;

/// <summary>Every golden file is used by a test: a verified file nobody compares against is dead weight that hides drift.</summary>
public sealed class GoldenGuardTests
{
    [Fact]
    public void EveryVerifiedFile_IsNamedByATestBesideIt()
    {
        string project = ProjectDirectory();
        var verifiedFiles = SourceFiles(project, "*.verified.*").ToList();
        Assert.NotEmpty(verifiedFiles);

        var orphans = new List<string>();
        foreach (string file in verifiedFiles)
        {
            string fileName = Path.GetFileName(file);
            string name = fileName[..fileName.IndexOf(".verified.", StringComparison.Ordinal)];
            // Golden.Verify resolves names beside the calling source file, so the test must live in the same folder.
            string dir = Path.GetDirectoryName(file)!;
            bool used = Directory.EnumerateFiles(dir, "*.cs")
                .Any(cs => File.ReadAllText(cs).Contains("\"" + name + "\"", StringComparison.Ordinal));
            if (!used)
            {
                orphans.Add(Path.GetRelativePath(project, file));
            }
        }

        Assert.True(orphans.Count == 0, "verified files no test in their folder names: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Summarize_ShowsTheDifferingLinesOnly()
    {
        string summary = Golden.Summarize("a\nb\nc\nd\n", "a\nB\nc\nd\n");
        Assert.Contains("first difference at line 2", summary, StringComparison.Ordinal);
        Assert.Contains("- 2: b", summary, StringComparison.Ordinal);
        Assert.Contains("+ 2: B", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(": a", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(": d", summary, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SourceFiles(string project, string pattern) =>
        Directory.EnumerateFiles(project, pattern, SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(project, f)));

    private static bool IsBuildOutput(string relative)
    {
        string first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj" or "TestResults";
    }

    private static string ProjectDirectory([CallerFilePath] string self = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(self)!); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no .csproj above {self}");
    }
}
