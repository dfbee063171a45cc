using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Archives;

/// <summary>
/// .ez archives and escripts as inputs: members found and read byte-identical; hostile archives (bombs, lying sizes,
/// traversal names, links, damage anywhere) give diagnostics with stable ids and nothing else escapes.
/// </summary>
public sealed class ArchiveInputTests : IDisposable
{
    private static readonly byte[] SmallBeam = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "minimal.beam"));

    private readonly string _dir = Directory.CreateTempSubdirectory("bd-archive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void An_ez_archive_stands_for_its_beams()
    {
        string ez = Write("app-1.0.ez", Zips.Create(
            ("app-1.0/ebin/minimal.beam", SmallBeam), ("app-1.0/ebin/app.app", "{application,app,[]}."u8.ToArray()), ("app-1.0/ebin/other.beam", SmallBeam)));
        var selection = InputExpander.Expand([ez]);
        Assert.Empty(selection.Problems);
        Assert.Equal([ez + "!app-1.0/ebin/minimal.beam", ez + "!app-1.0/ebin/other.beam"], selection.Files.Select(f => f.DisplayPath));
        foreach (var f in selection.Files)
        {
            Assert.Null(ModuleReader.ReadSummary(f.DisplayPath, f.FullPath).Diagnostic);
            Assert.Equal("minimal", ModuleReader.Open(f.FullPath).ModuleName);
        }
    }

    [Theory]
    [InlineData("%% comment", "%%! -smp")]
    [InlineData("%% comment", null)]
    [InlineData(null, "%%! -smp")]
    [InlineData(null, null)]
    public void An_escript_with_an_archive_or_a_beam_stands_for_its_beams(string? comment, string? emuArgs)
    {
        var zipped = ArchiveReader.ReadBeams(Zips.Escript(Zips.Create(("minimal.beam", SmallBeam)), comment, emuArgs));
        Assert.Equal(SmallBeam, Assert.Single(zipped).Bytes);

        var single = ArchiveReader.ReadBeams(Zips.Escript(SmallBeam, comment, emuArgs));
        Assert.Equal("minimal.beam", Assert.Single(single).Name);
        Assert.Equal(SmallBeam, single[0].Bytes);
    }

    [Fact]
    public void An_escript_of_source_code_is_one_diagnostic()
    {
        string script = Write("tool", Zips.Escript("main(_) -> ok.\n"u8.ToArray()));
        var file = Assert.Single(InputExpander.Expand([script]).Files);
        var result = ModuleReader.ReadSummary(file.DisplayPath, file.FullPath);
        Assert.Equal(DiagnosticId.NoCompiledCode, result.Diagnostic?.Id);
        Assert.Contains("source", result.Diagnostic!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../evil.beam")]
    [InlineData("/etc/evil.beam")]
    [InlineData("a/../../evil.beam")]
    [InlineData("..\\evil.beam")]
    [InlineData("c:/evil.beam")]
    [InlineData("ev\u0000il.beam")]
    public void Traversal_names_are_refused(string name)
    {
        var members = ArchiveReader.ReadBeams(Zips.Create((name, SmallBeam), ("ok.beam", SmallBeam)));
        Assert.Equal(DiagnosticId.UnsafeMemberName, members[0].Failure?.Id);
        Assert.Null(members[0].Bytes);
        Assert.Equal(SmallBeam, members[1].Bytes);
    }

    [Fact]
    public void Link_entries_are_refused()
    {
        var members = ArchiveReader.ReadBeams(Zips.Create([("link.beam", "/etc/passwd"u8.ToArray(), 0xA1FF)]));
        Assert.Equal(DiagnosticId.UnsafeMemberName, Assert.Single(members).Failure?.Id);
    }

    [Fact]
    public void A_bomb_is_stopped_by_the_bytes_it_produces()
    {
        var bomb = Zips.Create(("bomb.beam", new byte[4 << 20]));
        Assert.True(bomb.Length < 64 << 10);
        var limits = ArchiveLimits.Default with { MaxMemberSize = 1 << 20 };
        Assert.Equal(DiagnosticId.DecompressionLimit, Assert.Single(ArchiveReader.ReadBeams(bomb, limits)).Failure?.Id);

        var many = Zips.Create(("a.beam", new byte[600 << 10]), ("b.beam", new byte[600 << 10]));
        var e = Assert.Throws<BadBeamFormatException>(() => ArchiveReader.ReadBeams(many, limits with { MaxTotalSize = 1 << 20 }));
        Assert.Equal(DiagnosticId.DecompressionLimit, e.Id);
    }

    [Fact]
    public void Lying_sizes_do_not_decide_what_is_read()
    {
        var zip = Zips.Create(("m.beam", new byte[2 << 20]));
        // Claim 10 bytes uncompressed in the central directory record (offset 24 of "PK\1\2").
        int central = IndexOf(zip, [(byte)'P', (byte)'K', 1, 2]);
        BitConverter.TryWriteBytes(zip.AsSpan(central + 24, 4), 10);
        var limits = ArchiveLimits.Default with { MaxMemberSize = 1 << 20 };
        try
        {
            var member = Assert.Single(ArchiveReader.ReadBeams(zip, limits));
            Assert.True(member.Bytes is null || member.Bytes.Length <= 10, "more bytes than declared were taken");
        }
        catch (BadBeamFormatException)
        {
        }
    }

    [Fact]
    public void Every_prefix_and_many_mutations_fail_cleanly()
    {
        var archives = new[]
        {
            Zips.Create(("app/ebin/minimal.beam", SmallBeam), ("app/ebin/x.app", "x"u8.ToArray())),
            Zips.Escript(Zips.Create(("minimal.beam", SmallBeam))),
        };
        foreach (var archive in archives)
        {
            for (int n = 0; n <= archive.Length; n++)
            {
                Consume(archive[..n]);
            }

            var random = new Random(4);
            for (int i = 0; i < 3000; i++)
            {
                var bytes = (byte[])archive.Clone();
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                Consume(bytes);
            }
        }
    }

    [Fact]
    public void A_damaged_archive_is_one_diagnostic()
    {
        var zip = Zips.Create(("m.beam", SmallBeam));
        string path = Write("broken.ez", zip[..(zip.Length - 10)]);
        var file = Assert.Single(InputExpander.Expand([path]).Files);
        Assert.Equal(DiagnosticId.BadArchive, ModuleReader.ReadSummary(file.DisplayPath, file.FullPath).Diagnostic?.Id);
    }

    /// <summary>Reads everything the tool would: members, and each member as a module. Only the one exception type may escape.</summary>
    private static void Consume(byte[] bytes)
    {
        try
        {
            foreach (var member in ArchiveReader.ReadBeams(bytes))
            {
                if (member.Bytes is { } b)
                {
                    try
                    {
                        _ = ModuleSummary.From("m", BeamFile.Read(b));
                    }
                    catch (BadBeamFormatException)
                    {
                    }
                }
                else
                {
                    Assert.NotNull(member.Failure);
                }
            }
        }
        catch (BadBeamFormatException)
        {
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
