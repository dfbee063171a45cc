using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The Code chunk header (beam_asm.erl build_file: HeaderSize, then FormatNumber, HighestOpcode, NumLabels,
/// NumFunctions), and where the bytecode starts. <see cref="InstructionSet"/> is 0 in every release so far.
/// </summary>
public sealed record CodeHeader(int HeaderSize, int InstructionSet, int MaxOpcode, int LabelCount, int FunctionCount, int CodeOffset, int CodeLength)
{
    public static CodeHeader Decode(Chunk chunk)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        long at = r.Offset;
        int headerSize = r.ReadInt32();
        if (headerSize < 16 || headerSize > r.Remaining)
        {
            r.ThrowBadAt(DiagnosticId.BadChunk, at, $"code header size {headerSize} is not within 16..{r.Remaining}");
        }

        int start = r.Position;
        int set = r.ReadInt32();
        int maxOpcode = r.ReadInt32();
        int labels = r.ReadInt32();
        int functions = r.ReadInt32();
        if (maxOpcode < 0 || labels < 0 || functions < 0)
        {
            r.ThrowBadAt(DiagnosticId.BadChunk, at, "negative opcode, label or function count in the code header");
        }

        int codeStart = start + headerSize;
        return new CodeHeader(headerSize, set, maxOpcode, labels, functions, chunk.Offset + codeStart, chunk.Data.Length - codeStart);
    }
}
