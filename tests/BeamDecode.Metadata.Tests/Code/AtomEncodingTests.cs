using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Tests.BadInput;

namespace BeamDecode.Metadata.Tests.Code;

/// <summary>
/// OTP 28 writes AtU8 with a negative atom count and compact-term atom lengths (erts beam_file.c
/// parse_atom_chunk). A module re-encoded that way disassembles to exactly the same text.
/// </summary>
public sealed class AtomEncodingTests
{
    [Theory]
    [InlineData("asm_ops.beam")]
    [InlineData("features.beam")]
    public void NegativeCountAtomTable_DisassemblesTheSame(string fixture)
    {
        var beam = BeamContainer.Fixture(fixture);
        var original = BeamFile.Read(beam.ToBytes());
        var rewritten = new Bytes().I32(-original.Atoms.Count);
        foreach (var atom in original.Atoms.Atoms)
        {
            byte[] text = System.Text.Encoding.UTF8.GetBytes(atom.Name);
            rewritten.Raw(new CodeBuilder().U(text.Length).CodeBytes()).Raw(text);
        }

        var otp28 = BeamFile.Read(beam.With("AtU8", rewritten.ToArray()).ToBytes());
        Assert.True(otp28.Atoms.HasCompactLengths);
        Assert.Equal(
            AsmWriter.Write(Disassembler.Disassemble(original)),
            AsmWriter.Write(Disassembler.Disassemble(otp28)));
    }

    [Fact]
    public void LongAtom_UsesTheTwoByteLengthForm()
    {
        string name = new('a', 200);
        var b = new CodeBuilder();
        b.Op(1).U(1).Op(2).A(1).A(2).U(0).Op(1).U(2).Op(19).Op(3);
        var module = Disassembler.Disassemble(BeamFile.Read(b.Module(["m", name], negativeAtomCount: true)));
        Assert.Equal(name, module.Functions[0].Name.Name);
    }
}
