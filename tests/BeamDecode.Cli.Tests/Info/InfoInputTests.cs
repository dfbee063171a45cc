using System.Text.Json;
using System.Text.RegularExpressions;

namespace BeamDecode.Cli.Tests.Info;

/// <summary>
/// How <c>info</c> selects inputs (files, directories, globs) and reports bad ones: one line per problem on
/// stderr, the good modules still on stdout, exit code 2, never a stack trace.
/// </summary>
public sealed partial class InfoInputTests
{
    /// <summary>Every fixture beam under fixtures/beam/, all variants.</summary>
    private const int AllFixtureBeams = 17;

    [GeneratedRegex(@"^(?<path>.+): offset (?<offset>\d+): (?<id>BD\d{4}): .+$")]
    private static partial Regex DiagnosticLine();

    [Fact]
    public void Directory_IsSearchedRecursively()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/beam");
        Assert.Equal(0, result.ExitCode);
        var paths = Paths(result.Stdout);
        Assert.Equal(AllFixtureBeams, paths.Count);
        Assert.Contains("fixtures/beam/minimal.beam", paths);
        Assert.Contains("fixtures/beam/nodebug/literals.beam", paths);
        Assert.Contains("fixtures/beam/deterministic/features.beam", paths);
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public void GlobWithStar_MatchesOnlyThatFolder()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/beam/*.beam");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["fixtures/beam/asm_ops.beam", "fixtures/beam/features.beam", "fixtures/beam/literals.beam", "fixtures/beam/minimal.beam"], Paths(result.Stdout));
    }

    [Theory]
    [InlineData("fixtures/beam/**/*.beam")]
    [InlineData("fixtures/beam/**")]
    public void GlobWithDoubleStar_MatchesEveryLevel(string glob)
    {
        var result = CliRunner.Run("info", "--json", glob);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(AllFixtureBeams, Paths(result.Stdout).Count);
    }

    [Fact]
    public void GlobForOneNameAtAnyDepth_FindsEveryVariant()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/**/minimal.beam");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["fixtures/beam/compressed/minimal.beam", "fixtures/beam/encrypted/minimal.beam", "fixtures/beam/minimal.beam", "fixtures/beam/nodebug/minimal.beam"],
            Paths(result.Stdout));
    }

    [Fact]
    public void SameFileNamedTwice_IsReportedOnce()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/beam/minimal.beam", "fixtures/beam/*.beam");
        Assert.Equal(4, Paths(result.Stdout).Count);
    }

    [Fact]
    public void Json_WithNoModuleFound_IsAnEmptyArrayAndExitCode2()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/no-such-dir");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("[]\n", result.Stdout);
        Assert.Equal(["fixtures/no-such-dir: BD0200: no such file or directory"], result.StderrLines);
    }

    [Fact]
    public void Json_DirectoryMixingGoodAndCorruptFiles_ListsTheGoodOnesInPathOrderAndEachBadFileOnStderrInPathOrder()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"beamdecode-mixed-json-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(dir);
            Copy("fixtures/corrupt/truncated.beam", dir, "a.beam");
            Copy("fixtures/beam/minimal.beam", dir, "b.beam");
            Copy("fixtures/corrupt/not-a-beam.beam", dir, "c.beam");
            Copy("fixtures/beam/features.beam", dir, "d.beam");
            Copy("fixtures/corrupt/badchunk.beam", dir, "e.beam");

            var result = CliRunner.Run("info", "--json", dir);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal([Path.Combine(dir, "b.beam"), Path.Combine(dir, "d.beam")], Paths(result.Stdout));
            Assert.Equal(
                ["a.beam", "c.beam", "e.beam"],
                result.StderrLines.Select(l => Path.GetFileName(DiagnosticLine().Match(l).Groups["path"].Value)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void DirectoryMixingGoodAndCorruptFiles_ReportsEachBadFileOnOneLineAndStillOutputsTheGoodOnes()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"beamdecode-mixed-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            Copy("fixtures/beam/minimal.beam", dir, "good1.beam");
            Copy("fixtures/beam/features.beam", dir, "sub/good2.beam");
            Copy("fixtures/corrupt/truncated.beam", dir, "truncated.beam");
            Copy("fixtures/corrupt/badchunk.beam", dir, "sub/badchunk.beam");
            Copy("fixtures/corrupt/not-a-beam.beam", dir, "not-a-beam.beam");
            Copy("fixtures/corrupt/zipbomb.beam.gz", dir, "zipbomb.beam");

            var result = CliRunner.Run("info", dir);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("module      minimal", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("module      features", result.Stdout, StringComparison.Ordinal);
            var lines = result.StderrLines;
            Assert.Equal(4, lines.Length);
            var byFile = lines.Select(l => DiagnosticLine().Match(l)).ToDictionary(
                m => Path.GetRelativePath(dir, m.Groups["path"].Value).Replace('\\', '/'),
                m => (Offset: long.Parse(m.Groups["offset"].Value, System.Globalization.CultureInfo.InvariantCulture), Id: m.Groups["id"].Value));
            Assert.Equal((4, "BD0001"), byFile["truncated.beam"]);
            Assert.Equal((76, "BD0003"), byFile["sub/badchunk.beam"]);
            Assert.Equal((0, "BD0002"), byFile["not-a-beam.beam"]);
            Assert.Equal((0, "BD0006"), byFile["zipbomb.beam"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CorruptFixtures_EachGiveTheDocumentedDiagnostic()
    {
        var result = CliRunner.Run("info", "fixtures/corrupt", "fixtures/corrupt/zipbomb.beam.gz");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Golden.Verify(result.Stderr, "info-corrupt-stderr");
    }

    [Fact]
    public void NonexistentPath_IsBD0200AndExitCode2()
    {
        var result = CliRunner.Run("info", "fixtures/no-such-file.beam");
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Equal("fixtures/no-such-file.beam: BD0200: no such file or directory", line);
    }

    [Fact]
    public void GlobMatchingNothing_IsBD0200AndTheGoodInputsStillPrint()
    {
        var result = CliRunner.Run("info", "fixtures/beam/*.nothing", "fixtures/beam/minimal.beam");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("fixtures/beam/*.nothing: BD0200: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Contains("module      minimal", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("no-such-command")]
    [InlineData("info")]
    public void BadUsage_IsExitCode2WithOneLineMessagesAndNoStackTrace(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.StderrLines);
        Assert.All(result.StderrLines, l => Assert.Matches("^(beamdecode: |Try 'beamdecode --help')", l));
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("-x")]
    public void UnknownOptionOfInfo_IsExitCode2NamingTheOptionWithoutAStackTrace(string option)
    {
        // System.CommandLine hands an unknown option of 'info' to its PATH argument, so it is reported as an
        // input that does not exist; what matters here is the exit code and the one-line message.
        var result = CliRunner.Run("info", option, "fixtures/beam/minimal.beam");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.Contains(option, StringComparison.Ordinal));
    }

    private static void Copy(string fixture, string dir, string name) =>
        File.Copy(Path.Combine(CliRunner.RepoRoot, fixture), Path.Combine(dir, name));

    private static List<string> Paths(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(m => m.GetProperty("path").GetString()!).ToList();
    }
}
