namespace BeamDecode.Cli.Tests.Source;

/// <summary><c>beamdecode source</c> through the CLI: outputs, refusals and the one-line diagnostics.</summary>
public sealed class SourceCommandTests
{
    [Fact]
    public void OneModule_PrintsToStdout()
    {
        var result = CliRunner.Run("source", "fixtures/beam/minimal.beam");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("-module(minimal).", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void NoDebugInfo_IsOneLineNamingTheModule_Exit2()
    {
        var result = CliRunner.Run("source", "fixtures/beam/nodebug/minimal.beam");
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StderrLines);
        Assert.StartsWith("fixtures/beam/nodebug/minimal.beam: BD0401: module minimal: no source: compiled without debug_info", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Encrypted_WithoutKey_IsOneLine_Exit2_AndWithKey_Prints()
    {
        var without = CliRunner.Run("source", "fixtures/beam/encrypted/minimal.beam");
        Assert.Equal(2, without.ExitCode);
        Assert.StartsWith("fixtures/beam/encrypted/minimal.beam: BD0402: module minimal: no source: debug info is encrypted", Assert.Single(without.StderrLines), StringComparison.Ordinal);

        var with = CliRunner.Run("source", "fixtures/beam/encrypted/minimal.beam", "--key", "secret");
        Assert.Equal(0, with.ExitCode);
        Assert.Equal(CliRunner.Run("source", "fixtures/beam/minimal.beam").Stdout, with.Stdout);
    }

    [Fact]
    public void Directory_NeedsOutputDirectory_AndWritesOneErlPerModule()
    {
        var refused = CliRunner.Run("source", "fixtures/beam");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("-o DIR", refused.Stderr, StringComparison.Ordinal);

        string dir = Path.Combine(Path.GetTempPath(), "bd-source-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = CliRunner.Run("source", "fixtures/beam/features.beam", "fixtures/beam/nodebug/features.beam", "-o", dir);
            Assert.Equal(2, result.ExitCode);
            Assert.True(File.Exists(Path.Combine(dir, "features.erl")));
            Assert.False(File.Exists(Path.Combine(dir, "features~2.erl")));
            Assert.Contains("BD0401", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void NeverOverwritesAnInput()
    {
        var result = CliRunner.Run("source", "fixtures/beam/minimal.beam", "-o", "fixtures/beam/minimal.beam");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("refusing to overwrite the input file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepLines_PutsTheModuleAttributeAtItsLine()
    {
        var result = CliRunner.Run("source", "--keep-lines", "fixtures/beam/minimal.beam");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        int module = Array.FindIndex(lines, l => l.StartsWith("-module(minimal).", StringComparison.Ordinal));
        string source = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "fixtures/src/minimal.erl"));
        int expected = Array.FindIndex(source.Split('\n'), l => l.StartsWith("-module(minimal).", StringComparison.Ordinal));
        Assert.Equal(expected, module);
    }
}
