using System.Buffers.Binary;
using System.Text;

namespace BeamDecode.Cli.Tests.Disasm;

/// <summary>
/// Where <c>beamdecode disasm</c> writes (stdout, a file, a directory), what it refuses (several modules without
/// -o, overwriting an input, a malformed --function), and how it reports bad modules: one line each, exit code 2,
/// the other modules still written.
/// </summary>
public sealed class DisasmCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"beamdecode-disasm-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public DisasmCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Directory_WritesOneFilePerModuleIntoTheOutputDirectory()
    {
        string output = Path.Combine(_dir, "out");
        var result = CliRunner.Run("disasm", "fixtures/beam", "-o", output);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var names = Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // Every variant of a module has the same file name: the later ones get ~2, ~3, ...
        Assert.Contains("asm_ops.S", names);
        Assert.Contains("asm_ops~2.S", names);
        Assert.Equal(17, names.Count);
        Assert.Equal(CliRunner.Run("disasm", "fixtures/beam/asm_ops.beam").Stdout, File.ReadAllText(Path.Combine(output, "asm_ops.S")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1 << 20)]
    public void ExistingOutputFile_IsReplacedWholeWhateverItsLength(int oldLength)
    {
        // The file is written without O_TRUNC and cut to size afterwards: a longer old file must leave no tail.
        string output = Path.Combine(_dir, "out");
        Directory.CreateDirectory(output);
        string target = Path.Combine(output, "minimal.S");
        File.WriteAllBytes(target, Enumerable.Repeat((byte)'%', oldLength).ToArray());
        var result = CliRunner.Run("disasm", "fixtures/beam/minimal.beam", "fixtures/beam/asm_ops.beam", "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CliRunner.Run("disasm", "fixtures/beam/minimal.beam").Stdout, File.ReadAllText(target));
    }

    [Fact]
    public void SeveralModulesWithoutOutput_IsAUsageError()
    {
        var result = CliRunner.Run("disasm", "fixtures/beam");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-o DIR", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void OneFile_ToAFileOrIntoADirectory()
    {
        string file = Path.Combine(_dir, "m.S");
        Assert.Equal(0, CliRunner.Run("disasm", "fixtures/beam/minimal.beam", "-o", file).ExitCode);
        Assert.Equal(0, CliRunner.Run("disasm", "fixtures/beam/minimal.beam", "-o", _dir).ExitCode);
        string expected = CliRunner.Run("disasm", "fixtures/beam/minimal.beam").Stdout;
        Assert.Equal(expected, File.ReadAllText(file));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_dir, "minimal.S")));
    }

    [Fact]
    public void OutputNamingTheInput_IsRefusedAndTheInputIsUntouched()
    {
        string input = Path.Combine(_dir, "minimal.beam");
        File.Copy(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", "minimal.beam"), input);
        byte[] before = File.ReadAllBytes(input);
        var result = CliRunner.Run("disasm", input, "-o", input);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("refusing to overwrite", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void LinkInTheOutputDirectory_IsReplacedNotWrittenThrough()
    {
        string output = Path.Combine(_dir, "out");
        Directory.CreateDirectory(output);
        string outside = Path.Combine(_dir, "outside.txt");
        File.WriteAllText(outside, "keep");
        File.CreateSymbolicLink(Path.Combine(output, "minimal.S"), outside);

        var result = CliRunner.Run("disasm", "fixtures/beam/minimal.beam", "fixtures/beam/asm_ops.beam", "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("keep", File.ReadAllText(outside));
        Assert.Null(new FileInfo(Path.Combine(output, "minimal.S")).LinkTarget);
        Assert.StartsWith("{module, minimal}.", File.ReadAllText(Path.Combine(output, "minimal.S")), StringComparison.Ordinal);
    }

    [Fact]
    public void BadModuleAmongGoodOnes_IsOneLineAndTheOthersAreWritten()
    {
        string inputs = Path.Combine(_dir, "in");
        Directory.CreateDirectory(inputs);
        File.Copy(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", "minimal.beam"), Path.Combine(inputs, "good.beam"));
        File.WriteAllBytes(Path.Combine(inputs, "opcode.beam"), WithUnknownOpcode());
        File.Copy(Path.Combine(CliRunner.RepoRoot, "fixtures", "corrupt", "truncated.beam"), Path.Combine(inputs, "truncated.beam"));
        string output = Path.Combine(_dir, "out");

        var result = CliRunner.Run("disasm", inputs, "-o", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.StderrLines.Length);
        Assert.Contains(result.StderrLines, l => l.Contains("opcode.beam: offset ", StringComparison.Ordinal)
            && l.Contains(": BD0011: chunk 'Code': unknown opcode 200", StringComparison.Ordinal));
        Assert.Contains(result.StderrLines, l => l.Contains("truncated.beam: offset 4: BD0001", StringComparison.Ordinal));
        Assert.Equal(["good.S"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("binaries")]
    [InlineData("binaries/x")]
    [InlineData("/1")]
    public void MalformedFunction_IsAUsageError(string function)
    {
        var result = CliRunner.Run("disasm", "fixtures/beam/asm_ops.beam", "--function", function);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NAME/ARITY", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionNoModuleDefines_IsReported()
    {
        var result = CliRunner.Run("disasm", "fixtures/beam/asm_ops.beam", "--function", "nothing/9");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("nothing/9", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>minimal.beam with its first instruction's opcode replaced by 200, which no release defines.</summary>
    private static byte[] WithUnknownOpcode()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", "minimal.beam"));
        int pos = 12;
        while (Encoding.Latin1.GetString(bytes, pos, 4) != "Code")
        {
            pos += 8 + (((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos + 4)) + 3) & ~3);
        }

        // Chunk header (8 bytes), then the 4-byte header size and 16 header bytes, then the first opcode.
        bytes[pos + 8 + 20] = 200;
        return bytes;
    }
}
