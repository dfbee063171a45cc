using System.Diagnostics;
using System.Text;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>
/// Malformed external terms: each is a <see cref="BadBeamFormatException"/> with a stable id, never another
/// exception, a hang or a stack overflow. Where binary_to_term (OTP 25) has an opinion, the reader agrees with it.
/// </summary>
public sealed class TermReaderErrorTests
{
    [Fact]
    public void Decode_AtomCacheRef_IsAtomCacheReference() =>
        AssertRejected(Ext.Term().U8(82).U8(0), DiagnosticId.AtomCacheReference, 1);

    [Fact]
    public void Decode_AtomCacheRefAsPidNode_IsAtomCacheReference() =>
        AssertRejected(Ext.Term().U8(88).U8(82).U8(0).U32(1).U32(2).U32(3), DiagnosticId.AtomCacheReference, 2);

    [Theory]
    [InlineData(0)]
    [InlineData(69)]
    [InlineData(121)]
    [InlineData(255)]
    public void Decode_UnknownOrLocalTag_IsUnknownTermTag(byte tag) =>
        AssertRejected(Ext.Term().U8(tag).Repeat(0, 8), DiagnosticId.UnknownTermTag, 1);

    [Fact]
    public void Decode_WrongVersionByte_IsBadTermVersion() =>
        AssertRejected(new Ext().U8(130).Small(1), DiagnosticId.BadTermVersion, 0);

    [Fact]
    public void Decode_NestedAMillionDeep_IsTermTooDeepQuickly()
    {
        byte[] bytes = TermReaderTests.DeepTuples(1_000_000);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<BadBeamFormatException>(() => TermReader.Decode(bytes));
        watch.Stop();
        Assert.Equal(DiagnosticId.TermTooDeep, e.Id);
        // It stops at depth 2001 rather than reading on: milliseconds, with a wide margin for slow machines.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Decode_ListTailsAMillionDeep_IsTermTooDeep()
    {
        // [[[...]]] as LIST_EXT of one element each: the element nests, so depth grows.
        var bytes = Ext.Term();
        for (int i = 0; i < 1_000_000; i++)
        {
            bytes.U8(108).U32(1);
        }

        AssertRejected(bytes, DiagnosticId.TermTooDeep);
    }

    [Fact]
    public void Decode_OneLevelPastMaxDepth_IsTermTooDeep() =>
        AssertRejected(TermReaderTests.DeepTuples(TermReaderOptions.Default.MaxDepth), DiagnosticId.TermTooDeep);

    [Fact]
    public void Decode_HugeClaimedBignum_IsBignumTooLargeBeforeReading() =>
        AssertRejected(Ext.Term().U8(111).U32(0xFFFF_FFFF).U8(0).Repeat(1, 16), DiagnosticId.BignumTooLarge, 1);

    [Fact]
    public void Decode_BignumOneByteOverTheLimit_IsBignumTooLarge()
    {
        var options = new TermReaderOptions { MaxBignumBytes = 8 };
        var e = Assert.Throws<BadBeamFormatException>(() => TermReader.Decode(Ext.Term().U8(110).U8(9).U8(0).Repeat(1, 9), options: options));
        Assert.Equal(DiagnosticId.BignumTooLarge, e.Id);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Decode_InvalidUtf8Atom_IsBadUtf8(byte[] text) =>
        AssertRejected(Ext.Term().U8(119).U8(text.Length).Raw(text), DiagnosticId.BadUtf8, 1);

    [Theory]
    [InlineData(100)]
    [InlineData(118)]
    public void Decode_AtomOf256Characters_IsBadTermValue(byte tag) =>
        AssertRejected(Ext.Term().U8(tag).U16(256).Repeat((byte)'a', 256), DiagnosticId.BadTermValue, 1);

    [Fact]
    public void Decode_CompressedWithLargerDeclaredSize_IsBadCompression()
    {
        byte[] inner = new Ext().Small(1);
        AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length + 1).Raw(Ext.Zlib(inner)), DiagnosticId.BadCompression, 1);
    }

    [Fact]
    public void Decode_CompressedWithSmallerDeclaredSize_IsBadCompression()
    {
        byte[] inner = new Ext().U8(107).U16(3).Raw("abc"u8);
        AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length - 1).Raw(Ext.Zlib(inner)), DiagnosticId.BadCompression, 1);
    }

    [Fact]
    public void Decode_CompressedClaimingFourGigabytes_IsDecompressionLimitWithoutAllocating() =>
        AssertRejected(Ext.Term().U8(80).U32(0xFFFF_FFFF).Raw(Ext.Zlib([97, 1])), DiagnosticId.DecompressionLimit, 1);

    [Fact]
    public void Decode_CompressedWithCorruptStream_IsBadCompression() =>
        AssertRejected(Ext.Term().U8(80).U32(2).Raw([0x78, 0x9C, 0xFF, 0xFF, 0xFF]), DiagnosticId.BadCompression, 1);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Decode_CompressedWithoutItsAdlerTrailer_IsBadCompression(int cut)
    {
        // binary_to_term rejects these too; the deflate data alone is complete, so only the trailer tells.
        byte[] inner = new Ext().U8(107).U16(40).Raw(Encoding.ASCII.GetBytes(new string('z', 40)));
        byte[] zlib = Ext.Zlib(inner);
        AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length).Raw(zlib.AsSpan(0, zlib.Length - cut)), DiagnosticId.BadCompression, 1);
    }

    [Fact]
    public void Decode_CompressedWithWrongAdlerTrailer_IsBadCompression()
    {
        byte[] inner = new Ext().U8(107).U16(3).Raw("abc"u8);
        byte[] zlib = Ext.Zlib(inner);
        zlib[^1] ^= 1;
        AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length).Raw(zlib), DiagnosticId.BadCompression, 1);
    }

    [Fact]
    public void Decode_CompressedFollowedByOtherBytes_IsBadCompression()
    {
        // A compressed term runs to the end of its data. (binary_to_term ignores bytes after the zlib stream.)
        byte[] inner = new Ext().Small(1);
        AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length).Raw(Ext.Zlib(inner)).U8(0), DiagnosticId.BadCompression, 1);
    }

    [Fact]
    public void Decode_CompressedTermWithTrailingBytes_IsBadTermValue()
    {
        byte[] inner = new Ext().Small(1).Small(2);
        AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length).Raw(Ext.Zlib(inner)), DiagnosticId.BadTermValue, 1);
    }

    [Fact]
    public void Decode_CompressedWithBadTagInside_IsReportedAtTheCompressedTagWithTheInflatedPosition()
    {
        byte[] inner = new Ext().U8(104).U8(2).Small(1).U8(201);
        var e = AssertRejected(Ext.Term().U8(80).U32((uint)inner.Length).Raw(Ext.Zlib(inner)), DiagnosticId.UnknownTermTag, 1);
        Assert.Contains("inflated byte 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CompressedInsideATerm_IsBadTermValue() =>
        AssertRejected(Ext.Term().U8(104).U8(1).U8(80).U32(2).Raw(Ext.Zlib([97, 1])), DiagnosticId.BadTermValue, 3);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Decode_NewFloatNotFinite_IsBadTermValue(double value) =>
        AssertRejected(Ext.Term().U8(70).F64(value), DiagnosticId.BadTermValue, 1);

    [Theory]
    [InlineData("1.5x")]
    [InlineData(" 1.5")]
    [InlineData("inf")]
    [InlineData("nan")]
    [InlineData("1e999")]
    [InlineData("")]
    public void Decode_FloatExtTextNotAFiniteFloat_IsBadTermValue(string text) =>
        AssertRejected(Ext.Term().U8(99).Raw(TermReaderTests.Padded(text)), DiagnosticId.BadTermValue, 1);

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Decode_BitBinaryWithBadBitCount_IsBadTermValue(byte bits) =>
        AssertRejected(Ext.Term().U8(77).U32(1).U8(bits).U8(0xFF), DiagnosticId.BadTermValue, 1);

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Decode_EmptyBitBinaryWithNonZeroBitCount_IsBadTermValue(byte bits) =>
        AssertRejected(Ext.Term().U8(77).U32(0).U8(bits), DiagnosticId.BadTermValue, 1);

    [Fact]
    public void Decode_MapWithDuplicateKey_IsBadTermValue() =>
        AssertRejected(Ext.Term().U8(116).U32(2).Small(1).Small(2).Small(1).Small(3), DiagnosticId.BadTermValue, 1);

    [Fact]
    public void Decode_ReferenceWithSixIds_IsBadTermValue() =>
        AssertRejected(Ext.Term().U8(90).U16(6).Atom("a@b").U32(0).Repeat(0, 24), DiagnosticId.BadTermValue, 2);

    [Fact]
    public void Decode_PidWithIntegerNode_IsBadTermValue() =>
        AssertRejected(Ext.Term().U8(88).Small(1).U32(1).U32(2).U32(3), DiagnosticId.BadTermValue, 2);

    [Fact]
    public void Decode_ExportWithIntegerModule_IsBadTermValue() =>
        AssertRejected(Ext.Term().U8(113).Small(1).Atom("f").Small(1), DiagnosticId.BadTermValue, 2);

    [Theory]
    [InlineData(new byte[] { 98, 255, 255, 255, 255 })]
    [InlineData(new byte[] { 100, 0, 1, 97 })]
    public void Decode_ExportWithNegativeOrNonIntegerArity_IsBadTermValue(byte[] arity) =>
        AssertRejected(Ext.Term().U8(113).Atom("m").Atom("f").Raw(arity), DiagnosticId.BadTermValue, 8);

    [Fact]
    public void Decode_NewFunWithLyingSize_IsBadTermValue()
    {
        byte[] good = TermReaderTests.NewFun(Ext.Term(), new Ext().Small(1).Small(2));
        foreach (int delta in new[] { -1, 1, 1000 })
        {
            byte[] bad = (byte[])good.Clone();
            uint size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bad.AsSpan(2)) + (uint)delta;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bad.AsSpan(2), size);
            AssertRejected(bad, DiagnosticId.BadTermValue, 1);
        }
    }

    [Theory]
    [InlineData(104, 255)]
    [InlineData(108, 0x7FFF_FFFF)]
    [InlineData(109, 0x7FFF_FFFF)]
    [InlineData(116, 0x1000_0000)]
    public void Decode_CountLargerThanTheData_IsImplausibleSizeOrTruncated(byte tag, int count)
    {
        var bytes = tag == 104 ? Ext.Term().U8(tag).U8(count) : Ext.Term().U8(tag).U32((uint)count);
        var e = Assert.Throws<BadBeamFormatException>(() => TermReader.Decode(bytes.Small(1)));
        Assert.Contains(e.Id, new[] { DiagnosticId.ImplausibleSize, DiagnosticId.Truncated });
    }

    public static TheoryData<string> TruncationSamples => new(Samples.Keys);

    /// <summary>Every strict prefix of a valid encoding fails cleanly (mostly BD0001) and nothing else escapes.</summary>
    [Theory]
    [MemberData(nameof(TruncationSamples))]
    public void Decode_EveryStrictPrefix_ThrowsOnlyBadBeamFormatException(string sample)
    {
        byte[] full = Samples[sample]();
        _ = TermReader.Decode(full);
        for (int length = 0; length < full.Length; length++)
        {
            byte[] prefix = full[..length];
            var e = Record.Exception(() => TermReader.Decode(prefix));
            Assert.True(e is BadBeamFormatException, $"prefix of {length} bytes: {e?.GetType().Name ?? "no exception"}: {e?.Message}");
        }
    }

    private static readonly Dictionary<string, Func<byte[]>> Samples = new()
    {
        ["tuple of everything"] = () => Ext.Term().U8(104).U8(6).Int(-5).U8(70).F64(1.5).Atom("λx").U8(110).U8(3).U8(1).Raw([1, 2, 3])
            .U8(77).U32(2).U8(3).Raw([1, 0xE0]).U8(107).U16(2).Raw("hi"u8),
        ["map and list"] = () => Ext.Term().U8(116).U32(2).Atom("k").U8(108).U32(2).Small(1).Small(2).Nil().Small(1).U8(109).U32(2).Raw([9, 9]),
        ["identifiers"] = () => Ext.Term().U8(104).U8(3).Pid("a@b", 1, 2, 3).U8(120).Atom("a@b").U64(7).U32(1)
            .U8(90).U16(2).Atom("a@b").U32(1).U32(5).U32(6),
        ["new fun"] = () => TermReaderTests.NewFun(Ext.Term(), new Ext().Atom("x").Small(7)),
        ["export"] = () => Ext.Term().U8(113).Atom("lists").Atom("map").Small(2),
        ["float text"] = () => Ext.Term().U8(99).Raw(TermReaderTests.Padded("1.50000000000000000000e+00")),
        ["compressed"] = () =>
        {
            byte[] inner = new Ext().U8(107).U16(40).Raw(Encoding.ASCII.GetBytes(new string('z', 40)));
            return Ext.Term().U8(80).U32((uint)inner.Length).Raw(Ext.Zlib(inner));
        },
    };

    private static BadBeamFormatException AssertRejected(byte[] bytes, string id, long? offset = null)
    {
        var e = Assert.Throws<BadBeamFormatException>(() => TermReader.Decode(bytes));
        Assert.Equal(id, e.Id);
        if (offset is long at)
        {
            Assert.Equal(at, e.Offset);
        }

        return e;
    }
}
