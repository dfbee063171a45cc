using BeamDecode.Cli;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Baselines;

/// <summary>The baseline commands end to end: create from a directory, show as text and JSON, refuse to replace a
/// file without --force, and report a damaged baseline in one line with exit code 2.</summary>
public sealed class BaselineCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bd-baseline-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Create_show_and_refuse_to_overwrite()
    {
        string fixtures = Path.Combine(RepoRoot.Path, "fixtures", "beam");
        string bdb = Path.Combine(_dir, "rel.bdb");
        var created = Run("baseline", "create", Path.Combine(fixtures, "minimal.beam"), Path.Combine(fixtures, "literals.beam"), "-o", bdb);
        Assert.Equal(0, created.Exit);
        Assert.Contains("2 modules", created.Out, StringComparison.Ordinal);

        var again = Run("baseline", "create", Path.Combine(fixtures, "minimal.beam"), "-o", bdb);
        Assert.Equal(2, again.Exit);
        Assert.Contains(DiagnosticId.OutputExists, again.Err, StringComparison.Ordinal);
        Assert.Equal(0, Run("baseline", "create", Path.Combine(fixtures, "minimal.beam"), "-o", bdb, "--force").Exit);

        var text = Run("baseline", "show", bdb, "--functions");
        Assert.Equal(0, text.Exit);
        Assert.Contains("modules: 1", text.Out, StringComparison.Ordinal);
        Assert.Contains("module_info/0", text.Out, StringComparison.Ordinal);

        var json = Run("baseline", "show", bdb, "--json");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        var module = doc.RootElement.GetProperty("modules")[0];
        Assert.Equal("minimal", module.GetProperty("module").GetString());
        Assert.Equal(32, module.GetProperty("md5").GetString()!.Length);
        Assert.Equal(32, module.GetProperty("functions")[0].GetProperty("fingerprint").GetString()!.Length);

        File.WriteAllBytes(bdb, [.. File.ReadAllBytes(bdb)[..40]]);
        var bad = Run("baseline", "show", bdb);
        Assert.Equal(2, bad.Exit);
        Assert.Single(bad.Err.TrimEnd().Split('\n'));
        Assert.Contains(DiagnosticId.BadBaseline, bad.Err, StringComparison.Ordinal);
    }
}
