using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Dumps;

/// <summary>Extraction never leaves its directory or replaces files unasked; a dump on the command line stands
/// for its modules in every command; a bad dump is one diagnostic.</summary>
public sealed class DumpInputTests : IDisposable
{
    private static readonly byte[] SmallBeam = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "minimal.beam"));

    private readonly string _dir = Directory.CreateTempSubdirectory("bd-dumpin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteDump(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/b")]
    [InlineData("sub/../../x")]
    [InlineData("/etc/x")]
    [InlineData("x\u0000y")]
    [InlineData("c:\\x")]
    [InlineData("new\nline")]
    public void Extraction_refuses_unsafe_module_names(string module)
    {
        var dump = CollectorDumpReader.Read(Etf.Versioned(Etf.Dump(Etf.Module(module, SmallBeam), Etf.Module("good", SmallBeam))));
        string outDir = Path.Combine(_dir, "out", "inner");
        var results = CollectorDumpExtractor.Extract(dump, "d.dump", outDir, force: false);
        Assert.Equal(DiagnosticId.UnsafeMemberName, results[0].Problem?.Id);
        Assert.Null(results[1].Problem);
        Assert.Equal(["good.beam"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "out")));
        Assert.Single(results[0].Problem!.ToString().Split('\n'));
    }

    [Fact]
    public void Extraction_writes_byte_identical_files_and_replaces_only_with_force()
    {
        var dump = CollectorDumpReader.Read(Etf.Versioned(Etf.Dump(Etf.Module("m", SmallBeam), Etf.Module("n", null))));
        string outDir = Path.Combine(_dir, "out");
        var first = CollectorDumpExtractor.Extract(dump, "d.dump", outDir, force: false);
        Assert.Equal(SmallBeam, File.ReadAllBytes(Assert.Single(first).WrittenPath!));

        File.WriteAllText(Path.Combine(outDir, "m.beam"), "mine");
        var again = CollectorDumpExtractor.Extract(dump, "d.dump", outDir, force: false);
        Assert.Equal(DiagnosticId.OutputExists, Assert.Single(again).Problem?.Id);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "m.beam")));

        var forced = CollectorDumpExtractor.Extract(dump, "d.dump", outDir, force: true);
        Assert.Null(Assert.Single(forced).Problem);
        Assert.Equal(SmallBeam, File.ReadAllBytes(Path.Combine(outDir, "m.beam")));
    }

    [Fact]
    public void Extraction_never_writes_through_a_planted_link()
    {
        var dump = CollectorDumpReader.Read(Etf.Versioned(Etf.Dump(Etf.Module("m", SmallBeam))));
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        string victim = Path.Combine(_dir, "victim.txt");
        File.WriteAllText(victim, "keep");
        File.CreateSymbolicLink(Path.Combine(outDir, "m.beam"), victim);

        Assert.Equal(DiagnosticId.OutputExists, Assert.Single(CollectorDumpExtractor.Extract(dump, "d", outDir, force: false)).Problem?.Id);
        Assert.Null(Assert.Single(CollectorDumpExtractor.Extract(dump, "d", outDir, force: true)).Problem);
        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Combine(outDir, "m.beam")).LinkTarget);
        Assert.Equal(SmallBeam, File.ReadAllBytes(Path.Combine(outDir, "m.beam")));
    }

    [Fact]
    public void A_dump_argument_expands_to_its_captured_modules()
    {
        string path = WriteDump("node.dump", Etf.Compressed(Etf.Dump(Etf.Module("m", SmallBeam), Etf.Module("n", null), Etf.Module("o", SmallBeam))));
        var selection = InputExpander.Expand([path]);
        Assert.Empty(selection.Problems);
        Assert.Equal([path + "!m.beam", path + "!o.beam"], selection.Files.Select(f => f.DisplayPath));
        foreach (var file in selection.Files)
        {
            var result = ModuleReader.ReadSummary(file.DisplayPath, file.FullPath);
            Assert.Null(result.Diagnostic);
            Assert.Equal("minimal", result.Summary!.Module);
            Assert.Equal(file.DisplayPath, result.Summary.Path);
        }
    }

    [Fact]
    public void A_bad_dump_is_one_diagnostic_with_its_offset()
    {
        string path = WriteDump("bad.dump", [.. Etf.Versioned(Etf.Dump()), 7]);
        var selection = InputExpander.Expand([path]);
        var file = Assert.Single(selection.Files);
        var result = ModuleReader.ReadSummary(file.DisplayPath, file.FullPath);
        Assert.Equal($"{path}: offset {Etf.Versioned(Etf.Dump()).Length}: {DiagnosticId.NotADump}: 1 byte(s) after the dump term", result.Diagnostic!.ToString());
    }

    [Fact]
    public void A_dump_without_object_code_is_a_problem()
    {
        string path = WriteDump("empty.dump", Etf.Versioned(Etf.Dump(Etf.Module("n", null))));
        var selection = InputExpander.Expand([path]);
        Assert.Empty(selection.Files);
        Assert.Equal(DiagnosticId.NoInput, Assert.Single(selection.Problems).Id);
    }
}
