using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using BeamDecode.Metadata;

namespace BeamDecode.Forensics.Tests.Reading;

/// <summary>
/// <see cref="ModuleReader.ReadSummary"/> loads a large module without its debug info's bulk and its line and type
/// tables (SummaryRead). Whatever the file holds, the answer must be the one decoding the whole file gives: the same
/// summary, or the same diagnostic. Each module here is read right after a different large module, so the skipped
/// ranges of the thread's buffer hold that module's bytes (read whole into the same buffer), not zeros.
/// </summary>
public sealed class SummaryReadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bd-summary-read-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_module_with_large_uncompressed_debug_info_reads_as_the_whole_file()
    {
        var beam = Large(UncompressedDbgi(200_000, fill: 0x11));
        AssertAsWhole(beam);
    }

    [Fact]
    public void A_module_with_large_compressed_debug_info_reads_as_the_whole_file()
    {
        byte[] term = UncompressedDbgi(200_000, fill: 0x22);
        AssertAsWhole(Large(Compressed(term, emptyBlocks: 0)));
    }

    [Fact]
    public void Debug_info_whose_first_kilobyte_needs_more_input_than_the_loaded_head_reads_as_the_whole_file()
    {
        // 20,000 empty stored blocks (100 KB, past the first 64 KB read) before the first byte comes out: the kind cannot
        // be decided from the loaded head.
        byte[] term = UncompressedDbgi(100_000, fill: 0x33);
        var beam = Large(Compressed(term, emptyBlocks: 20_000));
        var whole = Whole(beam);
        Assert.NotNull(whole.Summary);
        Assert.Equal("erlang_v1", whole.Summary!.DebugInfo);

        // Read after a module laid out the same way whose stream goes on to an Elixir term: the bytes left in the
        // skipped range continue this stream validly, so only the head-length check tells that they are not this file's.
        AssertAsWhole(beam, after: Large(Compressed(UncompressedDbgi(100_000, fill: 0x33, backend: "elixir_erl"), emptyBlocks: 20_000)));
    }

    [Fact]
    public void Debug_info_corrupt_beyond_the_loaded_head_gives_the_whole_files_diagnostic()
    {
        byte[] compressed = Compressed(UncompressedDbgi(100_000, fill: 0x44), emptyBlocks: 20_000);
        // A bad block type (3) right after the empty blocks: past the loaded head.
        compressed[6 + 2 + (20_000 * 5)] = 0xff;
        var beam = Large(compressed);
        Assert.Equal(Metadata.Diagnostics.DiagnosticId.BadCompression, Whole(beam).Diagnostic?.Id ?? "no diagnostic");
        AssertAsWhole(beam);
    }

    [Fact]
    public void Truncated_and_lying_large_modules_give_the_whole_files_diagnostics()
    {
        foreach (var dbgi in new[] { UncompressedDbgi(150_000, fill: 0x55), Compressed(UncompressedDbgi(150_000, fill: 0x66), emptyBlocks: 0) })
        {
            var beam = Large(dbgi);
            foreach (int cut in new[] { beam.Length - 1, beam.Length - 60_000, 70_000, 65_537, beam.Length / 2 })
            {
                AssertAsWhole(beam[..cut]);
            }

            int dbgiHeader = HeaderOffset(beam, "Dbgi");
            int lineHeader = HeaderOffset(beam, "Line");
            foreach (var (at, size) in new[] { (dbgiHeader, 10), (dbgiHeader, dbgi.Length + 4), (dbgiHeader, dbgi.Length + 400_000), (lineHeader, 3), (lineHeader, 90_000), (4, beam.Length - 30) })
            {
                var lying = (byte[])beam.Clone();
                BinaryPrimitives.WriteUInt32BigEndian(lying.AsSpan(at + 4), (uint)size);
                AssertAsWhole(lying);
            }
        }
    }

    /// <summary>Reads <paramref name="beam"/> from a file after a different large module, and compares with decoding the
    /// whole image.</summary>
    private void AssertAsWhole(byte[] beam, byte[]? after = null)
    {
        string other = Path.Combine(_dir, "other.beam");
        File.WriteAllBytes(other, after ?? Large(UncompressedDbgi(300_000, fill: 0xee)));
        Assert.NotEmpty(ModuleReader.OpenInThreadBuffer(other).Chunks);

        string path = Path.Combine(_dir, "m.beam");
        File.WriteAllBytes(path, beam);
        var read = ModuleReader.ReadSummary(path, path);
        var whole = Whole(beam, path);
        Assert.Equal(whole.Diagnostic?.ToString(), read.Diagnostic?.ToString());
        Assert.Equal(Render(whole.Summary), Render(read.Summary));
    }

    private static ModuleResult Whole(byte[] beam, string path = "m.beam")
    {
        try
        {
            return ModuleResult.Ok(ModuleSummary.From(path, BeamFile.Read(beam)));
        }
        catch (BadBeamFormatException e)
        {
            return ModuleResult.Fail(new ToolDiagnostic(path, e.Id, e.Offset, e.Chunk, e.Message));
        }
    }

    private static string? Render(ModuleSummary? m) => m is null ? null : string.Join(
        "\n",
        m.Path, m.Module, m.Md5, m.Gzipped, m.Atoms, m.Lambdas, m.Literals, m.Attributes, m.CompileInfo, m.DebugInfo, m.CompilerVersion, m.Source,
        string.Join(" ", m.Chunks.Select(c => $"{c.Id}@{c.Offset}+{c.Size}")),
        string.Join(" ", m.Exports.Concat(m.Locals).Select(f => $"{f.Name}/{f.Arity}:{f.Label}")),
        string.Join(" ", m.Imports.Select(i => $"{i.Module}:{i.Name}/{i.Arity}")));

    /// <summary>The features fixture with <paramref name="dbgi"/> as its Dbgi chunk and a 100 KB line table after it.</summary>
    private static byte[] Large(byte[] dbgi)
    {
        var chunks = Chunks(File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "features.beam")));
        var ms = new MemoryStream();
        var size = new byte[4];
        foreach (var (id, data) in chunks)
        {
            byte[] body = id switch
            {
                "Dbgi" => dbgi,
                "Line" => Enumerable.Repeat((byte)0x77, 100_000).ToArray(),
                _ => data,
            };
            ms.Write(Encoding.Latin1.GetBytes(id));
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)body.Length);
            ms.Write(size);
            ms.Write(body);
            ms.Write(new byte[((body.Length + 3) & ~3) - body.Length]);
        }

        var image = new byte[12 + ms.Length];
        "FOR1"u8.CopyTo(image);
        BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(4), (uint)(ms.Length + 4));
        "BEAM"u8.CopyTo(image.AsSpan(8));
        ms.ToArray().CopyTo(image, 12);
        return image;
    }

    private static List<(string Id, byte[] Data)> Chunks(byte[] beam)
    {
        var chunks = new List<(string, byte[])>();
        int pos = 12;
        while (pos + 8 <= beam.Length)
        {
            int size = (int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(pos + 4));
            chunks.Add((Encoding.Latin1.GetString(beam, pos, 4), beam.AsSpan(pos + 8, size).ToArray()));
            pos += 8 + ((size + 3) & ~3);
        }

        return chunks;
    }

    private static int HeaderOffset(byte[] beam, string id)
    {
        int pos = 12;
        while (Encoding.Latin1.GetString(beam, pos, 4) != id)
        {
            pos += 8 + (((int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(pos + 4)) + 3) & ~3);
        }

        return pos;
    }

    /// <summary><c>{debug_info_v1, Backend, &lt;&lt;Size bytes&gt;&gt;}</c> in the external format.</summary>
    private static byte[] UncompressedDbgi(int size, byte fill, string backend = "erl_abstract_code")
    {
        var ms = new MemoryStream();
        ms.Write([131, 104, 3]);
        foreach (string atom in new[] { "debug_info_v1", backend })
        {
            ms.WriteByte(119);
            ms.WriteByte((byte)atom.Length);
            ms.Write(Encoding.ASCII.GetBytes(atom));
        }

        ms.WriteByte(109);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)size);
        ms.Write(length);
        ms.Write(Enumerable.Repeat(fill, size).ToArray());
        return ms.ToArray();
    }

    /// <summary>The term (without its version byte) as COMPRESSED (tag 80), its zlib stream opening with
    /// <paramref name="emptyBlocks"/> empty stored blocks.</summary>
    private static byte[] Compressed(byte[] term, int emptyBlocks)
    {
        var body = term.AsSpan(1).ToArray();
        var deflated = new MemoryStream();
        using (var d = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            d.Write(body);
        }

        var ms = new MemoryStream();
        ms.Write([131, 80]);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)body.Length);
        ms.Write(word);
        ms.Write([0x78, 0x9c]);
        for (int i = 0; i < emptyBlocks; i++)
        {
            // BFINAL 0, BTYPE 00, then LEN 0 and NLEN 0xffff (RFC 1951 3.2.4).
            ms.Write([0x00, 0x00, 0x00, 0xff, 0xff]);
        }

        ms.Write(deflated.ToArray());
        BinaryPrimitives.WriteUInt32BigEndian(word, Adler32.Compute(body));
        ms.Write(word);
        return ms.ToArray();
    }
}
