using System.Diagnostics;
using System.IO.Compression;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Whole-file gzip (compile option <c>compressed</c>): garbage, truncation and bombs.</summary>
public sealed class CompressionTests
{
    /// <summary>1 GiB of zeros, gzipped (about 1 MB), built once.</summary>
    private static readonly Lazy<byte[]> GigabyteOfZeros = new(() => Gzip(1L << 30));

    [Fact]
    public void GzipMagicFollowedByGarbage_IsBadCompression()
    {
        byte[] bytes = [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff, 0x12, 0x34];
        Hostile.AssertRejected(bytes, DiagnosticId.BadCompression, 0);
    }

    [Fact]
    public void GzipMagicAlone_IsRejected()
    {
        var errors = Hostile.DecodeAll([0x1f, 0x8b]);
        var e = Assert.Single(errors);
        Assert.Contains(e.Id, new[] { DiagnosticId.BadCompression, DiagnosticId.NotBeam });
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void GzipOfText_IsNotBeam()
    {
        Hostile.AssertRejected(Gzip("hello, world"u8.ToArray()), DiagnosticId.NotBeam, 0);
    }

    [Fact]
    public void GzipWithCorruptedDeflateData_IsBadCompression()
    {
        byte[] bytes = Fixtures.Beam("compressed/features.beam");
        // Past the 10-byte gzip header: a block type of 3 is reserved in deflate.
        bytes[10] = 0xff;
        bytes[11] = 0xff;
        Hostile.AssertRejected(bytes, DiagnosticId.BadCompression, 0);
    }

    [Fact]
    public void GzipWithWrongCrc_IsBadCompression()
    {
        byte[] bytes = Fixtures.Beam("compressed/minimal.beam");
        bytes[^8] ^= 0xff;
        Hostile.AssertRejected(bytes, DiagnosticId.BadCompression, 0);
    }

    [Fact]
    public void GzipBombOfOneGigabyte_IsRefusedAtTheImageLimitWithBoundedMemory()
    {
        byte[] bomb = GigabyteOfZeros.Value;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<BadBeamFormatException>(() => BeamFile.Read(bomb));
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DiagnosticId.DecompressionLimit, e.Id);
        Assert.Equal(0, e.Offset);
        Assert.Contains(BeamFileLimits.MaxImageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        // Inflation stops at the limit: the buffer grows to at most the limit, never to the bomb's gigabyte.
        Assert.True(allocated < 3 * BeamFileLimits.MaxImageSize, $"allocated {allocated} bytes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void GzipOfRebuiltFixture_DecodesLikeThePlainFile()
    {
        byte[] plain = Fixtures.Beam("features.beam");
        var beam = BeamFile.Read(Gzip(plain));
        Assert.True(beam.WasGzipped);
        Assert.Equal(plain, beam.Image.ToArray());
        Assert.Empty(Hostile.DecodeAll(Gzip(plain)));
    }

    [Fact]
    public void CompressedFixture_InflatesToTheSameModuleAsThePlainOne()
    {
        var gz = BeamFile.Read(Fixtures.Beam("compressed/features.beam"));
        var plain = BeamFile.Read(Fixtures.Beam("features.beam"));
        Assert.True(gz.WasGzipped);
        Assert.Equal(plain.ModuleName, gz.ModuleName);
        Assert.Equal(ModuleMd5.TryCompute(plain, out _), ModuleMd5.TryCompute(gz, out _));
    }

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Gzip(long zeros)
    {
        var ms = new MemoryStream();
        var block = new byte[1 << 20];
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (long written = 0; written < zeros; written += block.Length)
            {
                gz.Write(block);
            }
        }

        return ms.ToArray();
    }
}
