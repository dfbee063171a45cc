using BeamDecode.Forensics.Inputs;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Forensics.Tests.Reading;

/// <summary>
/// The shared walk against <c>Directory.EnumerateFiles</c> with the same options, the search it replaces for
/// <c>info --json</c>: the same files, spelled the same way, on real trees and on one with hidden entries, links, a
/// link loop, deep nesting and odd root spellings, with a helper thread listing beside the caller or without one.
/// </summary>
public sealed class DirectoryWalkTests : IDisposable
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "bd-walk-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void InstalledOtp_WithHelper_FindsWhatEnumerateFilesFinds()
    {
        string root = TestCorpora.InstalledOtpRoot;
        for (int round = 0; round < 3; round++)
        {
            AssertSameAsEnumerateFiles(root, ".beam", helpers: 1);
            AssertSameAsEnumerateFiles(root, ".erl", helpers: 1);
        }
    }

    [Fact]
    public void Otp27Corpus_WithTwoHelpers_FindsWhatEnumerateFilesFinds() =>
        AssertSameAsEnumerateFiles(TestCorpora.Otp27Root, ".beam", helpers: 2);

    [Fact]
    public void TreeWithHiddenEntriesLinksAndDeepNesting_FindsWhatEnumerateFilesFinds()
    {
        Build();
        foreach (string spelling in new[] { _root, _root + "/", _root + "//", Path.Combine(_root, "deep", "..") })
        {
            foreach (int helpers in new[] { 0, 1, 3 })
            {
                AssertSameAsEnumerateFiles(spelling, ".beam", helpers);
                AssertSameAsEnumerateFiles(spelling, ".erl", helpers);
            }
        }

        // A relative root, as a user types it (relative to the current directory, which other tests may rely on and
        // so is not changed here).
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _root);
        AssertSameAsEnumerateFiles(relative, ".beam", helpers: 1);
        AssertSameAsEnumerateFiles(relative + "/", ".beam", helpers: 1);
    }

    [Fact]
    public void Helpers_ListDirectories_WhenReadyBeforeTheWalk()
    {
        Build();
        var walk = new DirectoryWalk();
        var helper = StartHelper(walk);
        Assert.True(SpinWait.SpinUntil(() => walk.Idle > 0, TimeSpan.FromSeconds(30)), "the helper never waited for work");
        for (int round = 0; round < 5; round++)
        {
            Assert.Equal(Expected(_root, ".beam"), Sorted(walk.EnumerateFiles(_root, ".beam", Options)));
        }

        walk.Close();
        Assert.True(helper.Join(TimeSpan.FromSeconds(30)), "Help did not return after Close");
        // The tree has over 170 directories; a helper waiting when the walk starts is handed some of them.
        Assert.True(walk.ListedByHelpers > 0, "the helper listed no directory");
    }

    [Fact]
    public void MissingRoot_ThrowsWhatEnumerateFilesThrows()
    {
        string missing = Path.Combine(_root, "missing");
        var expected = Assert.ThrowsAny<Exception>(() => Directory.EnumerateFiles(missing, "*.beam", Options).ToList());
        var walk = new DirectoryWalk();
        var actual = Assert.ThrowsAny<Exception>(() => walk.EnumerateFiles(missing, ".beam", Options));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void Helper_ReturnsOnClose_AfterServingSeveralWalks()
    {
        Build();
        var walk = new DirectoryWalk();
        var helper = StartHelper(walk);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Expected(_root, ".beam"), Sorted(walk.EnumerateFiles(_root, ".beam", Options)));
        }

        Assert.True(helper.IsAlive);
        walk.Close();
        Assert.True(helper.Join(TimeSpan.FromSeconds(30)), "Help did not return after Close");
    }

    private void AssertSameAsEnumerateFiles(string root, string extension, int helpers)
    {
        var walk = new DirectoryWalk();
        var threads = Enumerable.Range(0, helpers).Select(_ => StartHelper(walk)).ToList();
        List<InputFile> found;
        try
        {
            found = walk.EnumerateFiles(root, extension, Options);
        }
        finally
        {
            walk.Close();
        }

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a helper did not return after Close"));
        var expected = Expected(root, extension);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Sorted(found));
    }

    private static Thread StartHelper(DirectoryWalk walk)
    {
        var thread = new Thread(walk.Help) { IsBackground = true, Name = "walk helper" };
        thread.Start();
        return thread;
    }

    private static List<string> Expected(string root, string extension) =>
        [.. Directory.EnumerateFiles(root, "*" + extension, Options).Select(f => f + " | " + Path.GetFullPath(f)).Order(StringComparer.Ordinal)];

    private static List<string> Sorted(List<InputFile> files) =>
        [.. files.Select(f => f.DisplayPath + " | " + f.FullPath).Order(StringComparer.Ordinal)];

    /// <summary>Files at every level of a 40-deep chain, a wide level, hidden files and directories, names that
    /// only nearly match, links to a directory, to a file and back up to the root (a loop), and empty directories.</summary>
    private void Build()
    {
        Directory.CreateDirectory(_root);
        string deep = Path.Combine(_root, "deep");
        for (int depth = 0; depth < 40; depth++)
        {
            Directory.CreateDirectory(deep);
            File.WriteAllText(Path.Combine(deep, $"m{depth}.beam"), "x");
            File.WriteAllText(Path.Combine(deep, $"m{depth}.erl"), "x");
            deep = Path.Combine(deep, $"d{depth}");
        }

        for (int i = 0; i < 60; i++)
        {
            string app = Path.Combine(_root, "lib", $"app{i}", i % 3 == 0 ? "ebin" : "src");
            Directory.CreateDirectory(app);
            Directory.CreateDirectory(Path.Combine(_root, "lib", $"app{i}", "empty"));
            for (int k = 0; k < i % 7; k++)
            {
                File.WriteAllText(Path.Combine(app, $"mod{k}.beam"), "x");
            }
        }

        Directory.CreateDirectory(Path.Combine(_root, ".hidden"));
        File.WriteAllText(Path.Combine(_root, ".hidden", "h.beam"), "x");
        File.WriteAllText(Path.Combine(_root, ".dot.beam"), "x");
        File.WriteAllText(Path.Combine(_root, "UPPER.BEAM"), "x");
        File.WriteAllText(Path.Combine(_root, "almost.beam.bak"), "x");
        File.WriteAllText(Path.Combine(_root, "beam"), "x");
        Directory.CreateDirectory(Path.Combine(_root, "dir.beam"));
        File.WriteAllText(Path.Combine(_root, "dir.beam", "inside.beam"), "x");
        File.CreateSymbolicLink(Path.Combine(_root, "linked.beam"), Path.Combine(_root, "UPPER.BEAM"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked-lib"), Path.Combine(_root, "lib", "app0"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "lib", "loop"), _root);
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.beam"), Path.Combine(_root, "nowhere"));
    }
}
