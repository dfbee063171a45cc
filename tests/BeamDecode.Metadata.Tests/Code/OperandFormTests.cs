using System.Numerics;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Diagnostics;
using static BeamDecode.Metadata.Tests.Code.CodeBuilder;

namespace BeamDecode.Metadata.Tests.Code;

/// <summary>
/// Every compact-term form of the Code chunk, written by hand the way beam_asm.erl encode/2 writes it, decodes to
/// its typed operand and prints in the .S form beam_asm reads back: small, two-byte and long unsigned values,
/// negative and multi-byte integers up to bignums whose byte count is itself encoded, atoms and nil, x/y registers,
/// labels, the character tag, and the extended forms float, list, float register, allocation list, literal and
/// typed register. The compiler no longer writes some of them (h, z0), so no fixture holds them.
/// </summary>
public sealed class OperandFormTests
{
    private static readonly string[] Atoms = ["m", "f", "ok", "erlang", "foo"];

    private static AsmModule Build(Action<CodeBuilder> body, int labels = 4)
    {
        var b = new CodeBuilder();
        b.Op(1).U(1);                          // {label,1}
        b.Op(2).A(1).A(2).U(0);                // {func_info,{atom,m},{atom,f},0}
        b.Op(1).U(2);                          // {label,2}
        body(b);
        b.Op(19);                              // return
        b.Op(3);                               // int_code_end
        byte[] literal = [104, 1, 119, 2, (byte)'o', (byte)'k'];
        byte[] beam = b.Module(Atoms, imports: [(4, 5, 1)], exports: [(2, 0, 2)], strings: "abcdef"u8.ToArray(),
            literals: [literal], types: [(0x40, 0, 10)], labels: labels);
        return Disassembler.Disassemble(BeamFile.Read(beam));
    }

    private static Instruction Body(AsmModule m, int index) => m.Functions[0].Instructions[3 + index];

    [Fact]
    public void Integers_SmallNegativeMultiByteAndBignum()
    {
        var m = Build(b => b
            .Op(64).I(7).X(0)
            .Op(64).I(-1).X(0)
            .Op(64).I(-300).X(0)
            .Op(64).I(-(BigInteger.One << 70)).X(0)
            .Op(64).I(BigInteger.One << 100).X(0)
            .Op(64).I(BigInteger.Pow(10, 40)).X(0));
        BigInteger[] expected = [7, -1, -300, -(BigInteger.One << 70), BigInteger.One << 100, BigInteger.Pow(10, 40)];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], Assert.IsType<IntegerOperand>(Body(m, i)[0]).Value);
        }

        string text = AsmWriter.Write(m);
        Assert.Contains("{move,{integer,-1180591620717411303424},{x,0}}.", text, StringComparison.Ordinal);
        Assert.Contains("{move,{integer,10000000000000000000000000000000000000000},{x,0}}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedAtomsNilRegistersLabelsAndCharacters()
    {
        var m = Build(b => b
            .Op(64).A(3).Y(300)                 // atom, two-byte y register
            .Op(64).A(0).X(1023)                // nil, two-byte x register
            .Op(64).H(0x3BB).X(0)               // the character tag (R7 and older)
            .Op(16).U(100_000).U(3)             // test_heap with a three-byte u
            .Op(61).F(3));                      // jump
        Assert.Equal("ok", Assert.IsType<AtomOperand>(Body(m, 0)[0]).Atom.Name);
        Assert.Equal(300, Assert.IsType<YRegister>(Body(m, 0)[1]).Index);
        Assert.Same(NilOperand.Instance, Body(m, 1)[0]);
        Assert.Equal(1023, Assert.IsType<XRegister>(Body(m, 1)[1]).Index);
        Assert.Equal(0x3BB, Assert.IsType<CharOperand>(Body(m, 2)[0]).CodePoint);
        Assert.Equal(100_000, Assert.IsType<UnsignedOperand>(Body(m, 3)[0]).Value);
        Assert.Equal(3, Assert.IsType<LabelOperand>(Body(m, 4)[0]).Label);
        string text = AsmWriter.Write(m);
        Assert.Contains("{move,{atom,ok},{y,300}}.", text, StringComparison.Ordinal);
        Assert.Contains("{move,nil,{x,1023}}.", text, StringComparison.Ordinal);
        Assert.Contains("{move,{char,955},{x,0}}.", text, StringComparison.Ordinal);
        Assert.Contains("{test_heap,100000,3}.", text, StringComparison.Ordinal);
        Assert.Contains("{jump,{f,3}}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendedForms_FloatListFloatRegisterAllocListLiteralTypedRegister()
    {
        byte[] pi = BitConverter.GetBytes(Math.PI);
        Array.Reverse(pi);
        var m = Build(b => b
            .Op(64).Z(0).Raw(pi).X(0)                                   // z0: inline float
            .Op(96).X(0).Z(2).U(1)                                      // z2: {fr,1}
            .Op(13).U(2).Z(3).U(3).U(0).U(4).U(1).U(2).U(2).U(1).U(1)   // z3: alloc list
            .Op(64).Z(4).U(0).X(1)                                      // z4: literal 0
            .Op(59).Z(5).X(0).U(0).F(3).Z(1).U(4).A(3).F(2).I(-5).F(3)); // z5 typed register, z1 list
        Assert.Equal(Math.PI, Assert.IsType<FloatOperand>(Body(m, 0)[0]).Value);
        Assert.Equal(1, Assert.IsType<FloatRegister>(Body(m, 1)[1]).Index);
        var alloc = Assert.IsType<AllocListOperand>(Body(m, 2)[1]);
        Assert.Equal([new AllocItem(AllocKind.Words, 4), new AllocItem(AllocKind.Floats, 2), new AllocItem(AllocKind.Funs, 1)], alloc.Items);
        Assert.Equal("{ok}", Assert.IsType<LiteralOperand>(Body(m, 3)[0]).Value.ToString());
        var tr = Assert.IsType<TypedRegister>(Body(m, 4)[0]);
        Assert.Equal(0, Assert.IsType<XRegister>(tr.Register).Index);
        Assert.Equal((ushort)0x40, tr.Type!.Bits);
        var list = Assert.IsType<ListOperand>(Body(m, 4)[2]);
        Assert.Equal(4, list.Items.Length);

        string text = AsmWriter.Write(m);
        Assert.Contains("{move,{float,3.141592653589793},{x,0}}.", text, StringComparison.Ordinal);
        Assert.Contains("{fmove,{x,0},{fr,1}}.", text, StringComparison.Ordinal);
        Assert.Contains("{allocate_heap,2,{alloc,[{words,4},{floats,2},{funs,1}]},1}.", text, StringComparison.Ordinal);
        Assert.Contains("{move,{literal,{ok}},{x,1}}.", text, StringComparison.Ordinal);
        Assert.Contains("{select_val,{tr,{x,0},{t_integer,{0,10}}},{f,3},{list,[{atom,ok},{f,2},{integer,-5},{f,3}]}}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportsBifsAndStrings_AreResolvedFromTheirTables()
    {
        var m = Build(b => b
            .Op(7).U(1).U(0)                                  // call_ext 1 import 0
            .Op(10).F(0).U(0).X(0).X(1)                       // bif1 (import 0 as a bif)
            .Op(132).F(3).X(0).U(24).U(2));                   // bs_match_string: 24 bits at StrT offset 2
        var call = Assert.IsType<ImportOperand>(Body(m, 0)[1]);
        Assert.Equal("erlang:foo/1", call.Import.ToString());
        var str = Assert.IsType<StringOperand>(Body(m, 2)[3]);
        Assert.Equal("cde"u8.ToArray(), str.Bytes.ToArray());
        string text = AsmWriter.Write(m);
        Assert.Contains("{call_ext,1,{extfunc,erlang,foo,1}}.", text, StringComparison.Ordinal);
        Assert.Contains("{bif,foo,{f,0},[{x,0}],{x,1}}.", text, StringComparison.Ordinal);
        Assert.Contains("{test,bs_match_string,{f,3},[{x,0},24,{string,<<99,100,101>>}]}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOpcode_IsBD0011NamingItAndTheHighestKnown()
    {
        var e = Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(200)));
        Assert.Equal(DiagnosticId.UnknownOpcode, e.Id);
        Assert.Contains("200", e.Message, StringComparison.Ordinal);
        Assert.Contains(OpcodeTable.HighestKnown.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Equal("Code", e.Chunk);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(15)]
    public void UnknownExtendedForm_IsBD0012(int form)
    {
        var e = Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(64).Z(form).X(0)));
        Assert.Equal(DiagnosticId.BadOperand, e.Id);
    }

    [Fact]
    public void TypedRegisterHoldingAnAtom_IsBD0012()
    {
        var e = Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(64).Z(5).A(3).U(0).X(0)));
        Assert.Equal(DiagnosticId.BadOperand, e.Id);
    }

    [Fact]
    public void IndexesOutsideTheirTables_AreBD0010()
    {
        Assert.Equal(DiagnosticId.BadIndex, Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(64).A(99).X(0))).Id);
        Assert.Equal(DiagnosticId.BadIndex, Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(64).Z(4).U(1).X(0))).Id);
        Assert.Equal(DiagnosticId.BadIndex, Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(7).U(1).U(1))).Id);
        Assert.Equal(DiagnosticId.BadIndex, Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(132).F(3).X(0).U(64).U(0))).Id);
        Assert.Equal(DiagnosticId.BadIndex, Assert.Throws<BadBeamFormatException>(() => Build(b => b.Op(64).Z(5).X(0).U(1).X(0))).Id);
    }
}
