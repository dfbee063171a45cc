using System.Collections.Immutable;
using System.Text;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The Line chunk (beam_asm.erl build_line_table; erts beam_file.c parse_line_chunk): version 0, flags,
/// number of line instructions, number of items, number of file names; then the items as compact terms
/// (tag a switches the current file, tag i is a line in it); then the file names, 2-byte length + UTF-8.
/// Item 0 is the implicit "undefined location"; file index 0 is the implicit "Module.erl".
/// A version other than 0 is kept raw, as the loader ignores it.
/// </summary>
public sealed class LineTable
{
    private LineTable(int version, int flags, int instructionCount, ImmutableArray<LineItem> items, ImmutableArray<string> fileNames)
    {
        Version = version;
        Flags = flags;
        InstructionCount = instructionCount;
        Items = items;
        FileNames = fileNames;
    }

    public int Version { get; }

    public int Flags { get; }

    public int InstructionCount { get; }

    /// <summary>Items by index; index 0 is the undefined location (file 0, line 0).</summary>
    public ImmutableArray<LineItem> Items { get; }

    /// <summary>File names from the chunk; file index N (N &gt;= 1) is <c>FileNames[N - 1]</c>.</summary>
    public ImmutableArray<string> FileNames { get; }

    /// <summary>The file of a location; index 0 is the module's own <c>Module.erl</c>.</summary>
    public string FileName(int fileIndex, string module) =>
        fileIndex == 0 || fileIndex > FileNames.Length ? module + ".erl" : FileNames[fileIndex - 1];

    public static LineTable Decode(Chunk chunk)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        int version = r.ReadInt32();
        if (version != 0)
        {
            return new LineTable(version, 0, 0, ImmutableArray<LineItem>.Empty, ImmutableArray<string>.Empty);
        }

        int flags = r.ReadInt32();
        int instructions = r.ReadInt32();
        long at = r.Offset;
        int itemCount = r.ReadInt32();
        int nameCount = r.ReadInt32();
        r.CheckCount((ulong)(uint)itemCount, 1, "line item", at);
        r.CheckCount((ulong)(uint)nameCount, 2, "file name", at + 4);
        var items = ImmutableArray.CreateBuilder<LineItem>(itemCount + 1);
        items.Add(new LineItem(0, 0));
        int file = 0;
        while (items.Count <= itemCount)
        {
            long itemAt = r.Offset;
            var n = CompactTermReader.ReadTagged(ref r);
            switch (n.Tag)
            {
                case CompactTag.Atom when !n.IsBig && n.Value >= 0 && n.Value <= nameCount:
                    file = (int)n.Value;
                    break;
                case CompactTag.Integer when !n.IsBig && n.Value >= 0 && n.Value <= int.MaxValue:
                    items.Add(new LineItem(file, (int)n.Value));
                    break;
                default:
                    r.ThrowBadAt(DiagnosticId.BadChunk, itemAt, $"line item tagged {n.Tag} with value {n.Value} is not a file index (0..{nameCount}) or a line");
                    break;
            }
        }

        var names = ImmutableArray.CreateBuilder<string>(nameCount);
        for (int i = 0; i < nameCount; i++)
        {
            long nameAt = r.Offset;
            int length = r.ReadUInt16();
            var bytes = r.ReadBytes(length);
            try
            {
                names.Add(new UTF8Encoding(false, true).GetString(bytes));
            }
            catch (DecoderFallbackException)
            {
                throw new BadBeamFormatException(DiagnosticId.BadUtf8, nameAt, $"file name {i + 1} is not valid UTF-8", chunk.Id);
            }
        }

        return new LineTable(version, flags, instructions, items.MoveToImmutable(), names.MoveToImmutable());
    }
}
