using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Hostile LitT chunks: lying sizes, zlib bombs and bad literal framing.</summary>
public sealed class LiteralTableTests
{
    private static readonly BeamContainer Features = BeamContainer.Fixture("features.beam");

    private static int LitAt => Features.DataOffset("LitT");

    /// <summary>The fixture's own inflated literal table.</summary>
    private static byte[] Inflated()
    {
        byte[] chunk = Features.Data("LitT");
        using var z = new System.IO.Compression.ZLibStream(new MemoryStream(chunk, 4, chunk.Length - 4), System.IO.Compression.CompressionMode.Decompress);
        var ms = new MemoryStream();
        z.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void RebuiltLiteralChunk_DecodesLikeTheOriginal()
    {
        byte[] bytes = Features.With("LitT", Bytes.LiteralChunk(Inflated())).ToBytes();
        Assert.Empty(Hostile.DecodeAll(bytes));
        Assert.Equal(BeamFile.Read(Features.ToBytes()).Literals!.Count, BeamFile.Read(bytes).Literals!.Count);
    }

    [Fact]
    public void DeclaredSizeSmallerThanTheData_IsBadCompression()
    {
        byte[] inflated = Inflated();
        byte[] bytes = Features.With("LitT", Bytes.LiteralChunk((uint)inflated.Length - 1, inflated)).ToBytes();
        var e = Hostile.AssertRejected(bytes, DiagnosticId.BadCompression, LitAt + 4);
        Assert.Equal("LitT", e.Chunk);
    }

    [Fact]
    public void DeclaredSizeLargerThanTheData_IsBadCompression()
    {
        byte[] inflated = Inflated();
        byte[] bytes = Features.With("LitT", Bytes.LiteralChunk((uint)inflated.Length + 1, inflated)).ToBytes();
        Hostile.AssertRejected(bytes, DiagnosticId.BadCompression, LitAt + 4);
    }

    [Fact]
    public void DeclaredSizeOfHundredsOfMegabytes_IsBadCompressionWithoutAllocatingIt()
    {
        // Under the 512 MB limit, so only the data can show the lie: the decoder must not trust it for a buffer.
        byte[] bytes = Features.With("LitT", Bytes.LiteralChunk(400u << 20, Inflated())).ToBytes();
        var beam = BeamFile.Read(bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BadBeamFormatException>(() => beam.Literals);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DiagnosticId.BadCompression, e.Id);
        Assert.Equal(LitAt + 4, e.Offset);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte file");
    }

    [Fact]
    public void DeclaredSizeAboveTheLimit_IsDecompressionLimit()
    {
        byte[] bytes = Features.With("LitT", Bytes.LiteralChunk(0xFFFF_FFFFu, Inflated())).ToBytes();
        Hostile.AssertRejected(bytes, DiagnosticId.DecompressionLimit, LitAt + 4);
    }

    [Fact]
    public void ZlibBombDeclaringASmallSize_StopsAtTheDeclaredSize()
    {
        // 64 MB of zeros that claims to be 16 bytes: inflation must stop one byte past the claim.
        var zeros = new byte[64 << 20];
        byte[] chunk = Bytes.LiteralChunk(16, zeros);
        byte[] bytes = Features.With("LitT", chunk).ToBytes();
        var beam = BeamFile.Read(bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BadBeamFormatException>(() => beam.Literals);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DiagnosticId.BadCompression, e.Id);
        Assert.Equal(LitAt + 4, e.Offset);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ZlibBombDeclaringItsTrueHugeSize_IsDecompressionLimit()
    {
        byte[] chunk = new Bytes().U32(600u << 20).Raw(Bytes.Zlib(new byte[1 << 20])).ToArray();
        Hostile.AssertRejected(Features.With("LitT", chunk).ToBytes(), DiagnosticId.DecompressionLimit, LitAt + 4);
    }

    [Fact]
    public void CorruptZlibStream_IsBadCompression()
    {
        byte[] chunk = new Bytes().U32(100).U8(0x78).U8(0x9c).Repeat(0xFF, 20).ToArray();
        Hostile.AssertRejected(Features.With("LitT", chunk).ToBytes(), DiagnosticId.BadCompression, LitAt + 4);
    }

    [Theory]
    [InlineData(1000u)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0xFFFF_FFFFu)]
    public void LiteralCountTooBig_IsImplausibleSizeAtTheChunk(uint count)
    {
        byte[] inflated = Inflated();
        new Bytes().U32(count).ToArray().CopyTo(inflated, 0);
        var e = Hostile.AssertRejected(Features.With("LitT", Bytes.LiteralChunk(inflated)).ToBytes(), DiagnosticId.ImplausibleSize, LitAt);
        Assert.Equal("LitT", e.Chunk);
    }

    [Fact]
    public void LiteralLengthLongerThanItsTerm_IsBadChunk()
    {
        byte[] inflated = new Bytes().U32(1).U32(3).U8(131).U8(106).U8(0).ToArray();
        Hostile.AssertRejected(Features.With("LitT", Bytes.LiteralChunk(inflated)).ToBytes(), DiagnosticId.BadChunk, LitAt);
    }

    [Fact]
    public void LiteralWithUnknownTag_IsUnknownTermTagWithinTheChunk()
    {
        byte[] inflated = new Bytes().U32(1).U32(2).U8(131).U8(3).ToArray();
        var e = Hostile.AssertRejected(Features.With("LitT", Bytes.LiteralChunk(inflated)).ToBytes(), DiagnosticId.UnknownTermTag, LitAt);
        Assert.Equal("LitT", e.Chunk);
    }

    [Fact]
    public void BadLiteralDeepInALargeTable_IsReportedAtTheChunkNotPastTheFile()
    {
        // Offsets inside inflated data are not file offsets: a failure at inflated byte 60000 must not be
        // reported as file offset LitAt + 60000, which lies past the end of this 4 KB file.
        var table = new Bytes().U32(10_001);
        for (int i = 0; i < 10_000; i++)
        {
            table.U32(2).U8(131).U8(106);
        }

        table.U32(0xFFFF).U8(131);
        var e = Hostile.AssertRejected(Features.With("LitT", Bytes.LiteralChunk(table.ToArray())).ToBytes(), DiagnosticId.ImplausibleSize, LitAt);
        Assert.Contains("60004", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LiteralChunkOfTwoBytes_IsTruncated()
    {
        Hostile.AssertRejected(Features.With("LitT", [0, 0]).ToBytes(), DiagnosticId.Truncated, LitAt);
    }
}
