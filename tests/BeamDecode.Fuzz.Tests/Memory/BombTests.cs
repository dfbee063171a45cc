using System.Buffers.Binary;
using System.IO.Compression;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Fuzz.Tests.Memory;

/// <summary>
/// Found by the memory check (docs/reliability.md): a decompression bomb must cost what its trailer declares, not
/// what the limit allows. Allocation is measured on the test's own thread.
/// </summary>
public sealed class BombTests
{
    private static byte[] GzipOfZeros(int megabytes)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++)
            {
                gz.Write(block);
            }
        }

        return ms.ToArray();
    }

    [Fact]
    public void A_gzip_bomb_over_the_image_limit_is_refused_without_inflating()
    {
        var bomb = File.ReadAllBytes(Path.Combine(Repo.Root, "fixtures", "corrupt", "zipbomb.beam.gz"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BadBeamFormatException>(() => BeamFile.Read(bomb));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DiagnosticId.DecompressionLimit, e.Id);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_gzip_trailer_that_understates_the_size_stops_inflation_at_the_declared_size()
    {
        var bytes = GzipOfZeros(64);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(^4), 100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BadBeamFormatException>(() => BeamFile.Read(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DiagnosticId.BadCompression, e.Id);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes for a trailer declaring 100");
    }

    [Fact]
    public void A_gzip_trailer_claiming_more_than_deflate_can_produce_is_refused_before_allocating()
    {
        var bytes = GzipOfZeros(1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(^4), 200u << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BadBeamFormatException>(() => BeamFile.Read(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DiagnosticId.BadCompression, e.Id);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_zip_member_declaring_more_than_the_limit_is_refused_without_inflating()
    {
        // A stored member whose central-directory size says 300 MB (the local header and data are small).
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("app/ebin/m.beam", CompressionLevel.NoCompression).Open();
            s.Write(new byte[64]);
        }

        var bytes = ms.ToArray();
        int central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(central + 24), 300u << 20);
        var members = Forensics.Inputs.ArchiveReader.ReadBeams(bytes);
        var failure = Assert.Single(members).Failure;
        Assert.NotNull(failure);
        Assert.True(failure.Id is DiagnosticId.DecompressionLimit or DiagnosticId.BadCompression or DiagnosticId.BadArchive, failure.Id);
    }

    [Fact]
    public void A_compressed_term_of_millions_of_subterms_is_refused_by_the_term_budget_before_its_array()
    {
        // 16 KB that inflate to a list of 17 million empty lists: 136 MB of references, 6 GB with printing, before
        // the budget (fixtures/fuzz-regressions/etf/blowup-list-of-17m-nils is the same input, replayed by the harness).
        var bytes = File.ReadAllBytes(Path.Combine(Repo.RegressionsRoot, "etf", "blowup-list-of-17m-nils"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BadBeamFormatException>(() => Metadata.Terms.TermReader.Decode(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DiagnosticId.ImplausibleSize, e.Id);
        // What is left is inflating 17 MB (a growing buffer, about three times that): the 136 MB array never comes.
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes");
    }
}
