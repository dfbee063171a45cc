using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Benchmarks;

/// <summary>One table of a module, decoded on its own (with what it depends on: the symbol tables need the atoms).</summary>
public enum Table
{
    Atoms,
    Imports,
    Exports,
    Locals,
    Lambdas,
    /// <summary>LitT inflated and every literal decoded (<see cref="BeamFile.Literals"/>).</summary>
    Literals,
    /// <summary>LitT's count only, inflating four bytes (what info prints).</summary>
    LiteralCount,
    Lines,
    Types,
    /// <summary>The Attr term decoded.</summary>
    Attributes,
    /// <summary>The Attr term decoded, merged as beam_lib does and written as text (what info prints).</summary>
    AttributesText,
    /// <summary>The CInf term decoded.</summary>
    CompileInfo,
    /// <summary>The CInf term decoded and written as text (what info prints).</summary>
    CompileInfoText,
    DebugInfoKind,
    Md5,
}

/// <summary>The work each benchmark case does per module. Every method returns a number folded from what it
/// decoded, so the JIT cannot drop the work.</summary>
public static class Workloads
{
    public static int Container(BeamFile beam) => beam.Chunks.Length;

    /// <summary>Every table the decoder has: atoms, imports, exports, locals, lambdas, literals, lines, types,
    /// attributes, compile info, debug info kind and md5.</summary>
    public static int AllTables(BeamFile beam)
    {
        int n = beam.Chunks.Length + beam.Atoms.Count;
        n += beam.Imports.Length + beam.Exports.Length + beam.Locals.Length + beam.Lambdas.Length;
        n += beam.Literals?.Count ?? 0;
        n += beam.Lines?.Items.Length ?? 0;
        n += beam.Types?.Entries.Length ?? 0;
        n += (int)beam.Attributes.Kind + (int)beam.CompileInfo.Kind;
        n += (int)beam.DebugInfo.Kind;
        n += ModuleMd5.TryCompute(beam, out _)?[0] ?? 0;
        return n;
    }

    public static int One(BeamFile beam, Table table) => table switch
    {
        Table.Atoms => beam.Atoms.Count,
        Table.Imports => beam.Imports.Length,
        Table.Exports => beam.Exports.Length,
        Table.Locals => beam.Locals.Length,
        Table.Lambdas => beam.Lambdas.Length,
        Table.Literals => beam.Literals?.Count ?? 0,
        Table.LiteralCount => beam.FindChunk(ChunkId.LitT) is { } lit ? LiteralTable.PeekCount(lit) : 0,
        Table.Lines => beam.Lines?.Items.Length ?? 0,
        Table.Types => beam.Types?.Entries.Length ?? 0,
        Table.Attributes => (int)beam.Attributes.Kind,
        Table.AttributesText => TermWriter.Write(AttributeList.Merge(beam.Attributes)).Length,
        Table.CompileInfo => (int)beam.CompileInfo.Kind,
        Table.CompileInfoText => TermWriter.Write(beam.CompileInfo).Length,
        Table.DebugInfoKind => (int)beam.DebugInfo.Kind,
        Table.Md5 => ModuleMd5.TryCompute(beam, out _)?[0] ?? 0,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };
}
