using System.Collections.Immutable;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// One generic instruction of the Code chunk: its opcode, its operands (as many as the opcode's arity, in
/// genop.tab order) and the file offset of its opcode byte.
/// </summary>
public sealed record Instruction(OpcodeInfo Opcode, ImmutableArray<Operand> Operands, long Offset)
{
    public string Name => Opcode.Name;

    public Operand this[int index] => Operands[index];

    /// <summary>The label a <c>label</c> instruction defines, else null.</summary>
    public int? DefinedLabel => Opcode.Number == OpcodeNumbers.Label && Operands[0] is UnsignedOperand { Value: var v } ? (int)v : null;
}
