namespace BeamDecode.Metadata.Code;

public static partial class Disassembler
{
    [ThreadStatic]
    private static CodeBuffer? t_checkBuffer;

    /// <summary>
    /// Disassembles the module in memory and returns its instruction count (int_code_end excluded), or throws the
    /// <see cref="BadBeamFormatException"/> a disassembly would: every instruction and operand is decoded and resolved
    /// as <see cref="Disassemble"/> and the assembly writer do (atoms, literals, imports, lambdas, strings, lines,
    /// types), the functions are cut, and the tables the <c>.S</c> header prints (exports, attributes) are decoded;
    /// only the text is not made. What <c>beam_disasm:file/1</c> does, and <c>beamdecode disasm --check</c>.
    /// </summary>
    public static int Check(BeamFile beam)
    {
        ArgumentNullException.ThrowIfNull(beam);
        var buffer = t_checkBuffer ??= new CodeBuffer();
        Decode(beam, buffer);
        _ = beam.Exports;
        _ = beam.Attributes;
        int count = buffer.Count;
        // As AsmWriter gives its buffer back: no operand of this module kept alive by the idle thread, and the arrays
        // of a rare huge module not kept for the rest of the thread's life.
        buffer.Clear();
        if (count > 1 << 20)
        {
            t_checkBuffer = null;
        }

        return count;
    }
}
