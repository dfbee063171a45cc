using System.Numerics;
using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>Every tag of the external term format, from hand-built bytes (erts/doc "External Term Format").</summary>
public sealed class TermReaderTests
{
    [Fact]
    public void Decode_SmallInteger_ReadsUnsignedByte()
    {
        var t = Assert.IsType<IntegerTerm>(Decode(Ext.Term().U8(97).U8(255)));
        Assert.Equal(255, t.Value);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Decode_Integer_ReadsSigned32Bits(int value)
    {
        var t = Assert.IsType<IntegerTerm>(Decode(Ext.Term().Int(value)));
        Assert.Equal(value, t.Value);
    }

    [Fact]
    public void Decode_SmallBig_ReadsLittleEndianMagnitudeAndSign()
    {
        var positive = Assert.IsType<IntegerTerm>(Decode(Ext.Term().U8(110).U8(8).U8(0).Raw([0, 0, 0, 0, 0, 0, 0, 1])));
        var negative = Assert.IsType<IntegerTerm>(Decode(Ext.Term().U8(110).U8(2).U8(1).Raw([0x34, 0x12])));
        Assert.Equal(BigInteger.One << 56, positive.Value);
        Assert.Equal(-0x1234, negative.Value);
    }

    [Fact]
    public void Decode_SmallBigWithSignByteTwo_IsNegativeAsInBinaryToTerm()
    {
        // binary_to_term(<<131,110,1,2,5>>) is -5: erts takes any non-zero sign byte as negative.
        var t = Assert.IsType<IntegerTerm>(Decode(Ext.Term().U8(110).U8(1).U8(2).U8(5)));
        Assert.Equal(-5, t.Value);
    }

    [Fact]
    public void Decode_SmallBigWithNoDigitsOrLeadingZeros_ReadsTheValue()
    {
        Assert.Equal(IntegerTerm.Create(0), Decode(Ext.Term().U8(110).U8(0).U8(1)));
        Assert.Equal(IntegerTerm.Create(5), Decode(Ext.Term().U8(110).U8(2).U8(0).Raw([5, 0])));
    }

    [Fact]
    public void Decode_LargeBig_ReadsFourByteLength()
    {
        var t = Assert.IsType<IntegerTerm>(Decode(Ext.Term().U8(111).U32(256).U8(1).Repeat(0, 255).U8(1)));
        Assert.Equal(-(BigInteger.One << 2040), t.Value);
    }

    [Fact]
    public void Decode_NewFloat_ReadsBigEndianDouble()
    {
        var t = Assert.IsType<FloatTerm>(Decode(Ext.Term().U8(70).F64(-1.5e-300)));
        Assert.Equal(-1.5e-300, t.Value);
    }

    [Theory]
    [InlineData("1.50000000000000000000e+00", 1.5)]
    [InlineData("-1.00000000000000005551e-01", -0.1)]
    [InlineData("4.94065645841246544177e-324", 5e-324)]
    public void Decode_FloatExtText_ParsesNulPaddedText(string text, double expected)
    {
        var t = Assert.IsType<FloatTerm>(Decode(Ext.Term().U8(99).Raw(Padded(text))));
        Assert.Equal(expected, t.Value);
    }

    [Fact]
    public void Decode_AtomExt_ReadsLatin1()
    {
        var t = Assert.IsType<AtomTerm>(Decode(Ext.Term().U8(100).U16(2).Raw([0x61, 0xE9])));
        Assert.Equal("aé", t.Name);
    }

    [Fact]
    public void Decode_SmallAtomExt_ReadsLatin1()
    {
        // ATOM_EXT bytes are Latin-1 even when they look like UTF-8: binary_to_term(<<131,115,2,206,187>>) is 'Î»'.
        var t = Assert.IsType<AtomTerm>(Decode(Ext.Term().U8(115).U8(2).Raw([0xCE, 0xBB])));
        Assert.Equal("Î»", t.Name);
    }

    [Fact]
    public void Decode_AtomUtf8Ext_ReadsTwoByteLengthAndUtf8()
    {
        string name = string.Concat(Enumerable.Repeat("λ", 200));
        var t = Assert.IsType<AtomTerm>(Decode(Ext.Term().U8(118).U16(400).Raw(Encoding.UTF8.GetBytes(name))));
        Assert.Equal(name, t.Name);
    }

    [Fact]
    public void Decode_SmallAtomUtf8Ext_ReadsUtf8IncludingSupplementaryCharacters()
    {
        var t = Assert.IsType<AtomTerm>(Decode(Ext.Term().Atom("a😀")));
        Assert.Equal("a😀", t.Name);
    }

    [Fact]
    public void Decode_AtomOf255Characters_IsAccepted()
    {
        var t = Assert.IsType<AtomTerm>(Decode(Ext.Term().U8(118).U16(510).Raw(Encoding.UTF8.GetBytes(new string('é', 255)))));
        Assert.Equal(255, t.Name.Length);
    }

    [Fact]
    public void Decode_SmallTuple_ReadsElements()
    {
        var t = Assert.IsType<TupleTerm>(Decode(Ext.Term().U8(104).U8(2).Atom("ok").Small(1)));
        Assert.Equal(new TupleTerm([new AtomTerm("ok"), IntegerTerm.Create(1)]), t);
    }

    [Fact]
    public void Decode_LargeTuple_ReadsFourByteArity()
    {
        var bytes = Ext.Term().U8(105).U32(300);
        for (int i = 0; i < 300; i++)
        {
            bytes.Small(i % 256);
        }

        var t = Assert.IsType<TupleTerm>(Decode(bytes));
        Assert.Equal(300, t.Arity);
        Assert.Equal(IntegerTerm.Create(299 % 256), t[299]);
    }

    [Fact]
    public void Decode_EmptyTuple_IsTheSharedEmptyTuple()
    {
        Assert.Same(TupleTerm.Empty, Decode(Ext.Term().U8(104).U8(0)));
        Assert.Same(TupleTerm.Empty, Decode(Ext.Term().U8(105).U32(0)));
    }

    [Fact]
    public void Decode_Nil_IsNilInstance() => Assert.Same(NilTerm.Instance, Decode(Ext.Term().Nil()));

    [Fact]
    public void Decode_StringExt_IsProperListOfBytes()
    {
        var t = Assert.IsType<ListTerm>(Decode(Ext.Term().U8(107).U16(3).Raw("abc"u8)));
        Assert.True(t.IsProper);
        Assert.Equal([IntegerTerm.Create(97), IntegerTerm.Create(98), IntegerTerm.Create(99)], t.Elements);
    }

    [Fact]
    public void Decode_EmptyStringExt_IsNil() => Assert.Same(NilTerm.Instance, Decode(Ext.Term().U8(107).U16(0)));

    [Fact]
    public void Decode_ProperList_ReadsElementsAndNilTail()
    {
        var t = Assert.IsType<ListTerm>(Decode(Ext.Term().U8(108).U32(2).Small(1).Atom("a").Nil()));
        Assert.True(t.IsProper);
        Assert.Equal([IntegerTerm.Create(1), new AtomTerm("a")], t.Elements);
    }

    [Fact]
    public void Decode_ImproperList_KeepsTheTail()
    {
        var t = Assert.IsType<ListTerm>(Decode(Ext.Term().U8(108).U32(1).Small(1).Small(2)));
        Assert.False(t.IsProper);
        Assert.Equal(IntegerTerm.Create(2), t.Tail);
    }

    [Fact]
    public void Decode_ListWhoseTailIsAList_FlattensToOneList()
    {
        // [1 | [2 | 3]] written as two LIST_EXTs is the same term as one LIST_EXT [1, 2 | 3].
        var nested = Decode(Ext.Term().U8(108).U32(1).Small(1).U8(108).U32(1).Small(2).Small(3));
        var flat = Decode(Ext.Term().U8(108).U32(2).Small(1).Small(2).Small(3));
        Assert.Equal(flat, nested);
        Assert.Equal(2, Assert.IsType<ListTerm>(nested).Elements.Length);
    }

    [Fact]
    public void Decode_ZeroLengthList_IsItsTailAsInBinaryToTerm()
    {
        Assert.Equal(IntegerTerm.Create(1), Decode(Ext.Term().U8(108).U32(0).Small(1)));
        Assert.Same(NilTerm.Instance, Decode(Ext.Term().U8(108).U32(0).Nil()));
    }

    [Fact]
    public void Decode_Binary_ReadsBytes()
    {
        var t = Assert.IsType<BitStringTerm>(Decode(Ext.Term().U8(109).U32(3).Raw([1, 2, 3])));
        Assert.True(t.IsBinary);
        Assert.Equal([1, 2, 3], t.Bytes);
        Assert.Same(BitStringTerm.Empty, Decode(Ext.Term().U8(109).U32(0)));
    }

    [Fact]
    public void Decode_BitBinary_KeepsSignificantBitsAndClearsTheRest()
    {
        var t = Assert.IsType<BitStringTerm>(Decode(Ext.Term().U8(77).U32(2).U8(4).Raw([1, 0xFF])));
        Assert.Equal(4, t.BitsInLastByte);
        Assert.Equal(12, t.BitSize);
        Assert.Equal([1, 0xF0], t.Bytes);
    }

    [Fact]
    public void Decode_EmptyBitBinaryWithZeroBits_IsEmptyBinary() =>
        Assert.Same(BitStringTerm.Empty, Decode(Ext.Term().U8(77).U32(0).U8(0)));

    [Fact]
    public void Decode_Map_SortsPairsInMapKeyOrder()
    {
        var t = Assert.IsType<MapTerm>(Decode(Ext.Term().U8(116).U32(3).Atom("b").Small(1).Small(1).Small(2).Atom("a").Small(3)));
        Assert.Equal([IntegerTerm.Create(1), new AtomTerm("a"), new AtomTerm("b")], t.Pairs.Select(p => p.Key));
        Assert.Same(MapTerm.Empty, Decode(Ext.Term().U8(116).U32(0)));
    }

    [Fact]
    public void Decode_PidExt_ReadsNodeIdSerialAndOneByteCreation()
    {
        var t = Assert.IsType<PidTerm>(Decode(Ext.Term().U8(103).Atom("a@b").U32(1).U32(2).U8(3)));
        Assert.Equal(("a@b", 1u, 2u, 3u), (t.Node.Name, t.Id, t.Serial, t.Creation));
    }

    [Fact]
    public void Decode_NewPidExt_ReadsFourByteCreation()
    {
        var t = Assert.IsType<PidTerm>(Decode(Ext.Term().Pid("a@b", 5, 7, 0xDEADBEEF)));
        Assert.Equal(("a@b", 5u, 7u, 0xDEADBEEFu), (t.Node.Name, t.Id, t.Serial, t.Creation));
    }

    [Fact]
    public void Decode_PortExt_ReadsNodeIdAndOneByteCreation()
    {
        var t = Assert.IsType<PortTerm>(Decode(Ext.Term().U8(102).Atom("a@b").U32(9).U8(3)));
        Assert.Equal(("a@b", 9ul, 3u), (t.Node.Name, t.Id, t.Creation));
    }

    [Fact]
    public void Decode_NewPortExt_ReadsFourByteCreation()
    {
        var t = Assert.IsType<PortTerm>(Decode(Ext.Term().U8(89).Atom("a@b").U32(9).U32(0x01020304)));
        Assert.Equal(("a@b", 9ul, 0x01020304u), (t.Node.Name, t.Id, t.Creation));
    }

    [Fact]
    public void Decode_V4PortExt_ReadsSixtyFourBitId()
    {
        var t = Assert.IsType<PortTerm>(Decode(Ext.Term().U8(120).Atom("a@b").U64(0x1_0000_0002).U32(9)));
        Assert.Equal(("a@b", 0x1_0000_0002ul, 9u), (t.Node.Name, t.Id, t.Creation));
    }

    [Fact]
    public void Decode_ReferenceExt_ReadsOneIdAndOneByteCreation()
    {
        var t = Assert.IsType<ReferenceTerm>(Decode(Ext.Term().U8(101).Atom("a@b").U32(7).U8(2)));
        Assert.Equal(("a@b", 2u), (t.Node.Name, t.Creation));
        Assert.Equal([7u], t.Ids);
    }

    [Fact]
    public void Decode_NewReference_ReadsOneByteCreationThenIds()
    {
        var t = Assert.IsType<ReferenceTerm>(Decode(Ext.Term().U8(114).U16(3).Atom("a@b").U8(2).U32(1).U32(2).U32(3)));
        Assert.Equal(("a@b", 2u), (t.Node.Name, t.Creation));
        Assert.Equal([1u, 2u, 3u], t.Ids);
    }

    [Fact]
    public void Decode_NewerReference_ReadsNodeCreationAndIds()
    {
        var t = Assert.IsType<ReferenceTerm>(Decode(Ext.Term().U8(90).U16(5).Atom("a@b").U32(0xCAFE).U32(1).U32(2).U32(3).U32(4).U32(5)));
        Assert.Equal(("a@b", 0xCAFEu), (t.Node.Name, t.Creation));
        Assert.Equal([1u, 2u, 3u, 4u, 5u], t.Ids);
    }

    [Fact]
    public void Decode_Export_ReadsModuleFunctionArity()
    {
        var t = Assert.IsType<ExportTerm>(Decode(Ext.Term().U8(113).Atom("lists").Atom("map").Small(2)));
        Assert.Equal(new ExportTerm(new AtomTerm("lists"), new AtomTerm("map"), IntegerTerm.Create(2)), t);
    }

    [Fact]
    public void Decode_ExportWithIntegerExtArity_IsAcceptedAsInBinaryToTerm()
    {
        var t = Assert.IsType<ExportTerm>(Decode(Ext.Term().U8(113).U8(100).U16(1).Raw("m"u8).U8(100).U16(1).Raw("f"u8).Int(300)));
        Assert.Equal(IntegerTerm.Create(300), t.Arity);
    }

    [Fact]
    public void Decode_NewFunFromErl_ReadsEveryField()
    {
        // term_to_binary(fun(X) -> X + 1 end) in a module g, OTP 25: Size is 69, counted from the Size field.
        byte[] bytes =
        [
            131, 112, 0, 0, 0, 69, 1, 123, 35, 93, 142, 23, 46, 153, 224, 128, 71, 26, 254, 192, 107, 185, 6, 0, 0, 0, 0, 0,
            0, 0, 0, 100, 0, 1, 103, 97, 0, 98, 3, 217, 26, 236, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110,
            111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        var t = Assert.IsType<FunTerm>(Decode(bytes));
        Assert.Equal(("g", 1, 0u), (t.Module.Name, t.Arity, t.Index));
        Assert.Equal([123, 35, 93, 142, 23, 46, 153, 224, 128, 71, 26, 254, 192, 107, 185, 6], t.Uniq);
        Assert.Equal(IntegerTerm.Create(0), t.OldIndex);
        Assert.Equal(IntegerTerm.Create(64559852), t.OldUniq);
        Assert.Equal(new PidTerm(new AtomTerm("nonode@nohost"), 9, 0, 0), t.Pid);
        Assert.Empty(t.FreeVars);
    }

    [Fact]
    public void Decode_NewFunWithFreeVariables_ReadsThemInOrder()
    {
        var t = Assert.IsType<FunTerm>(Decode(NewFun(Ext.Term(), new Ext().Atom("x").Small(7))));
        Assert.Equal([new AtomTerm("x"), IntegerTerm.Create(7)], t.FreeVars);
        Assert.Equal(("m", 2, 5u), (t.Module.Name, t.Arity, t.Index));
    }

    [Fact]
    public void Decode_OldFunExt_ReadsPidModuleIndexUniqAndFreeVariables()
    {
        var bytes = Ext.Term().U8(117).U32(1).Pid("nonode@nohost", 9, 0, 0).Atom("m").Small(5).Int(7).Small(42);
        var t = Assert.IsType<FunTerm>(Decode(bytes));
        Assert.Equal(("m", -1, 5u), (t.Module.Name, t.Arity, t.Index));
        Assert.Equal(IntegerTerm.Create(5), t.OldIndex);
        Assert.Equal(IntegerTerm.Create(7), t.OldUniq);
        Assert.Equal([IntegerTerm.Create(42)], t.FreeVars);
    }

    [Fact]
    public void Decode_Compressed_InflatesTheTerm()
    {
        byte[] inner = new Ext().U8(107).U16(5).Raw("hello"u8);
        var t = Decode(Ext.Term().U8(80).U32((uint)inner.Length).Raw(Ext.Zlib(inner)));
        Assert.Equal(Decode(Ext.Term().Raw(inner)), t);
    }

    [Fact]
    public void Decode_TrailingBytes_ReportsBytesUsed()
    {
        var t = TermReader.Decode(Ext.Term().Small(1).Small(2).ToArray(), out int used);
        Assert.Equal(IntegerTerm.Create(1), t);
        Assert.Equal(3, used);
    }

    [Fact]
    public void Decode_NestedToMaxDepth_Succeeds()
    {
        // 1999 one-tuples around an atom: 2000 terms deep, exactly TermReaderOptions.MaxDepth.
        var t = Decode(DeepTuples(TermReaderOptions.Default.MaxDepth - 1));
        int depth = 1;
        while (t is TupleTerm { Arity: 1 } tuple)
        {
            t = tuple[0];
            depth++;
        }

        Assert.Equal(TermReaderOptions.Default.MaxDepth, depth);
    }

    /// <summary>n SMALL_TUPLE_EXTs of arity 1 around the atom 'leaf'.</summary>
    internal static byte[] DeepTuples(int n)
    {
        var bytes = Ext.Term();
        for (int i = 0; i < n; i++)
        {
            bytes.U8(104).U8(1);
        }

        return bytes.Atom("leaf");
    }

    /// <summary>NEW_FUN_EXT of module m, arity 2, index 5, with the given free variables; Size computed.</summary>
    internal static Ext NewFun(Ext prefix, Ext freeVars, int freeCount = 2)
    {
        var body = new Ext().U8(2).Repeat(0xAB, 16).U32(5).U32((uint)freeCount).Atom("m").Small(5).Int(123)
            .Pid("nonode@nohost", 1, 0, 0).Raw(freeVars);
        return prefix.U8(112).U32((uint)(body.Length + 4)).Raw(body);
    }

    internal static byte[] Padded(string text)
    {
        byte[] bytes = new byte[31];
        Encoding.ASCII.GetBytes(text).CopyTo(bytes, 0);
        return bytes;
    }

    private static Term Decode(byte[] bytes) => TermReader.Decode(bytes);
}
