using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Dumps;

/// <summary>
/// Dumps are untrusted input (taken off a compromised or broken node): the reader must say what is wrong with a
/// stable id, and nothing but <see cref="BadBeamFormatException"/> may escape, whatever the bytes.
/// </summary>
public sealed class CollectorDumpReaderTests
{
    private static readonly byte[] SmallBeam = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "minimal.beam"));

    private static byte[] ValidDump() => Etf.Versioned(Etf.Dump(Etf.Module("a", SmallBeam), Etf.Module("b", null)));

    [Fact]
    public void Reads_header_and_modules()
    {
        var dump = CollectorDumpReader.Read(ValidDump());
        Assert.Equal("n@h", dump.Node);
        Assert.Equal("25", dump.OtpRelease);
        Assert.Equal(new DateTime(2026, 11, 25, 12, 0, 1, DateTimeKind.Utc), dump.Time);
        Assert.Equal(["a", "b"], dump.Modules.Select(m => m.Module));
        Assert.Equal(SmallBeam, dump.Modules[0].ObjectCode!.Value.ToArray());
        Assert.Null(dump.Modules[1].ObjectCode);
        Assert.Equal("not_a_file", dump.Modules[1].Unavailable);
        Assert.Equal("/x/a.beam", dump.Modules[0].Path);
        Assert.Equal(new string('0', 32), dump.Modules[0].Md5Hex);
    }

    [Fact]
    public void Reads_a_compressed_dump_as_the_collector_writes_it()
    {
        var dump = CollectorDumpReader.Read(Etf.Compressed(Etf.Dump(Etf.Module("a", SmallBeam))));
        Assert.Equal(SmallBeam, dump.Modules[0].ObjectCode!.Value.ToArray());
    }

    public static TheoryData<string, byte[], string, long> Rejected => new()
    {
        { "empty file", [], DiagnosticId.NotADump, 0 },
        { "a beam", SmallBeam, DiagnosticId.NotADump, 0 },
        { "an atom", Etf.Versioned(Etf.Atom("beamdecode_dump")), DiagnosticId.NotADump, 0 },
        { "another tuple", Etf.Versioned(Etf.Tuple(Etf.Atom("x"), Etf.Int(1), Etf.Map())), DiagnosticId.NotADump, 0 },
        { "version 2", Etf.Versioned(Etf.Tuple(Etf.Atom("beamdecode_dump"), Etf.Int(2), Etf.Map())), DiagnosticId.UnsupportedDumpVersion, 0 },
        { "no map", Etf.Versioned(Etf.Tuple(Etf.Atom("beamdecode_dump"), Etf.Int(1), Etf.Nil())), DiagnosticId.BadDumpEntry, 0 },
        { "no node", Etf.Versioned(Etf.Tuple(Etf.Atom("beamdecode_dump"), Etf.Int(1), Etf.Map(("modules", Etf.Nil())))), DiagnosticId.BadDumpEntry, 0 },
        { "modules not a list", Etf.Versioned(Etf.Tuple(Etf.Atom("beamdecode_dump"), Etf.Int(1), Etf.Map(("node", Etf.Atom("n")), ("modules", Etf.Atom("x"))))), DiagnosticId.BadDumpEntry, 0 },
        { "entry not a map", Etf.Versioned(Etf.Dump(Etf.Atom("m"))), DiagnosticId.BadDumpEntry, 0 },
        { "entry without module", Etf.Versioned(Etf.Dump(Etf.Map(("path", Etf.Nil())))), DiagnosticId.BadDumpEntry, 0 },
        { "object code not a binary", Etf.Versioned(Etf.Dump(Etf.Map(("module", Etf.Atom("m")), ("object_code", Etf.Tuple(Etf.Atom("ok"), Etf.Atom("x")))))), DiagnosticId.BadDumpEntry, 0 },
        { "object code of another shape", Etf.Versioned(Etf.Dump(Etf.Map(("module", Etf.Atom("m")), ("object_code", Etf.Atom("ok"))))), DiagnosticId.BadDumpEntry, 0 },
        { "trailing bytes", [.. Etf.Versioned(Etf.Dump()), 0], DiagnosticId.NotADump, Etf.Versioned(Etf.Dump()).Length },
        { "bad version byte", [131, 200], DiagnosticId.UnknownTermTag, 1 },
        { "compressed bomb", [131, 80, 0x7f, 0xff, 0xff, 0xff, 0x78, 0x9c, 0x03, 0x00], DiagnosticId.DecompressionLimit, 1 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_with_a_stable_id(string what, byte[] bytes, string id, long offset)
    {
        var e = Assert.Throws<BadBeamFormatException>(() => CollectorDumpReader.Read(bytes));
        Assert.True(e.Id == id && e.Offset == offset, $"{what}: expected {id} at {offset}, got {e.Describe()}");
    }

    [Fact]
    public void Every_prefix_fails_cleanly()
    {
        foreach (var dump in new[] { ValidDump(), Etf.Compressed(Etf.Dump(Etf.Module("a", SmallBeam), Etf.Module("b", null))) })
        {
            for (int n = 0; n < dump.Length; n++)
            {
                Assert.Throws<BadBeamFormatException>(() => CollectorDumpReader.Read(dump.AsSpan(0, n)));
            }
        }
    }

    [Fact]
    public void Mutations_fail_cleanly_or_decode()
    {
        var dump = ValidDump();
        var random = new Random(6);
        for (int i = 0; i < 5000; i++)
        {
            var bytes = (byte[])dump.Clone();
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                var read = CollectorDumpReader.Read(bytes);
                _ = read.Modules.Select(m => (m.Md5Hex, m.Unavailable, m.Path)).ToList();
            }
            catch (BadBeamFormatException)
            {
            }
        }
    }

    [Fact]
    public void A_dump_file_larger_than_the_limit_is_refused_before_reading()
    {
        string dir = Directory.CreateTempSubdirectory("bd-dump-").FullName;
        try
        {
            string path = Path.Combine(dir, "huge.dump");
            using (var f = File.Create(path))
            {
                f.WriteByte(131);
                f.SetLength(CollectorDumpReader.MaxDumpFileSize + 1); // sparse: costs no disk
            }

            var e = Assert.Throws<BadBeamFormatException>(() => CollectorDumpReader.ReadFile(path));
            Assert.Equal(DiagnosticId.ImplausibleSize, e.Id);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
