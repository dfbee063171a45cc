using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BeamDecode.Metadata.Diagnostics;
using static BeamDecode.Metadata.Code.OpcodeNumbers;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// Gives bare u operands the meaning their opcode assigns them, by position, as beam_asm.erl's make_op/2 and
/// encode_arg/2 produce them and beam_disasm.erl's resolve_inst/4 reads them back: import indexes (call_ext*, bif*,
/// gc_bif*), fun-table indexes (make_fun2/3, call_fun2), string-table offsets (bs_match_string, bs_put_string, the
/// string segments of bs_create_bin), bit-syntax flags, and Line-chunk items (line, executable_line, debug_line).
/// Anything else stays as read.
/// </summary>
internal static class OperandResolver
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Resolve(int opcode, Span<Operand> ops, CodeContext ctx, ref BeamReader r, long at)
    {
        switch (opcode)
        {
            case CallExt or CallExtLast or CallExtOnly:
                ops[1] = Import(ops[1], ctx, ref r, at);
                break;
            case Bif0:
                ops[0] = Import(ops[0], ctx, ref r, at);
                break;
            case Bif1 or Bif2 or Bif3:
                ops[1] = Import(ops[1], ctx, ref r, at);
                break;
            case GcBif1 or GcBif2 or GcBif3:
                ops[2] = Import(ops[2], ctx, ref r, at);
                break;
            case MakeFun2 or MakeFun3:
                ops[0] = Lambda(ops[0], ctx, ref r, at);
                break;
            case CallFun2 when ops[0] is UnsignedOperand:
                // The tag is a fun-table index for a call with a known target, else {atom,safe|unsafe}.
                ops[0] = Lambda(ops[0], ctx, ref r, at);
                break;
            case Line or ExecutableLine:
                ops[0] = Location(ops[0], ctx, ref r, at);
                break;
            case DebugLine:
                // OTP 28 genop.tab: debug_line Kind Location Index Live (not confirmed against a release here).
                ops[1] = Location(ops[1], ctx, ref r, at);
                break;
            case BsPutString when ops[0] is UnsignedOperand { Value: var length }:
                ops[1] = String(ops[1], length, ctx, ref r, at);
                break;
            case BsMatchString when ops[2] is UnsignedOperand { Value: var bits }:
                ops[3] = String(ops[3], (bits + 7) / 8, ctx, ref r, at);
                break;
            case BsCreateBin when ops[5] is ListOperand list:
                ops[5] = CreateBinStrings(list, ctx, ref r, at);
                break;
            case BsPutInteger or BsPutBinary or BsPutFloat:
                ops[3] = Flags(ops[3]);
                break;
            case BsInit2 or BsInitBits or BsPrivateAppend or BsSkipBits2:
                ops[4] = Flags(ops[4]);
                break;
            case BsAppend:
                ops[6] = Flags(ops[6]);
                break;
            case BsGetInteger2 or BsGetFloat2 or BsGetBinary2:
                ops[5] = Flags(ops[5]);
                break;
            case BsGetUtf8 or BsGetUtf16 or BsGetUtf32 or BsSkipUtf8 or BsSkipUtf16 or BsSkipUtf32:
                ops[3] = Flags(ops[3]);
                break;
            case BsPutUtf8 or BsPutUtf16 or BsPutUtf32:
                ops[1] = Flags(ops[1]);
                break;
        }
    }

    private static Operand Import(Operand op, CodeContext ctx, ref BeamReader r, long at)
    {
        if (op is not UnsignedOperand { Value: var index })
        {
            return op;
        }

        var imports = ctx.Imports;
        if (index >= imports.Length)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"import index {index} is outside the import table (0..{imports.Length - 1})");
        }

        return ctx.ImportOperand((int)index);
    }

    private static Operand Lambda(Operand op, CodeContext ctx, ref BeamReader r, long at)
    {
        if (op is not UnsignedOperand { Value: var index })
        {
            return op;
        }

        var lambdas = ctx.Lambdas;
        if (index >= lambdas.Length)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"fun index {index} is outside the fun table (0..{lambdas.Length - 1})");
        }

        return ctx.LambdaOperand((int)index);
    }

    private static Operand Location(Operand op, CodeContext ctx, ref BeamReader r, long at)
    {
        if (op is not UnsignedOperand { Value: var index })
        {
            return op;
        }

        // The loader ignores line instructions when the Line chunk is absent or of an unknown version
        // (erts beam_file.c parse_line_chunk); so do we: they carry no location then.
        var lines = ctx.Lines;
        if (lines is null || index == 0)
        {
            return new LocationOperand((int)Math.Min(index, int.MaxValue), null, 0);
        }

        if (index >= lines.Items.Length)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"line index {index} is outside the line table (0..{lines.Items.Length - 1})");
        }

        var item = lines.Items[(int)index];
        if (item.FileIndex > lines.FileNames.Length)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"line item {index} names file {item.FileIndex}, outside the file table (0..{lines.FileNames.Length})");
        }

        return ctx.LocationOperand((int)index);
    }

    private static Operand String(Operand op, long length, CodeContext ctx, ref BeamReader r, long at)
    {
        if (op is not UnsignedOperand { Value: var offset })
        {
            return op;
        }

        var strings = ctx.Strings.Span;
        if (length < 0 || offset > strings.Length || length > strings.Length - offset)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"string of {length} byte(s) at offset {offset} runs past the {strings.Length}-byte string table (StrT)");
        }

        return new StringOperand((int)offset, [.. strings.Slice((int)offset, (int)length)]);
    }

    private static readonly FieldFlagsOperand[] FlagCache = [.. Enumerable.Range(0, 64).Select(static f => new FieldFlagsOperand(f))];

    private static Operand Flags(Operand op) => op is UnsignedOperand { Value: var flags }
        ? (ulong)flags < (ulong)FlagCache.Length ? FlagCache[flags] : new FieldFlagsOperand(flags)
        : op;

    /// <summary>
    /// bs_create_bin's segment list holds six operands a segment: Type, Segment, Unit, Flags, Src, Size
    /// (beam_ssa_codegen.erl cg_bs_create_bin_args). A <c>string</c> segment's Src is a StrT offset and its Size
    /// the length in units of Unit bits.
    /// </summary>
    private static ListOperand CreateBinStrings(ListOperand list, CodeContext ctx, ref BeamReader r, long at)
    {
        var items = list.Items;
        Operand[]? copy = null;
        for (int i = 0; i + 5 < items.Length; i += 6)
        {
            if (items[i] is AtomOperand { Atom.Name: "string" }
                && items[i + 2] is UnsignedOperand { Value: var unit }
                && items[i + 4] is UnsignedOperand
                && items[i + 5] is IntegerOperand { Value: var size }
                && size >= 0 && size * unit <= new BigInteger(int.MaxValue))
            {
                copy ??= [.. items];
                copy[i + 4] = String(items[i + 4], ((long)(size * unit) + 7) / 8, ctx, ref r, at);
            }
        }

        return copy is null ? list : new ListOperand(ImmutableCollectionsMarshal.AsImmutableArray(copy));
    }
}
