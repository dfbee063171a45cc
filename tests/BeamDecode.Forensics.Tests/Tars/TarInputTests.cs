using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Forensics.Tests.Archives;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Tars;

/// <summary>
/// Release tarballs (.tar, .tar.gz) as inputs: beams under lib/APP-VSN/ebin and inside .ez members found and read
/// byte-identical, from tars written by OTP's erl_tar and by GNU tar (long names in GNU and PAX form); hostile
/// tars (bad checksums, truncation, lying sizes, traversal names, links, corrupt gzip) give stable diagnostics.
/// </summary>
public sealed class TarInputTests : IDisposable
{
    private static readonly byte[] SmallBeam = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "minimal.beam"));

    private readonly string _dir = ErlangTool.CreateTempDirectory("bd-tar");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_release_tarball_stands_for_its_beams_and_those_of_its_ez_members(bool gzipped)
    {
        byte[] ez = Zips.Create(("other-2.0/ebin/minimal.beam", SmallBeam));
        byte[] tar = Tars.Create(
            ("releases/1.0/start.boot", [1, 2, 3]),
            ("lib/app-1.0/ebin/minimal.beam", SmallBeam),
            ("lib/app-1.0/ebin/app.app", "{application,app,[]}."u8.ToArray()),
            ("lib/other-2.0.ez", ez));
        string path = Write(gzipped ? "rel.tar.gz" : "rel.tar", gzipped ? Tars.Gzip(tar) : tar);
        var selection = InputExpander.Expand([path]);
        Assert.Empty(selection.Problems);
        Assert.Equal(
            [path + "!lib/app-1.0/ebin/minimal.beam", path + "!lib/other-2.0.ez!other-2.0/ebin/minimal.beam"],
            selection.Files.Select(f => f.DisplayPath));
        Assert.All(selection.Files, f =>
        {
            Assert.True(InMemoryInputs.TryGet(f.FullPath, out var bytes));
            Assert.Equal(SmallBeam, bytes);
            Assert.Null(ModuleReader.ReadSummary(f.DisplayPath, f.FullPath).Diagnostic);
        });
    }

    [Fact]
    public void A_gzipped_beam_is_still_a_beam_not_a_tar()
    {
        string path = Write("minimal.beam.gz", Tars.Gzip(SmallBeam));
        Assert.False(TarArchiveReader.IsTarFile(path));
        var file = Assert.Single(InputExpander.Expand([path]).Files);
        Assert.Equal(path, file.DisplayPath);
    }

    [Fact]
    public void Tars_written_by_erl_tar_and_gnu_tar_with_long_names_are_read()
    {
        _ = ErlangTool.Erl;
        string deep = "lib/" + new string('a', 60) + "-1.0/" + new string('b', 50) + "/ebin";
        Directory.CreateDirectory(Path.Combine(_dir, "src", deep));
        File.WriteAllBytes(Path.Combine(_dir, "src", deep, "minimal.beam"), SmallBeam);
        ErlangTool.RunErl(
            "{ok, B} = file:read_file(\"src/" + deep + "/minimal.beam\"), " +
            "ok = erl_tar:create(\"erl.tar.gz\", [{\"lib/app-1.0/ebin/minimal.beam\", B}, {\"" + deep + "/minimal.beam\", B}], [compressed])",
            _dir);
        var erl = InputExpander.Expand([Path.Combine(_dir, "erl.tar.gz")]);
        Assert.Equal(2, erl.Files.Length);
        Assert.Contains(erl.Files, f => f.DisplayPath.EndsWith("!" + deep + "/minimal.beam", StringComparison.Ordinal));
        Assert.All(erl.Files, f => Assert.True(InMemoryInputs.TryGet(f.FullPath, out var b) && b.AsSpan().SequenceEqual(SmallBeam)));

        foreach (string format in new[] { "gnu", "pax", "ustar" })
        {
            string name = $"{format}.tar";
            ErlangTool.Run("tar", ["--format=" + format, "-cf", name, "-C", "src", "lib"], workingDirectory: _dir);
            var files = InputExpander.Expand([Path.Combine(_dir, name)]).Files;
            var member = Assert.Single(files);
            Assert.EndsWith(name + "!" + deep + "/minimal.beam", member.DisplayPath, StringComparison.Ordinal);
            Assert.True(InMemoryInputs.TryGet(member.FullPath, out var bytes));
            Assert.Equal(SmallBeam, bytes);
        }
    }

    [Theory]
    [InlineData("../../evil.beam", '0')]
    [InlineData("/etc/evil.beam", '0')]
    [InlineData("lib/a/../../../evil.beam", '0')]
    [InlineData("lib/link.beam", '2')]
    [InlineData("lib/hard.beam", '1')]
    [InlineData("lib/ctl\u0001.beam", '0')]
    public void Hostile_member_names_and_links_are_refused_and_the_rest_read(string name, char type)
    {
        byte[] data = type == '0' ? SmallBeam : [];
        byte[] tar = Tars.Raw((Tars.Header(name, data.Length, type), data), (Tars.Header("lib/ok.beam", SmallBeam.Length), SmallBeam));
        var members = TarArchiveReader.ReadBeams(new MemoryStream(tar));
        Assert.Equal(2, members.Length);
        Assert.Equal(DiagnosticId.UnsafeMemberName, members[0].Failure?.Id);
        Assert.Null(members[0].Bytes);
        Assert.Equal(SmallBeam, members[1].Bytes);
    }

    [Fact]
    public void A_damaged_header_is_one_diagnostic()
    {
        byte[] tar = Tars.Raw((Tars.Header("lib/ok.beam", SmallBeam.Length), SmallBeam), (Tars.Header("lib/b.beam", 4, fixChecksum: "wrong"), [1, 2, 3, 4]));
        var e = Assert.Throws<Metadata.BadBeamFormatException>(() => TarArchiveReader.ReadBeams(new MemoryStream(tar)));
        Assert.Equal(DiagnosticId.BadArchive, e.Id);
        Assert.Equal(512 + 512 * ((SmallBeam.Length + 511) / 512), e.Offset);
    }

    [Fact]
    public void A_truncated_tar_anywhere_is_one_diagnostic_never_an_exception()
    {
        byte[] tar = Tars.Create(("lib/a.beam", SmallBeam), ("lib/b.beam", SmallBeam));
        for (int cut = 1; cut < tar.Length - 1024; cut += 97)
        {
            string path = Write("cut.tar", tar[..cut]);
            foreach (var f in InputExpander.Expand([path]).Files)
            {
                var result = ModuleReader.ReadSummary(f.DisplayPath, f.FullPath);
                Assert.True(result.Summary is not null || result.Diagnostic!.Id.StartsWith("BD0", StringComparison.Ordinal));
            }

            string gz = Write("cut.tar.gz", Tars.Gzip(tar)[..Math.Min(cut, Tars.Gzip(tar).Length - 1)]);
            foreach (var f in InputExpander.Expand([gz]).Files)
            {
                var result = ModuleReader.ReadSummary(f.DisplayPath, f.FullPath);
                Assert.True(result.Summary is not null || result.Diagnostic!.Id.StartsWith("BD0", StringComparison.Ordinal));
            }
        }

        var e = Assert.Throws<Metadata.BadBeamFormatException>(() => TarArchiveReader.ReadBeams(new MemoryStream(tar[..(512 + 100)])));
        Assert.Equal(DiagnosticId.BadArchive, e.Id);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_past_the_limits_are_refused_before_reading()
    {
        // A header claiming 8 GB (the largest 11-digit octal size): past what the reader will scan, so the archive stops there, nothing allocated.
        byte[] huge = Tars.Raw((Tars.Header("lib/huge.beam", (1L << 33) - 1), []));
        var stop = Assert.Throws<Metadata.BadBeamFormatException>(() => TarArchiveReader.ReadBeams(new MemoryStream(huge)));
        Assert.Equal(DiagnosticId.DecompressionLimit, stop.Id);

        var small = new ArchiveLimits { MaxMemberSize = 100, MaxTotalSize = 10_000 };
        var limited = TarArchiveReader.ReadBeams(new MemoryStream(Tars.Create(("lib/a.beam", SmallBeam))), small);
        Assert.Equal(DiagnosticId.DecompressionLimit, Assert.Single(limited).Failure?.Id);

        var tooMany = new ArchiveLimits { MaxEntries = 1 };
        var e = Assert.Throws<Metadata.BadBeamFormatException>(
            () => TarArchiveReader.ReadBeams(new MemoryStream(Tars.Create(("a.beam", SmallBeam), ("b.beam", SmallBeam))), tooMany));
        Assert.Equal(DiagnosticId.ImplausibleSize, e.Id);
    }

    [Fact]
    public void Corrupt_gzip_after_a_tar_header_is_one_diagnostic()
    {
        byte[] gz = Tars.Gzip(Tars.Create(("lib/a.beam", SmallBeam), ("lib/b.beam", new byte[200_000])));
        for (int i = 40; i < gz.Length - 8; i += 50)
        {
            gz[i] ^= 0x5a;
        }

        string path = Write("bad.tar.gz", gz);
        foreach (var f in InputExpander.Expand([path]).Files)
        {
            var result = ModuleReader.ReadSummary(f.DisplayPath, f.FullPath);
            Assert.True(result.Summary is not null || result.Diagnostic!.Id.StartsWith("BD0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_gzip_bomb_inside_a_tarball_stops_at_the_stream_limit()
    {
        // 64 MB of zeros as a member: about 64 KB of gzip. With a 1 MB limit the reader stops before inflating it all.
        byte[] bomb = Tars.Gzip(Tars.Raw((Tars.Header("lib/app-1.0/priv/zeros.bin", 64 << 20), new byte[64 << 20]), (Tars.Header("lib/a.beam", SmallBeam.Length), SmallBeam)));
        Assert.True(bomb.Length < 1 << 20);
        string path = Write("bomb.tar.gz", bomb);
        var e = Assert.Throws<Metadata.BadBeamFormatException>(() => TarArchiveReader.ReadBeamsFromFile(path, new ArchiveLimits { MaxTarStreamSize = 1 << 20 }));
        Assert.Equal(DiagnosticId.DecompressionLimit, e.Id);
        Assert.Equal(SmallBeam, Assert.Single(TarArchiveReader.ReadBeamsFromFile(path)).Bytes);
    }
}
