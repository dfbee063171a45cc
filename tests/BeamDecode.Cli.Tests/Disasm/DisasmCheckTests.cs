namespace BeamDecode.Cli.Tests.Disasm;

/// <summary>
/// <c>beamdecode disasm --check</c>: every module disassembled in memory, nothing written, and exactly the
/// diagnostics (and exit code) a disassembly to files gives, on good and on damaged modules.
/// </summary>
public sealed class DisasmCheckTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"beamdecode-disasm-check-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public DisasmCheckTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void GoodModules_ReportNothingAndWriteNothing()
    {
        var before = Directory.GetFileSystemEntries(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam"), "*", SearchOption.AllDirectories);
        var result = CliRunner.Run("disasm", "fixtures/beam", "--check");
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(before, Directory.GetFileSystemEntries(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void DamagedModules_GiveTheDiagnosticsOfADisassemblyToFiles()
    {
        string inputs = Path.Combine(_dir, "in");
        Directory.CreateDirectory(inputs);
        var random = new Random(11);
        foreach (string name in new[] { "minimal", "asm_ops", "literals", "features" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", name + ".beam"));
            for (int cut = 8; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 25))
            {
                File.WriteAllBytes(Path.Combine(inputs, $"{name}_cut{cut}.beam"), bytes[..cut]);
            }

            for (int k = 0; k < 40; k++)
            {
                byte[] changed = (byte[])bytes.Clone();
                changed[random.Next(12, changed.Length)] = (byte)random.Next(256);
                File.WriteAllBytes(Path.Combine(inputs, $"{name}_byte{k}.beam"), changed);
            }
        }

        string output = Path.Combine(_dir, "out");
        var full = CliRunner.Run("disasm", inputs, "-o", output);
        var check = CliRunner.Run("disasm", inputs, "--check");

        // The damage must have been seen at all, and not everywhere, for the comparison to mean something.
        Assert.Equal(2, full.ExitCode);
        Assert.InRange(full.StderrLines.Length, 20, Directory.GetFiles(inputs).Length - 20);
        Assert.Equal(full.Stderr, check.Stderr);
        Assert.Equal(full.ExitCode, check.ExitCode);
        Assert.Equal("", check.Stdout);
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("--function")]
    public void WithOutputOrFunction_IsAUsageError(string option)
    {
        string[] args = option == "-o"
            ? ["disasm", "fixtures/beam/minimal.beam", "--check", "-o", Path.Combine(_dir, "x.S")]
            : ["disasm", "fixtures/beam/minimal.beam", "--check", "--function", "f/0"];
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--check writes nothing", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.S")));
    }
}
