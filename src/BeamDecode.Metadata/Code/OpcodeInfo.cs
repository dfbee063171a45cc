namespace BeamDecode.Metadata.Code;

/// <summary>
/// One generic BEAM instruction as genop.tab numbers it: opcode, name, operand count, and the release that
/// introduced it (genop.tab's section comments, e.g. "R12B-5", "OTP 25").
/// </summary>
public sealed record OpcodeInfo(int Number, string Name, int Arity, string Since)
{
    public override string ToString() => $"{Name}/{Arity}";
}
