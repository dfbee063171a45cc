using System.Diagnostics;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>Hostile external-format terms in Attr, CInf and Dbgi.</summary>
public sealed class TermChunkTests
{
    private static readonly BeamContainer Minimal = BeamContainer.Fixture("minimal.beam");

    private static int AttrAt => Minimal.DataOffset("Attr");

    private static BadBeamFormatException AttrRejected(byte[] term, string id, int offsetInChunk)
    {
        var e = Hostile.AssertRejected(Minimal.With("Attr", term).ToBytes(), id, AttrAt + offsetInChunk);
        Assert.Equal("Attr", e.Chunk);
        return e;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(200)]
    [InlineData(255)]
    public void UnknownTermTag_IsUnknownTermTagAtTheTag(byte tag)
    {
        AttrRejected([131, tag, 1, 2, 3], DiagnosticId.UnknownTermTag, 1);
    }

    [Fact]
    public void UnknownTagInsideAList_IsUnknownTermTagAtThatElement()
    {
        byte[] term = new Bytes().U8(131).U8(108).U32(2).Atom("ok").U8(201).U8(106).ToArray();
        AttrRejected(term, DiagnosticId.UnknownTermTag, 10);
    }

    [Fact]
    public void LocalExt_IsUnknownTermTag()
    {
        AttrRejected([131, 121, 0, 0, 0, 0, 0, 0, 0, 0, 106], DiagnosticId.UnknownTermTag, 1);
    }

    [Fact]
    public void WrongVersionByte_IsBadTermVersion()
    {
        AttrRejected([130, 106], DiagnosticId.BadTermVersion, 0);
    }

    [Fact]
    public void EmptyTermChunk_IsTruncated()
    {
        AttrRejected([], DiagnosticId.Truncated, 0);
    }

    [Theory]
    [InlineData((byte)104, 2)] // SMALL_TUPLE_EXT, arity 1
    [InlineData((byte)108, 6)] // LIST_EXT, length 1 (the tail follows the element)
    public void TermNestedAMillionDeep_IsTermTooDeepAndFast(byte tag, int cellSize)
    {
        const int depth = 1_000_000;
        var term = new Bytes().U8(131);
        for (int i = 0; i < depth; i++)
        {
            if (tag == 104)
            {
                term.U8(104).U8(1);
            }
            else
            {
                term.U8(108).U32(1);
            }
        }

        term.U8(106);
        if (tag == 108)
        {
            term.Repeat(106, depth);
        }

        byte[] bytes = Minimal.With("Attr", term.ToArray()).ToBytes();
        var watch = Stopwatch.StartNew();
        var e = Hostile.AssertRejected(bytes, DiagnosticId.TermTooDeep, AttrAt + 1 + (2000 * (cellSize - (tag == 108 ? 1 : 0))));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal("Attr", e.Chunk);
    }

    [Fact]
    public void TermNestedJustUnderTheLimit_DecodesAndSummarizes()
    {
        const int depth = 1_999;
        var term = new Bytes().U8(131);
        for (int i = 0; i < depth - 1; i++)
        {
            term.U8(104).U8(1);
        }

        term.U8(106);
        byte[] bytes = Minimal.With("Attr", term.ToArray()).ToBytes();
        Assert.Empty(Hostile.DecodeAll(bytes));
    }

    [Theory]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(0x0001_0001u)]
    public void GiantClaimedBignum_IsBignumTooLargeAtTheTag(uint length)
    {
        byte[] term = new Bytes().U8(131).U8(111).U32(length).U8(0).Repeat(1, 8).ToArray();
        AttrRejected(term, DiagnosticId.BignumTooLarge, 1);
    }

    [Fact]
    public void BignumLongerThanTheChunk_IsTruncated()
    {
        byte[] term = new Bytes().U8(131).U8(111).U32(1000).U8(0).Repeat(1, 8).ToArray();
        AttrRejected(term, DiagnosticId.Truncated, 7);
    }

    [Fact]
    public void AtomCacheReference_IsAtomCacheReferenceAtTheTag()
    {
        AttrRejected([131, 82, 0], DiagnosticId.AtomCacheReference, 1);
    }

    [Fact]
    public void AtomCacheReferenceAsPidNode_IsAtomCacheReference()
    {
        byte[] term = new Bytes().U8(131).U8(88).U8(82).U8(0).U32(1).U32(2).U32(3).ToArray();
        AttrRejected(term, DiagnosticId.AtomCacheReference, 2);
    }

    [Theory]
    [InlineData((byte)105, 1)] // LARGE_TUPLE_EXT arity
    [InlineData((byte)108, 1)] // LIST_EXT length
    [InlineData((byte)109, 1)] // BINARY_EXT length
    [InlineData((byte)116, 1)] // MAP_EXT size
    public void HugeTermCount_IsImplausibleSize(byte tag, int offset)
    {
        byte[] term = new Bytes().U8(131).U8(tag).U32(0x7FFF_FFFF).U8(106).ToArray();
        AttrRejected(term, DiagnosticId.ImplausibleSize, offset + 1);
    }

    [Fact]
    public void AtomWithInvalidUtf8_IsBadUtf8()
    {
        AttrRejected([131, 119, 2, 0xC0, 0xAF], DiagnosticId.BadUtf8, 1);
    }

    [Fact]
    public void OldFloatTextThatIsNotANumber_IsBadTermValue()
    {
        byte[] term = new Bytes().U8(131).U8(99).Raw("nan"u8).Repeat(0, 28).ToArray();
        AttrRejected(term, DiagnosticId.BadTermValue, 1);
    }

    [Fact]
    public void BitBinaryWithZeroBitsInLastByte_IsBadTermValue()
    {
        AttrRejected([131, 77, 0, 0, 0, 1, 0, 0xFF], DiagnosticId.BadTermValue, 1);
    }

    [Fact]
    public void ReferenceWithTooManyWords_IsBadTermValue()
    {
        byte[] term = new Bytes().U8(131).U8(90).U16(6).Atom("n@h").U32(1).Repeat(0, 24).ToArray();
        AttrRejected(term, DiagnosticId.BadTermValue, 2);
    }

    [Fact]
    public void NewFunWithLyingSize_IsBadTermValue()
    {
        byte[] term = new Bytes().U8(131).U8(112).U32(0xFFFF_FF00).U8(0).Repeat(0, 40).ToArray();
        AttrRejected(term, DiagnosticId.BadTermValue, 1);
    }

    [Fact]
    public void CompressedTagInsideATerm_IsBadTermValue()
    {
        byte[] term = new Bytes().U8(131).U8(104).U8(1).U8(80).U32(1).U8(0).ToArray();
        AttrRejected(term, DiagnosticId.BadTermValue, 3);
    }

    [Fact]
    public void CompressedTermDeclaringGigabytes_IsDecompressionLimit()
    {
        byte[] term = new Bytes().U8(131).U8(80).U32(0xFFFF_FFF0).Raw(Bytes.Zlib([106])).ToArray();
        AttrRejected(term, DiagnosticId.DecompressionLimit, 1);
    }

    [Fact]
    public void CompressedTermLyingAboutItsSize_IsBadCompression()
    {
        byte[] term = new Bytes().U8(131).U8(80).U32(5).Raw(Bytes.Zlib([104, 2, 106, 106])).ToArray();
        AttrRejected(term, DiagnosticId.BadCompression, 1);
    }

    [Fact]
    public void CompressedTermWithBadTagDeepInside_IsReportedAtTheCompressedTagNotPastTheFile()
    {
        // Positions inside inflated data are not file offsets: a bad tag at inflated byte 20006 must not be
        // reported at Attr + 20007, past the end of this 800-byte file.
        var inner = new Bytes().U8(108).U32(10_001);
        for (int i = 0; i < 10_000; i++)
        {
            inner.U8(97).U8(7);
        }

        inner.U8(201).U8(106);
        byte[] raw = inner.ToArray();
        byte[] term = new Bytes().U8(131).U8(80).U32((uint)raw.Length).Raw(Bytes.Zlib(raw)).ToArray();
        var e = AttrRejected(term, DiagnosticId.UnknownTermTag, 1);
        Assert.Contains("20005", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileInfoWithTruncatedTerm_IsTruncatedInCInf()
    {
        // STRING_EXT of 10 bytes with only 2 present.
        byte[] cinf = [131, 107, 0, 10, (byte)'a', (byte)'b'];
        var e = Hostile.AssertRejected(Minimal.With("CInf", cinf).ToBytes(), DiagnosticId.Truncated, Minimal.DataOffset("CInf") + 4);
        Assert.Equal("CInf", e.Chunk);
    }

    [Fact]
    public void EncryptedDebugInfoWithModeLengthPastTheEnd_IsTruncated()
    {
        byte[] dbgi = [0, 200, (byte)'d', (byte)'e', (byte)'s'];
        var e = Hostile.AssertRejected(Minimal.With("Dbgi", dbgi).ToBytes(), DiagnosticId.Truncated, Minimal.DataOffset("Dbgi") + 2);
        Assert.Equal("Dbgi", e.Chunk);
    }
}
