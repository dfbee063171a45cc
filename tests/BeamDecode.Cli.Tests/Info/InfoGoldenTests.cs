namespace BeamDecode.Cli.Tests.Info;

/// <summary>
/// <c>beamdecode info</c> on the committed fixtures, text and JSON, against golden files in this folder.
/// Paths are relative to the repository root, so the output does not depend on the machine.
/// </summary>
public sealed class InfoGoldenTests
{
    [Theory]
    [InlineData("fixtures/beam/minimal.beam", "info-minimal")]
    [InlineData("fixtures/beam/features.beam", "info-features")]
    [InlineData("fixtures/beam/literals.beam", "info-literals")]
    [InlineData("fixtures/beam/nodebug/features.beam", "info-nodebug-features")]
    [InlineData("fixtures/beam/compressed/minimal.beam", "info-compressed-minimal")]
    [InlineData("fixtures/beam/encrypted/minimal.beam", "info-encrypted-minimal")]
    [InlineData("fixtures/beam/deterministic/features.beam", "info-deterministic-features")]
    public void InfoText_OnFixture_MatchesGolden(string path, string golden)
    {
        var result = CliRunner.Run("info", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Golden.Verify(result.Stdout, golden);
    }

    [Theory]
    [InlineData("fixtures/beam/minimal.beam", "info-json-minimal")]
    [InlineData("fixtures/beam/features.beam", "info-json-features")]
    public void InfoJson_OnFixture_MatchesGolden(string path, string golden)
    {
        var result = CliRunner.Run("info", "--json", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Golden.Verify(result.Stdout, golden);
    }

    [Fact]
    public void InfoText_OnTwoFiles_SeparatesModulesByABlankLineInArgumentOrder()
    {
        var result = CliRunner.Run("info", "fixtures/beam/minimal.beam", "fixtures/beam/literals.beam");
        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Stdout, "info-two-files");
    }
}
