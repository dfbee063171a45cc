using System.Text;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Hostile AtU8 chunks: counts, the OTP 28 compact-length encoding, UTF-8.</summary>
public sealed class AtomTableTests
{
    private static readonly BeamContainer Minimal = BeamContainer.Fixture("minimal.beam");

    private static int AtomsAt => Minimal.DataOffset("AtU8");

    [Theory]
    [InlineData(0x7FFF_FFFF)]
    [InlineData(1_000_000)]
    public void HugeAtomCount_IsImplausibleSizeAtTheCount(int count)
    {
        byte[] data = [.. new Bytes().I32(count).ToArray(), .. Minimal.Data("AtU8").AsSpan(4)];
        Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.ImplausibleSize, AtomsAt);
    }

    [Fact]
    public void AtomCountOfMinusTwoToThe31_IsImplausibleSize()
    {
        byte[] data = new Bytes().I32(int.MinValue).Repeat(0xAB, 16).ToArray();
        Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.ImplausibleSize, AtomsAt);
    }

    [Fact]
    public void NegativeAtomCountWithGarbageLengths_IsBadChunkAtTheFirstLength()
    {
        // Negative count: OTP 28 compact lengths. 0x01 is tag i (integer), not the u (literal) a length must carry.
        byte[] data = new Bytes().I32(-3).U8(0x01).Raw("abc"u8).U8(0xFF).U8(0xFF).ToArray();
        var e = Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.BadChunk, AtomsAt + 4);
        Assert.Equal("AtU8", e.Chunk);
    }

    [Fact]
    public void NegativeAtomCountWithNestedLengthPrefix_IsImplausibleSizeAtTheLength()
    {
        // 0xF8: tag u in the "length is itself a compact value" form; that length may not use the form again.
        byte[] data = new Bytes().I32(-1).U8(0xF8).U8(0xF8).Repeat(0xFF, 12).ToArray();
        Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.ImplausibleSize, AtomsAt + 4);
    }

    [Fact]
    public void NegativeAtomCountWithMegabyteOfNestedLengthPrefixes_IsRejectedWithoutStackOverflow()
    {
        // Each 0xFF announces a length prefix that starts with another 0xFF: unbounded recursion if followed.
        byte[] data = new Bytes().I32(-1).Repeat(0xFF, 1 << 20).ToArray();
        Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.ImplausibleSize, AtomsAt + 4);
    }

    [Fact]
    public void NegativeAtomCountWithValidCompactLengths_DecodesAsOtp28Does()
    {
        var table = BeamFile.Read(Minimal.ToBytes()).Atoms;
        var compact = new Bytes().I32(-table.Count);
        foreach (var atom in table.Atoms)
        {
            byte[] name = Encoding.UTF8.GetBytes(atom.Name);
            Assert.True(name.Length < 16);
            compact.U8(name.Length << 4).Raw(name);
        }

        var beam = BeamFile.Read(Minimal.With("AtU8", compact.ToArray()).ToBytes());
        Assert.True(beam.Atoms.HasCompactLengths);
        Assert.Equal("minimal", beam.ModuleName);
        Assert.Empty(Hostile.DecodeAll(Minimal.With("AtU8", compact.ToArray()).ToBytes()));
    }

    [Fact]
    public void InvalidUtf8InAtomText_IsBadUtf8AtThatAtom()
    {
        byte[] data = Minimal.Data("AtU8").ToArray();
        // Atom 1 is "minimal": its length byte is at 4, its text at 5. 0xC3 0x28 is an invalid two-byte sequence.
        data[5] = 0xC3;
        data[6] = 0x28;
        var e = Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.BadUtf8, AtomsAt + 4);
        Assert.Equal("AtU8", e.Chunk);
    }

    [Fact]
    public void AtomLengthPastTheChunk_IsTruncated()
    {
        byte[] data = new Bytes().I32(1).U8(200).Raw("minimal"u8).ToArray();
        Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.Truncated, AtomsAt + 5);
    }

    [Fact]
    public void EmptyAtomTable_HasNoModuleName()
    {
        byte[] data = new Bytes().I32(0).ToArray();
        Hostile.AssertRejected(Minimal.With("AtU8", data).ToBytes(), DiagnosticId.BadChunk, AtomsAt);
    }
}
