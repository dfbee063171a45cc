using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// Decodes a module's Code chunk into instructions and functions. The chunk (beam_asm.erl build_file/…) is a header
/// (<see cref="CodeHeader"/>) and then instructions up to <c>int_code_end</c>: one opcode byte (genop.tab number),
/// then as many compact-term operands as the opcode's arity (<see cref="OperandReader"/>). Functions are cut where
/// beam_asm puts them: each starts with the labels (and line) before its <c>func_info</c>.
/// Malformed bytes throw <see cref="BadBeamFormatException"/> only; an opcode missing from <see cref="OpcodeTable"/>
/// is BD0011 with its number and the highest known one.
/// </summary>
public static partial class Disassembler
{
    public static AsmModule Disassemble(BeamFile beam)
    {
        var buffer = new CodeBuffer();
        var header = Decode(beam, buffer);
        var functions = ImmutableArray.CreateBuilder<AsmFunction>(buffer.FunctionCount);
        for (int k = 0; k < buffer.FunctionCount; k++)
        {
            ref readonly var f = ref buffer.Function(k);
            var code = new Instruction[f.End - f.Start];
            for (int i = 0; i < code.Length; i++)
            {
                code[i] = Materialize(buffer[f.Start + i]);
            }

            functions.Add(new AsmFunction(f.Name, f.Arity, f.EntryLabel, ImmutableCollectionsMarshal.AsImmutableArray(code)));
        }

        return new AsmModule(beam, header, functions.MoveToImmutable());
    }

    /// <summary>Every instruction of the Code chunk in order, int_code_end excluded.</summary>
    public static ImmutableArray<Instruction> DecodeInstructions(BeamFile beam)
    {
        ArgumentNullException.ThrowIfNull(beam);
        var chunk = FindCode(beam);
        var buffer = new CodeBuffer();
        DecodeInstructions(beam, chunk, beam.Code!, buffer);
        var code = new Instruction[buffer.Count];
        for (int i = 0; i < code.Length; i++)
        {
            code[i] = Materialize(buffer[i]);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(code);
    }

    /// <summary>
    /// Decodes the module's Code chunk into <paramref name="buffer"/> (cleared first): every instruction, then the
    /// functions. The one decoder: <see cref="Disassemble"/> builds its object model from the buffer, the assembly
    /// writer prints from it directly.
    /// </summary>
    internal static CodeHeader Decode(BeamFile beam, CodeBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(beam);
        var chunk = FindCode(beam);
        var header = beam.Code!;
        buffer.Clear();
        DecodeInstructions(beam, chunk, header, buffer);
        SplitFunctions(buffer, chunk);
        return header;
    }

    private static Chunk FindCode(BeamFile beam) => beam.FindChunk(ChunkId.Code)
        ?? throw new BadBeamFormatException(DiagnosticId.MissingChunk, 0, "no 'Code' chunk: there is nothing to disassemble");

    private static Instruction Materialize(InsView ins) =>
        new(ins.Opcode, ins.Operands.IsEmpty ? [] : [.. ins.Operands], ins.Offset);

    // The hot loops of decoding and printing are marked AggressiveOptimization: a run over a whole tree lasts about
    // a second, most of which the framework-dependent tool would otherwise spend in unoptimized tier-0 code.
    // (No effect on the Native AOT build.)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeInstructions(BeamFile beam, Chunk chunk, CodeHeader header, CodeBuffer buffer)
    {
        var ctx = new CodeContext(beam, chunk);
        int start = header.CodeOffset - chunk.Offset;
        var r = new BeamReader(chunk.Data.Span[start..], header.CodeOffset, chunk.Id);
        while (true)
        {
            long at = r.Offset;
            if (r.AtEnd)
            {
                r.ThrowBadAt(DiagnosticId.BadChunk, at, "the code ends without int_code_end");
            }

            int number = r.ReadByte();
            var opcode = OpcodeTable.Find(number);
            if (opcode is null)
            {
                r.ThrowBadAt(DiagnosticId.UnknownOpcode, at,
                    $"unknown opcode {number}: the generic opcode table knows 1..{OpcodeTable.HighestKnown} (genop.tab through OTP 29)");
            }

            if (number == OpcodeNumbers.IntCodeEnd)
            {
                break;
            }

            int arity = opcode.Arity;
            var ops = buffer.Reserve(arity);
            for (int i = 0; i < ops.Length; i++)
            {
                ops[i] = OperandReader.Read(ref r, ctx);
            }

            OperandResolver.Resolve(number, ops, ctx, ref r, at);
            if (number == OpcodeNumbers.Label && ops[0] is not UnsignedOperand { Value: <= int.MaxValue })
            {
                r.ThrowBadAt(DiagnosticId.BadOperand, at, "a label instruction's operand is not a label number (u)");
            }

            buffer.Add(opcode, arity, at);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitFunctions(CodeBuffer code, Chunk chunk)
    {
        int previousEnd = 0;
        int pendingStart = -1;
        int pendingInfo = -1;
        int count = code.Count;
        for (int i = 0; i <= count; i++)
        {
            if (i < count && code.Number(i) != OpcodeNumbers.FuncInfo)
            {
                continue;
            }

            // The function starts at the labels and line instructions just before its func_info.
            int start = i;
            while (i < count && start > previousEnd && code.Number(start - 1) is OpcodeNumbers.Label or OpcodeNumbers.Line)
            {
                start--;
            }

            if (pendingInfo < 0)
            {
                if (start > 0 || (i == count && count > 0))
                {
                    int stray = i == count ? count : start;
                    throw new BadBeamFormatException(
                        DiagnosticId.BadChunk, code[0].Offset, $"{stray} instruction(s) before the first func_info belong to no function", chunk.Id);
                }
            }
            else
            {
                code.AddFunction(MakeFunction(code, pendingStart, pendingInfo, start, chunk));
            }

            pendingStart = start;
            pendingInfo = i;
            previousEnd = i + 1;
        }
    }

    private static FunctionRange MakeFunction(CodeBuffer code, int start, int info, int end, Chunk chunk)
    {
        var fi = code[info];
        var ops = fi.Operands;
        if (ops[1] is not AtomOperand { Atom: var name, Index: var nameIndex } || ops[2] is not UnsignedOperand { Value: var arity and <= 255 })
        {
            throw new BadBeamFormatException(DiagnosticId.BadOperand, fi.Offset, "func_info does not name a function ({atom,M},{atom,F},Arity)", chunk.Id);
        }

        int entry = 0;
        for (int i = info + 1; i < end; i++)
        {
            if (code[i].DefinedLabel is { } l)
            {
                entry = l;
                break;
            }
        }

        if (entry == 0)
        {
            throw new BadBeamFormatException(DiagnosticId.BadChunk, fi.Offset, $"function {TermWriter.Write(name)}/{arity} has no entry label after its func_info", chunk.Id);
        }

        return new FunctionRange(name, nameIndex, (int)arity, entry, start, info, end);
    }
}
