namespace BeamDecode.Cli.Tests.Disasm;

/// <summary>
/// <c>beamdecode disasm</c> on the committed fixtures against golden files in this folder. asm_ops.erl holds every
/// operand kind OTP 25 writes; features.erl an on_load function, a unicode atom and funs; minimal.erl the smallest
/// module. (That erlc re-assembles such output byte-identically is the conformance suite's ErlcAsm tests.)
/// </summary>
public sealed class DisasmGoldenTests
{
    [Theory]
    [InlineData("fixtures/beam/asm_ops.beam", "disasm-asm_ops")]
    [InlineData("fixtures/beam/features.beam", "disasm-features")]
    [InlineData("fixtures/beam/literals.beam", "disasm-literals")]
    [InlineData("fixtures/beam/minimal.beam", "disasm-minimal")]
    public void Disasm_OnFixture_MatchesGolden(string path, string golden)
    {
        var result = CliRunner.Run("disasm", path);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Stdout, golden);
    }

    [Fact]
    public void Disasm_OneFunction_WritesTheHeaderAndThatFunction()
    {
        var result = CliRunner.Run("disasm", "fixtures/beam/asm_ops.beam", "--function", "binaries/1");
        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Stdout, "disasm-function");
    }

    [Theory]
    [InlineData("compressed")]
    [InlineData("nodebug")]
    [InlineData("encrypted")]
    public void Disasm_OfAVariant_EqualsThePlainBuild(string variant)
    {
        // Debug info, compression and encryption leave the code alone.
        var plain = CliRunner.Run("disasm", "fixtures/beam/asm_ops.beam");
        var other = CliRunner.Run("disasm", $"fixtures/beam/{variant}/asm_ops.beam");
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(plain.Stdout, other.Stdout);
    }
}
