using System.Buffers.Binary;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Hostile FOR1/BEAM containers: magic, form size and chunk headers.</summary>
public sealed class ContainerTests
{
    [Fact]
    public void EmptyFile_IsRejectedAsNotBeam()
    {
        Hostile.AssertRejected([], DiagnosticId.NotBeam, 0);
    }

    [Fact]
    public void WrongFormMagic_IsRejectedAsNotBeam()
    {
        byte[] bytes = Fixtures.Beam("minimal.beam");
        bytes[3] = (byte)'2';
        Hostile.AssertRejected(bytes, DiagnosticId.NotBeam, 0);
    }

    [Fact]
    public void WrongFormType_IsRejectedAsNotBeam()
    {
        byte[] bytes = Fixtures.Beam("minimal.beam");
        "BEAN"u8.CopyTo(bytes.AsSpan(8));
        Hostile.AssertRejected(bytes, DiagnosticId.NotBeam, 0);
    }

    [Fact]
    public void TextFile_IsRejectedAsNotBeam()
    {
        Hostile.AssertRejected("-module(m).\n-export([f/0]).\nf() -> ok.\n"u8.ToArray(), DiagnosticId.NotBeam, 0);
    }

    [Fact]
    public void HeaderCutInsideFormSize_IsTruncatedAtTheEnd()
    {
        Hostile.AssertRejected("FOR1\0\0"u8.ToArray(), DiagnosticId.Truncated, 6);
    }

    [Fact]
    public void FormSizeLargerThanFile_IsTruncatedAtTheFormSize()
    {
        byte[] bytes = Fixtures.Beam("minimal.beam");
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)bytes.Length);
        Hostile.AssertRejected(bytes, DiagnosticId.Truncated, 4);
    }

    [Fact]
    public void FormSizeOfAllOnes_IsTruncatedAtTheFormSize()
    {
        byte[] bytes = Fixtures.Beam("minimal.beam");
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), uint.MaxValue);
        Hostile.AssertRejected(bytes, DiagnosticId.Truncated, 4);
    }

    [Fact]
    public void FormSizeEndingInsideAChunk_IsChunkOutOfBoundsAtThatChunkSize()
    {
        var beam = BeamContainer.Fixture("minimal.beam");
        int codeData = beam.DataOffset("Code");
        byte[] bytes = beam.ToBytes(formSize: (uint)(codeData + 10 - 8));
        Hostile.AssertRejected(bytes, DiagnosticId.ChunkOutOfBounds, codeData - 4);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    public void FormSizeTooSmallForTheBeamTag_IsTruncatedAtTheFormSize(uint formSize)
    {
        byte[] bytes = BeamContainer.Fixture("minimal.beam").ToBytes(formSize);
        Hostile.AssertRejected(bytes, DiagnosticId.Truncated, 4);
    }

    [Fact]
    public void FormWithStrayBytesAfterLastChunk_IsTruncatedAtTheStrayBytes()
    {
        byte[] good = Fixtures.Beam("minimal.beam");
        byte[] bytes = [.. good, 1, 2, 3, 4, 5];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        Hostile.AssertRejected(bytes, DiagnosticId.Truncated, good.Length);
    }

    [Theory]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(1000u)]
    public void ChunkSizePastTheEnd_IsChunkOutOfBoundsAtTheSizeField(uint size)
    {
        var beam = BeamContainer.Fixture("minimal.beam");
        byte[] bytes = beam.ToBytes();
        int sizeField = beam.HeaderOffset("Code") + 4;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(sizeField), size);
        var e = Hostile.AssertRejected(bytes, DiagnosticId.ChunkOutOfBounds, sizeField);
        Assert.Equal("Code", e.Chunk);
    }

    [Fact]
    public void UnknownChunkWithUnprintableId_IsKeptAndEscaped()
    {
        byte[] bytes = BeamContainer.Fixture("minimal.beam").Append("\u0001\n\\x", [1, 2, 3]).ToBytes();
        Assert.Empty(Hostile.DecodeAll(bytes));
        var beam = BeamFile.Read(bytes);
        Assert.Equal("\\x01\\x0a\\x5cx", beam.Chunks[^1].DisplayId);
        Assert.Equal(3, beam.Chunks[^1].Size);
    }

    [Fact]
    public void MissingAtomChunk_IsMissingChunk()
    {
        byte[] bytes = BeamContainer.Fixture("minimal.beam").Without("AtU8").ToBytes();
        Hostile.AssertRejected(bytes, DiagnosticId.MissingChunk, 0);
    }

    [Theory]
    [InlineData("minimal.beam")]
    [InlineData("features.beam")]
    [InlineData("literals.beam")]
    [InlineData("nodebug/features.beam")]
    [InlineData("compressed/features.beam")]
    [InlineData("encrypted/features.beam")]
    [InlineData("deterministic/features.beam")]
    public void GoodFixture_DecodesWithoutError(string fixture)
    {
        Assert.Empty(Hostile.DecodeAll(Fixtures.Beam(fixture)));
    }

    [Fact]
    public void RebuiltFixture_IsByteIdentical()
    {
        byte[] good = Fixtures.Beam("features.beam");
        Assert.Equal(good, BeamContainer.Parse(good).ToBytes());
    }
}
