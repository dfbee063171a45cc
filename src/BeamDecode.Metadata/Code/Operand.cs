using System.Collections.Immutable;
using System.Numerics;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// One operand of a generic instruction. A closed union: the cases below are all there is, so a consumer switches
/// on the type. Raw forms follow the compact term tags (beam_asm.erl encode_arg/2; erts beam_file.c
/// beamreader_read_tagged / beam_load.c): u, i, a, x, y, f, h and the extended z forms float, list, fr, alloc list,
/// literal and typed register. Resolved forms are bare u values the <see cref="Disassembler"/> looked up in the
/// table the opcode names (ImpT, FunT, StrT, Line) or gave a meaning (field flags); the raw index stays with them.
/// </summary>
public abstract record Operand
{
    private protected Operand()
    {
    }
}

/// <summary>X register, tag x: <c>{x,N}</c>.</summary>
public sealed record XRegister(int Index) : Operand;

/// <summary>Y (stack) register, tag y: <c>{y,N}</c>.</summary>
public sealed record YRegister(int Index) : Operand;

/// <summary>Float register, extended form 2: <c>{fr,N}</c>.</summary>
public sealed record FloatRegister(int Index) : Operand;

/// <summary>
/// A register annotated with a type from the Type chunk, extended form 5 (OTP 25+): <c>{tr,Reg,Type}</c>.
/// <see cref="Type"/> is null when the Type chunk is absent or of a version this reader keeps raw.
/// </summary>
public sealed record TypedRegister(Operand Register, int TypeIndex, TypeEntry? Type) : Operand;

/// <summary>An atom, tag a with a non-zero atom-table index (1-based, <see cref="Index"/>): <c>{atom,A}</c>.</summary>
public sealed record AtomOperand(AtomTerm Atom, int Index) : Operand;

/// <summary>The empty list, tag a with index 0: <c>nil</c>.</summary>
public sealed record NilOperand : Operand
{
    public static readonly NilOperand Instance = new();
}

/// <summary>A signed integer, tag i: <c>{integer,N}</c>.</summary>
public sealed record IntegerOperand(BigInteger Value) : Operand;

/// <summary>An unsigned number, tag u (arities, counts, sizes, indexes): written bare, <c>N</c>.</summary>
public sealed record UnsignedOperand(long Value) : Operand;

/// <summary>A label, tag f (0 means "no label": fail by raising): <c>{f,L}</c>.</summary>
public sealed record LabelOperand(int Label) : Operand;

/// <summary>A character, tag h (not emitted since R7; old beams only): <c>{char,C}</c>.</summary>
public sealed record CharOperand(long CodePoint) : Operand;

/// <summary>An inline float, extended form 0 (pre-literal-table beams): <c>{float,F}</c>.</summary>
public sealed record FloatOperand(double Value) : Operand;

/// <summary>An entry of the literal table, extended form 4: <c>{literal,T}</c>.</summary>
public sealed record LiteralOperand(int Index, Term Value) : Operand;

/// <summary>A list of operands, extended form 1: <c>{list,[...]}</c> (select tables, map keys, binary segments).</summary>
public sealed record ListOperand(ImmutableArray<Operand> Items) : Operand;

/// <summary>A heap allocation list, extended form 3: <c>{alloc,[{words,N},{floats,N},{funs,N}]}</c>.</summary>
public sealed record AllocListOperand(ImmutableArray<AllocItem> Items) : Operand;

/// <summary>An import-table entry named by a u operand (call_ext, bif, gc_bif): <c>{extfunc,M,F,A}</c>.</summary>
public sealed record ImportOperand(int Index, ImportEntry Import) : Operand;

/// <summary>A fun-table entry named by a u operand (make_fun2/3, call_fun2): written as its label, <c>{f,L}</c>.</summary>
public sealed record LambdaOperand(int Index, LambdaEntry Lambda) : Operand;

/// <summary>Bytes of the string table at a u offset (bs_match_string, bs_put_string, bs_create_bin): <c>{string,Bin}</c>.</summary>
public sealed record StringOperand(int Offset, ImmutableArray<byte> Bytes) : Operand;

/// <summary>Bit syntax segment flags, a u operand: <c>{field_flags,[...]}</c> (beam_asm.erl flag_to_bit/1).</summary>
public sealed record FieldFlagsOperand(long Flags) : Operand
{
    public const long Little = 0x02;
    public const long Signed = 0x04;
    public const long Native = 0x10;

    /// <summary>True when every set bit is one beam_asm can write back (aligned 0x01 and exact 0x08 are gone).</summary>
    public bool IsExpressible => (Flags & ~(Little | Signed | Native)) == 0;
}

/// <summary>
/// A Line-chunk item named by a u operand (line, executable_line): <c>[{location,File,Line}]</c>, or <c>[]</c> for
/// item 0 ("no location") and when the module has no usable Line chunk (<see cref="File"/> null).
/// </summary>
public sealed record LocationOperand(int Index, string? File, int Line) : Operand;
