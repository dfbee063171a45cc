using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Forensics.Tests.Archives;

/// <summary>Archives as OTP makes them: escript:create/2 (archive and beam bodies, all header lines) and zip:create/3
/// for an .ez; every module read back byte-identical to the beam that went in.</summary>
public sealed class ErlangArchiveTests : IDisposable
{
    private readonly string _dir = ErlangTool.CreateTempDirectory("bd-erl-archive");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Escripts_and_ez_archives_made_by_otp()
    {
        _ = ErlangTool.Erl;
        File.WriteAllText(Path.Combine(_dir, "hello.erl"), "-module(hello).\n-export([main/1]).\nmain(_) -> io:format(\"hi~n\").\n");
        File.WriteAllText(Path.Combine(_dir, "helper.erl"), "-module(helper).\n-export([f/0]).\nf() -> ok.\n");
        ErlangTool.Compile(_dir, "hello.erl", "helper.erl");
        ErlangTool.RunErl(
            "{ok, H} = file:read_file(\"hello.beam\"), {ok, P} = file:read_file(\"helper.beam\"), " +
            "ok = escript:create(\"zipped\", [shebang, comment, {emu_args, \"-escript main hello\"}, {archive, [{\"hello.beam\", H}, {\"helper.beam\", P}], []}]), " +
            "ok = escript:create(\"single\", [shebang, {beam, H}]), " +
            "{ok, _} = zip:create(\"app-1.0.ez\", [{\"app-1.0/ebin/hello.beam\", H}, {\"app-1.0/ebin/helper.beam\", P}, {\"app-1.0/ebin/app.app\", <<\"{application,app,[]}.\">>}])",
            _dir);
        byte[] hello = File.ReadAllBytes(Path.Combine(_dir, "hello.beam"));
        byte[] helper = File.ReadAllBytes(Path.Combine(_dir, "helper.beam"));

        // The escript really runs, so it is the format escript reads.
        Assert.Equal("hi", ErlangTool.Run(ErlangTool.Escript, [Path.Combine(_dir, "zipped")], workingDirectory: _dir).Trim());

        var zipped = InputExpander.Expand([Path.Combine(_dir, "zipped")]);
        Assert.Equal(["zipped!hello.beam", "zipped!helper.beam"], zipped.Files.Select(f => Path.GetFileName(f.DisplayPath)));
        Assert.Equal(hello, InMemoryBytes(zipped.Files[0]));
        Assert.Equal(helper, InMemoryBytes(zipped.Files[1]));

        var single = Assert.Single(InputExpander.Expand([Path.Combine(_dir, "single")]).Files);
        Assert.EndsWith("single!hello.beam", single.DisplayPath, StringComparison.Ordinal);
        Assert.Equal(hello, InMemoryBytes(single));

        var ez = InputExpander.Expand([Path.Combine(_dir, "app-1.0.ez")]);
        Assert.Equal(2, ez.Files.Length);
        Assert.Equal(hello, InMemoryBytes(ez.Files[0]));
        Assert.Equal(helper, InMemoryBytes(ez.Files[1]));
        Assert.All(ez.Files, f => Assert.Null(ModuleReader.ReadSummary(f.DisplayPath, f.FullPath).Diagnostic));
    }

    private static byte[] InMemoryBytes(InputFile file)
    {
        Assert.True(InMemoryInputs.TryGet(file.FullPath, out var bytes), file.DisplayPath);
        return bytes;
    }
}
