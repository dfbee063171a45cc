using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Carving;

/// <summary><c>beamdecode carve</c> end to end: what it prints, exit codes, a missing blob, an existing file.</summary>
public sealed class CarveCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bd-carve-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (Cli.Program.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Carve_prints_each_file_and_decoy_and_refuses_to_overwrite()
    {
        byte[] beam = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "minimal.beam"));
        string blob = Path.Combine(_dir, "blob");
        File.WriteAllBytes(blob, [.. new byte[13], .. beam, 1, 2, 3, .. beam.AsSpan(0, 30)]);
        string outDir = Path.Combine(_dir, "out");
        var first = Run("carve", blob, "-o", outDir);
        Assert.Equal(0, first.Exit);
        Assert.Contains("extracted @13:", first.Out, StringComparison.Ordinal);
        Assert.Contains($"rejected  @{13 + beam.Length + 3}: truncated", first.Out, StringComparison.Ordinal);
        Assert.Contains("2 BEAM headers, 1 valid images, 1 distinct, 1 written", first.Out, StringComparison.Ordinal);
        Assert.Equal(beam, File.ReadAllBytes(Path.Combine(outDir, "minimal.beam")));

        var second = Run("carve", blob, "-o", outDir);
        Assert.Equal(2, second.Exit);
        Assert.Contains(DiagnosticId.OutputExists, second.Err, StringComparison.Ordinal);
        Assert.Equal(0, Run("carve", blob, "-o", outDir, "--force").Exit);

        var missing = Run("carve", Path.Combine(_dir, "nope"), "-o", outDir);
        Assert.Equal(2, missing.Exit);
        Assert.Contains(DiagnosticId.NoInput, missing.Err, StringComparison.Ordinal);
    }
}
