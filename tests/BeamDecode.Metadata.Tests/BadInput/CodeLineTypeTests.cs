using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Hostile Code headers, Line chunks and Type chunks.</summary>
public sealed class CodeLineTypeTests
{
    private static readonly BeamContainer Minimal = BeamContainer.Fixture("minimal.beam");

    [Theory]
    [InlineData(0x7FFF_FFF0)]
    [InlineData(-1)]
    [InlineData(15)]
    [InlineData(0)]
    public void CodeHeaderSizeBogus_IsBadChunkAtTheHeaderSize(int headerSize)
    {
        byte[] data = Minimal.Data("Code").ToArray();
        new Bytes().I32(headerSize).ToArray().CopyTo(data, 0);
        var e = Hostile.AssertRejected(Minimal.With("Code", data).ToBytes(), DiagnosticId.BadChunk, Minimal.DataOffset("Code"));
        Assert.Equal("Code", e.Chunk);
    }

    [Fact]
    public void CodeHeaderWithNegativeLabelCount_IsBadChunk()
    {
        byte[] data = Minimal.Data("Code").ToArray();
        new Bytes().I32(-5).ToArray().CopyTo(data, 12);
        Hostile.AssertRejected(Minimal.With("Code", data).ToBytes(), DiagnosticId.BadChunk, Minimal.DataOffset("Code"));
    }

    [Fact]
    public void CodeChunkOfTwoBytes_IsTruncated()
    {
        Hostile.AssertRejected(Minimal.With("Code", [0, 0]).ToBytes(), DiagnosticId.Truncated, Minimal.DataOffset("Code"));
    }

    [Theory]
    [InlineData(0x13)] // tag x (register)
    [InlineData(0x14)] // tag y
    [InlineData(0x15)] // tag f (label)
    [InlineData(0x17)] // tag z (extended)
    [InlineData(0x52)] // tag a, file index 5 of 1
    public void LineItemWithBadTag_IsBadChunkAtThatItem(byte item)
    {
        byte[] data = Minimal.Data("Line").ToArray();
        Assert.Equal(0x12, data[20]);
        data[20] = item;
        var e = Hostile.AssertRejected(Minimal.With("Line", data).ToBytes(), DiagnosticId.BadChunk, Minimal.DataOffset("Line") + 20);
        Assert.Equal("Line", e.Chunk);
    }

    [Fact]
    public void LineItemsOfNestedLengthPrefixes_AreRejectedWithoutStackOverflow()
    {
        byte[] header = Minimal.Data("Line")[..20];
        new Bytes().I32(1 << 20).ToArray().CopyTo(header, 12);
        byte[] data = [.. header, .. new Bytes().Repeat(0xFF, 1 << 20).ToArray()];
        Hostile.AssertRejected(Minimal.With("Line", data).ToBytes(), DiagnosticId.ImplausibleSize, Minimal.DataOffset("Line") + 20);
    }

    [Fact]
    public void LineItemCountHuge_IsImplausibleSizeAtTheCount()
    {
        byte[] data = Minimal.Data("Line").ToArray();
        new Bytes().I32(-2).ToArray().CopyTo(data, 12);
        Hostile.AssertRejected(Minimal.With("Line", data).ToBytes(), DiagnosticId.ImplausibleSize, Minimal.DataOffset("Line") + 12);
    }

    [Fact]
    public void LineItemsRunningPastTheChunk_IsTruncated()
    {
        byte[] data = Minimal.Data("Line")[..21];
        var errors = Hostile.DecodeAll(Minimal.With("Line", data).ToBytes());
        var e = Assert.Single(errors, x => x.Chunk == "Line");
        Assert.Contains(e.Id, new[] { DiagnosticId.Truncated, DiagnosticId.ImplausibleSize });
    }

    [Fact]
    public void LineFileNameNotUtf8_IsBadUtf8AtTheName()
    {
        byte[] data = Minimal.Data("Line").ToArray();
        int name = data.Length - 17; // 2-byte length + "src/minimal.erl"
        Assert.Equal(15, data[name + 1]);
        data[name + 2] = 0xFF;
        Hostile.AssertRejected(Minimal.With("Line", data).ToBytes(), DiagnosticId.BadUtf8, Minimal.DataOffset("Line") + name);
    }

    [Fact]
    public void LineChunkOfAnotherVersion_IsKeptRaw()
    {
        byte[] data = new Bytes().I32(7).Repeat(0xEE, 9).ToArray();
        var beam = BeamFile.Read(Minimal.With("Line", data).ToBytes());
        Assert.Equal(7, beam.Lines!.Version);
        Assert.Empty(Hostile.DecodeAll(Minimal.With("Line", data).ToBytes()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public void TypeChunkWithTrailingBytes_IsBadChunkAtTheFirstTrailingByte(int extra)
    {
        byte[] good = Minimal.Data("Type");
        byte[] data = [.. good, .. new byte[extra]];
        var e = Hostile.AssertRejected(Minimal.With("Type", data).ToBytes(), DiagnosticId.BadChunk, Minimal.DataOffset("Type") + good.Length);
        Assert.Equal("Type", e.Chunk);
    }

    [Fact]
    public void TypeCountHuge_IsImplausibleSize()
    {
        byte[] data = Minimal.Data("Type").ToArray();
        new Bytes().U32(0x4000_0000).ToArray().CopyTo(data, 4);
        Hostile.AssertRejected(Minimal.With("Type", data).ToBytes(), DiagnosticId.ImplausibleSize, Minimal.DataOffset("Type") + 4);
    }

    [Fact]
    public void TypeEntryCutShort_IsTruncated()
    {
        byte[] good = Minimal.Data("Type");
        byte[] data = good[..^3];
        Hostile.AssertRejected(Minimal.With("Type", data).ToBytes(), DiagnosticId.Truncated, Minimal.DataOffset("Type") + 18);
    }
}
