using BeamDecode.Decompiler;
using BeamDecode.Metadata;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Syntax.Tests.Golden;

/// <summary>
/// <c>beamdecode source</c>'s text for every fixture module with debug info, plain and with --keep-lines, against
/// golden files here. constructs.erl (fixtures/src/syntax) holds every construct OTP 25 compiles.
/// </summary>
public sealed class FixtureSourceGoldenTests
{
    public static TheoryData<string> Fixtures => new(
        "fixtures/beam/features.beam", "fixtures/beam/literals.beam", "fixtures/beam/minimal.beam",
        "fixtures/beam/asm_ops.beam", "fixtures/beam-syntax/constructs.beam");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Source_MatchesGolden(string fixture)
    {
        var recovered = Recover(fixture, keepLines: false);
        Assert.Empty(recovered.Diagnostics);
        SourceGolden.Verify(recovered.Text!, "source-" + Path.GetFileNameWithoutExtension(fixture));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void SourceKeepLines_MatchesGolden_AndFormsStartAtTheirLines(string fixture)
    {
        var recovered = Recover(fixture, keepLines: true);
        SourceGolden.Verify(recovered.Text!, "source-keep-lines-" + Path.GetFileNameWithoutExtension(fixture));
        string[] lines = recovered.Text!.Split('\n');
        foreach (var form in recovered.Syntax!.Forms)
        {
            if (form is Nodes.FunctionDecl fn && fn.Line > 0 && fn.Line <= lines.Length)
            {
                Assert.StartsWith(BeamDecode.Syntax.Printing.ErlangLiterals.Atom(fn.Name) + "(", lines[fn.Line - 1], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void EveryFixtureBeamWithDebugInfo_HasAGoldenTest()
    {
        string root = SourceGolden.RepoRoot;
        var covered = Fixtures.Select(row => row.Data).ToHashSet(StringComparer.Ordinal);
        foreach (string dir in new[] { "fixtures/beam", "fixtures/beam-syntax" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, dir), "*.beam"))
            {
                string rel = dir + "/" + Path.GetFileName(file);
                Assert.True(covered.Contains(rel), $"{rel} has no source golden test");
            }
        }
    }

    private static RecoveredSource Recover(string fixture, bool keepLines) =>
        ModuleSource.Recover(BeamFile.Read(File.ReadAllBytes(Path.Combine(SourceGolden.RepoRoot, fixture))), new PrinterOptions { KeepLines = keepLines });
}
