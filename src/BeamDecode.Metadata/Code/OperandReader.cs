using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// Reads one operand in the compact term encoding, including every extended (z) form, as beam_asm.erl writes them
/// (encode_arg/2, encode_list/3, encode_alloc_list/2) and erts reads them (beam_file.c beamreader_read_tagged and
/// beamfile_read_code's handling of TAG_z): z0 inline float (8 bytes, pre-literal-table beams), z1 list (a u count,
/// then that many operands), z2 float register (u), z3 allocation list (u count, then u kind / u amount pairs),
/// z4 literal (u index into LitT), z5 typed register (an x/y operand, then a u index into the Type chunk).
/// Every count is checked against the bytes left before anything is allocated.
/// </summary>
internal static class OperandReader
{
    /// <summary>Lists nest only one level in real code (bs_match commands); this bounds hostile input.</summary>
    private const int MaxDepth = 8;

    /// <summary>
    /// One operand. Most are one or two bytes (a value below 2048) of tag u, i, a, x, y or f: those are read here,
    /// with no CompactNumber and a small frame; the rest, and truncated input, take <see cref="ReadGeneral"/>. (One
    /// method for both made every operand pay for zeroing the general path's frame: 15% of `disasm --check` was here.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Operand Read(ref BeamReader r, CodeContext ctx, int depth = 0)
    {
        var span = r.RemainingBytes;
        if (span.Length >= 2)
        {
            // One byte holds a value below 16, two bytes one below 2048: inside the caches of numbers and labels
            // either way (X and Y check their smaller cache).
            byte first = span[0];
            int size, value;
            if ((first & 0x08) == 0)
            {
                size = 1;
                value = first >> 4;
            }
            else if ((first & 0x10) == 0)
            {
                size = 2;
                value = ((first >> 5) << 8) | span[1];
            }
            else
            {
                return ReadGeneral(ref r, ctx, depth);
            }

            switch ((CompactTag)(first & 0x07))
            {
                case CompactTag.Literal:
                    r.Skip(size);
                    return CodeContext.UCache[value];
                case CompactTag.Integer:
                    r.Skip(size);
                    return CodeContext.ICache[value + CodeContext.CachedNegative];
                case CompactTag.X:
                    r.Skip(size);
                    return CodeContext.X(value);
                case CompactTag.Y:
                    r.Skip(size);
                    return CodeContext.Y(value);
                case CompactTag.Label:
                    r.Skip(size);
                    return CodeContext.LabelCache[value];
                case CompactTag.Atom:
                    r.Skip(size);
                    return value == 0 ? NilOperand.Instance : ctx.Atom(value, ref r, r.Offset - size);
            }
        }

        return ReadGeneral(ref r, ctx, depth);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static Operand ReadGeneral(ref BeamReader r, CodeContext ctx, int depth)
    {
        long at = r.Offset;
        var n = ReadTagged(ref r);
        switch (n.Tag)
        {
            case CompactTag.Literal:
                if (n.IsBig)
                {
                    r.ThrowBadAt(DiagnosticId.BadOperand, at, $"unsigned operand {n.Big} does not fit 64 bits");
                }

                return CodeContext.U(n.Value);
            case CompactTag.Integer:
                return n.IsBig ? new IntegerOperand(n.Big!.Value) : CodeContext.I(n.Value);
            case CompactTag.Atom:
                return !n.IsBig && n.Value == 0 ? NilOperand.Instance : ctx.Atom(n.IsBig ? -1 : n.Value, ref r, at);
            case CompactTag.X:
                return CodeContext.X(Small(ref r, n, at, "x register"));
            case CompactTag.Y:
                return CodeContext.Y(Small(ref r, n, at, "y register"));
            case CompactTag.Label:
                return CodeContext.Label(Small(ref r, n, at, "label"));
            case CompactTag.Character:
                return new CharOperand(Small(ref r, n, at, "character"));
            default:
                return ReadExtended(ref r, ctx, n, at, depth);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Operand ReadExtended(ref BeamReader r, CodeContext ctx, CompactNumber n, long at, int depth)
    {
        if (depth >= MaxDepth)
        {
            r.ThrowBadAt(DiagnosticId.BadOperand, at, $"extended operands nested deeper than {MaxDepth}");
        }

        switch (n.IsBig ? -1 : n.Value)
        {
            case 0:
                return new FloatOperand(r.ReadDouble());
            case 1:
            {
                int count = Count(ref r, 1, "list element", "list element count");
                var items = new Operand[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = Read(ref r, ctx, depth + 1);
                }

                return new ListOperand(ImmutableCollectionsMarshal.AsImmutableArray(items));
            }

            case 2:
                return new FloatRegister(U(ref r, "float register"));
            case 3:
            {
                int count = Count(ref r, 2, "allocation list entry", "allocation list entry count");
                var items = new AllocItem[count];
                for (int i = 0; i < count; i++)
                {
                    long kindAt = r.Offset;
                    int kind = U(ref r, "allocation kind");
                    if (kind > (int)AllocKind.Funs)
                    {
                        r.ThrowBadAt(DiagnosticId.BadOperand, kindAt, $"allocation list kind {kind} is not words (0), floats (1) or funs (2)");
                    }

                    items[i] = new AllocItem((AllocKind)kind, U(ref r, "allocation amount"));
                }

                return new AllocListOperand(ImmutableCollectionsMarshal.AsImmutableArray(items));
            }

            case 4:
            {
                long indexAt = r.Offset;
                int index = U(ref r, "literal index");
                return ctx.LiteralOperand(index, ref r, indexAt);
            }

            case 5:
            {
                long regAt = r.Offset;
                var reg = Read(ref r, ctx, depth + 1);
                if (reg is not (XRegister or YRegister))
                {
                    r.ThrowBadAt(DiagnosticId.BadOperand, regAt, $"typed register holds {reg.GetType().Name}, not an x or y register");
                }

                long typeAt = r.Offset;
                int typeIndex = U(ref r, "type index");
                var types = ctx.Types;
                if (types is not null && typeIndex >= types.Entries.Length)
                {
                    r.ThrowBadAt(DiagnosticId.BadIndex, typeAt, $"type index {typeIndex} is outside the type table (0..{types.Entries.Length - 1})");
                }

                return ctx.TypedRegister(reg, typeIndex, types);
            }

            default:
                r.ThrowBadAt(DiagnosticId.BadOperand, at, $"extended operand tag {(n.IsBig ? n.Big.ToString() : n.Value)} is none of 0..5 (float, list, fr, alloc, literal, typed register)");
                return null!;
        }
    }

    /// <summary>
    /// <see cref="CompactTermReader.ReadTagged"/> with the common forms inlined: one and two-byte values, and
    /// values of 2..8 bytes read into a long without a BigInteger (these are most labels, atoms and integers of
    /// large modules). Longer values, and their length prefix, go to the general reader.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CompactNumber ReadTagged(ref BeamReader r)
    {
        if (r.Remaining >= 2)
        {
            var span = r.RemainingBytes;
            byte first = span[0];
            var tag = (CompactTag)(first & 0x07);
            if ((first & 0x08) == 0)
            {
                r.Skip(1);
                return new CompactNumber(tag, first >> 4, null);
            }

            if ((first & 0x10) == 0)
            {
                r.Skip(2);
                return new CompactNumber(tag, ((first >> 5) << 8) | span[1], null);
            }

            int count = (first >> 5) + 2;
            if (count <= 8 && span.Length > count)
            {
                long value = tag == CompactTag.Integer && (span[1] & 0x80) != 0 ? -1 : 0;
                for (int i = 1; i <= count; i++)
                {
                    value = (value << 8) | span[i];
                }

                // An unsigned 8-byte value with the top bit set does not fit a long: the general reader makes it big.
                if (tag == CompactTag.Integer || count < 8 || (span[1] & 0x80) == 0)
                {
                    r.Skip(count + 1);
                    return new CompactNumber(tag, value, null);
                }
            }
        }

        return CompactTermReader.ReadTagged(ref r);
    }

    /// <summary>A u value that must fit an int (counts, indexes, register numbers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int U(ref BeamReader r, string what)
    {
        long at = r.Offset;
        var n = ReadTagged(ref r);
        if (n.Tag != CompactTag.Literal)
        {
            r.ThrowBadAt(DiagnosticId.BadOperand, at, $"{what}: expected an unsigned (u) operand, found tag {n.Tag}");
        }

        return Small(ref r, n, at, what);
    }

    // The count's own name is passed in, not made from `what`: this runs for every list operand, and a string built
    // for a message that is almost never needed was 5% of `disasm --check`.
    private static int Count(ref BeamReader r, int minBytesEach, string what, string countName)
    {
        long at = r.Offset;
        int count = U(ref r, countName);
        r.CheckCount((ulong)count, minBytesEach, what, at);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Small(ref BeamReader r, CompactNumber n, long at, string what)
    {
        if (n.IsBig || n.Value < 0 || n.Value > int.MaxValue)
        {
            r.ThrowBadAt(DiagnosticId.BadOperand, at, $"{what} {(n.IsBig ? n.Big.ToString() : n.Value)} is out of range");
        }

        return (int)n.Value;
    }
}
