using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Hostile ImpT, ExpT, LocT and FunT chunks.</summary>
public sealed class SymbolTableTests
{
    private static readonly BeamContainer Minimal = BeamContainer.Fixture("minimal.beam");
    private static readonly BeamContainer Features = BeamContainer.Fixture("features.beam");

    [Theory]
    [InlineData(0u)]
    [InlineData(6u)]
    [InlineData(0xFFFF_FFFFu)]
    public void ImportAtomIndexOutOfRange_IsBadIndexAtThatIndex(uint index)
    {
        byte[] data = Minimal.Data("ImpT").ToArray();
        new Bytes().U32(index).ToArray().CopyTo(data, 4);
        var e = Hostile.AssertRejected(Minimal.With("ImpT", data).ToBytes(), DiagnosticId.BadIndex, Minimal.DataOffset("ImpT") + 4);
        Assert.Equal("ImpT", e.Chunk);
    }

    [Fact]
    public void ImportCountLargerThanTheChunk_IsImplausibleSize()
    {
        byte[] data = Minimal.Data("ImpT").ToArray();
        new Bytes().U32(3).ToArray().CopyTo(data, 0);
        Hostile.AssertRejected(Minimal.With("ImpT", data).ToBytes(), DiagnosticId.ImplausibleSize, Minimal.DataOffset("ImpT"));
    }

    [Theory]
    [InlineData(256u)]
    [InlineData(0x8000_0000u)]
    public void ExportArityAbove255_IsBadChunkAtTheArity(uint arity)
    {
        byte[] data = Minimal.Data("ExpT").ToArray();
        new Bytes().U32(arity).ToArray().CopyTo(data, 8);
        Hostile.AssertRejected(Minimal.With("ExpT", data).ToBytes(), DiagnosticId.BadChunk, Minimal.DataOffset("ExpT") + 8);
    }

    [Fact]
    public void ExportArityOf255_IsAccepted()
    {
        byte[] data = Minimal.Data("ExpT").ToArray();
        new Bytes().U32(255).ToArray().CopyTo(data, 8);
        var beam = BeamFile.Read(Minimal.With("ExpT", data).ToBytes());
        Assert.Equal(255, beam.Exports[0].Arity);
    }

    [Fact]
    public void LocalWithNegativeLabel_IsBadChunkAtTheLabel()
    {
        byte[] data = new Bytes().U32(1).U32(2).U32(1).I32(-7).ToArray();
        Hostile.AssertRejected(Minimal.With("LocT", data).ToBytes(), DiagnosticId.BadChunk, Minimal.DataOffset("LocT") + 12);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(27)]
    [InlineData(5)]
    public void FunTableCutShort_IsImplausibleSizeAtTheCount(int keep)
    {
        byte[] data = Features.Data("FunT")[..keep];
        var e = Hostile.AssertRejected(Features.With("FunT", data).ToBytes(), DiagnosticId.ImplausibleSize, Features.DataOffset("FunT"));
        Assert.Equal("FunT", e.Chunk);
    }

    [Fact]
    public void FunTableWithoutItsCount_IsTruncated()
    {
        byte[] data = Features.Data("FunT")[..2];
        Hostile.AssertRejected(Features.With("FunT", data).ToBytes(), DiagnosticId.Truncated, Features.DataOffset("FunT"));
    }

    [Fact]
    public void FunTableWithBadFunctionAtom_IsBadIndex()
    {
        byte[] data = Features.Data("FunT").ToArray();
        new Bytes().U32(100_000).ToArray().CopyTo(data, 4 + 24);
        Hostile.AssertRejected(Features.With("FunT", data).ToBytes(), DiagnosticId.BadIndex, Features.DataOffset("FunT") + 28);
    }
}
