using BeamDecode.Forensics.Carving;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Carving;

/// <summary>
/// carve on a generated 200 MB blob: real beams at random unaligned offsets among random bytes, with truncated and
/// damaged copies and bare markers as decoys; exactly the embedded images are found (by offset), decoys are
/// rejected, duplicates written once, and the output directory is treated as every extraction treats it.
/// </summary>
public sealed class CarveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bd-carve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[][] Beams()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "fixtures", "beam"), "*.beam", SearchOption.AllDirectories)
            .Select(File.ReadAllBytes)
            .Where(b => b.AsSpan().StartsWith("FOR1"u8))
            .ToList();
        // Installed OTP beams when there are any: more and larger modules than the fixtures.
        string stdlib = "/usr/lib/erlang/lib";
        if (Directory.Exists(stdlib))
        {
            files.AddRange(Directory.EnumerateFiles(stdlib, "*.beam", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(40).Select(File.ReadAllBytes));
        }

        return files.ToArray();
    }

    [Fact]
    public void A_200_MB_blob_gives_exactly_the_embedded_images()
    {
        var beams = Beams();
        var random = new Random(20261125);
        const int Size = 200 << 20;
        var blob = new byte[Size];
        random.NextBytes(blob);
        int slots = beams.Length * 3;
        int slot = Size / slots;
        var expected = new SortedDictionary<long, byte[]>();
        var decoys = new List<long>();
        var straddle = beams[0];
        long boundary = BeamCarver.ChunkSize - 2;
        for (int i = 0; i < slots; i++)
        {
            var beam = beams[i % beams.Length];
            int at = (i * slot) + random.Next(1, slot - beam.Length - 16);
            if ((at < boundary + straddle.Length + 16 && at + beam.Length + 16 > boundary) || at + beam.Length + 16 > Size - 64)
            {
                continue; // Left free for the two placements below.
            }

            switch (i % 3)
            {
                case 0:
                    beam.CopyTo(blob, at);
                    expected[at] = beam;
                    break;
                case 1:
                    // A truncated copy: the header and the first part, then random bytes.
                    beam.AsSpan(0, beam.Length / 2).CopyTo(blob.AsSpan(at));
                    decoys.Add(at);
                    break;
                default:
                    // A copy with a damaged chunk header, and a bare marker.
                    beam.CopyTo(blob, at);
                    blob[at + 12 + 5] ^= 0xff;
                    blob[at + 12 + 6] ^= 0xff;
                    decoys.Add(at);
                    "FOR1"u8.CopyTo(blob.AsSpan(at + beam.Length + 3));
                    break;
            }
        }

        // One image across the 8 MB chunk boundary and one at the very end, truncated by the end of the file.
        straddle.CopyTo(blob, boundary);
        expected[boundary] = straddle;
        beams[1].AsSpan(0, 40).CopyTo(blob.AsSpan(Size - 40));
        decoys.Add(Size - 40);

        string path = Path.Combine(_dir, "blob.bin");
        File.WriteAllBytes(path, blob);
        var result = CarveExtractor.Carve(path, Path.Combine(_dir, "out"), force: false);

        Assert.Equal(Size, result.Scan.BytesScanned);
        Assert.Equal(expected.Keys, result.Scan.Images.Where(i => i.IsValid).Select(i => i.Offset));
        Assert.Equal(decoys.Order(), result.Scan.Images.Where(i => !i.IsValid).Select(i => i.Offset));
        Assert.All(result.Scan.Images.Where(i => i.IsValid), i => Assert.Equal(expected[i.Offset].Length, i.Length));

        // Each distinct module version written once, byte-identical to what was embedded.
        var distinct = expected.Values.Select(b => Convert.ToHexStringLower(ModuleMd5.TryCompute(BeamFile.Read(b), out _)!)).Distinct().Count();
        Assert.Equal(distinct, result.Files.Length);
        Assert.All(result.Files, f =>
        {
            Assert.Null(f.Problem);
            Assert.Equal(expected[f.Image.Offset], File.ReadAllBytes(f.WrittenPath!));
        });

        // Again: nothing replaced without --force (BD0303), everything with it.
        var again = CarveExtractor.Carve(path, Path.Combine(_dir, "out"), force: false);
        Assert.All(again.Files, f => Assert.Equal(DiagnosticId.OutputExists, f.Problem?.Id));
        Assert.All(CarveExtractor.Carve(path, Path.Combine(_dir, "out"), force: true).Files, f => Assert.Null(f.Problem));
    }

    [Fact]
    public void A_link_planted_in_the_output_directory_is_replaced_not_written_through()
    {
        var beam = Beams()[0];
        string blob = Path.Combine(_dir, "small.bin");
        File.WriteAllBytes(blob, [.. new byte[1001], .. beam, .. new byte[7]]);
        string module = BeamFile.Read(beam).ModuleName;
        string outDir = Path.Combine(_dir, "out2");
        Directory.CreateDirectory(outDir);
        string victim = Path.Combine(_dir, "victim.txt");
        File.WriteAllText(victim, "keep");
        File.CreateSymbolicLink(Path.Combine(outDir, module + ".beam"), victim);

        Assert.Equal(DiagnosticId.OutputExists, Assert.Single(CarveExtractor.Carve(blob, outDir, force: false).Files).Problem?.Id);
        Assert.Null(Assert.Single(CarveExtractor.Carve(blob, outDir, force: true).Files).Problem);
        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Equal(beam, File.ReadAllBytes(Path.Combine(outDir, module + ".beam")));
    }

    [Theory]
    [InlineData("lists", "lists")]
    [InlineData("Elixir.Foo.Bar", "Elixir.Foo.Bar")]
    [InlineData("../../etc/passwd", ".._.._etc_passwd")]
    [InlineData("..", "___")]
    [InlineData("", "_")]
    [InlineData("a/b\\c:d\u0000e", "a_b_c_d_e")]
    public void Module_names_become_one_safe_file_name(string module, string stem)
    {
        Assert.Equal(stem, CarveExtractor.FileStem(module));
        Assert.True(Inputs.CollectorDumpExtractor.IsSafeName(CarveExtractor.FileStem(module) + ".beam"));
    }
}
