using System.Collections.Immutable;
using System.Text;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata;

/// <summary>
/// What <c>beamdecode info</c> reports for one module: the answers beam_lib gives (chunk list, md5, exports,
/// imports, locals, attributes, compile info) plus the debug-info kind and the compiler version.
/// Plain data, so hosts can print or serialize it without touching the decoder.
/// </summary>
public sealed record ModuleSummary(
    string Path,
    string Module,
    string? Md5,
    bool Gzipped,
    ImmutableArray<ChunkSummary> Chunks,
    ImmutableArray<FunctionSummary> Exports,
    ImmutableArray<ImportSummary> Imports,
    ImmutableArray<FunctionSummary> Locals,
    int Atoms,
    int Lambdas,
    int? Literals,
    string Attributes,
    string CompileInfo,
    string DebugInfo,
    string? CompilerVersion,
    string? Source)
{
    /// <summary>Decodes everything info reports; throws <see cref="BadBeamFormatException"/> on malformed input.</summary>
    public static ModuleSummary From(string path, BeamFile beam)
    {
        var chunks = ImmutableArray.CreateBuilder<ChunkSummary>(beam.Chunks.Length);
        foreach (var c in beam.Chunks)
        {
            chunks.Add(new ChunkSummary(c.DisplayId, c.Offset, c.Size));
        }

        byte[]? md5 = ModuleMd5.TryCompute(beam, out _);
        var compileInfo = beam.CompileInfo;
        return new ModuleSummary(
            path,
            beam.ModuleName,
            md5 is null ? null : Convert.ToHexStringLower(md5),
            beam.WasGzipped,
            chunks.MoveToImmutable(),
            FunctionList(beam.Exports),
            ImportList(beam.Imports),
            FunctionList(beam.Locals),
            beam.Atoms.Count,
            beam.FindChunk(ChunkId.FunT) is { } funs ? SymbolTables.CountLambdas(funs, beam.Atoms) : 0,
            beam.FindChunk(ChunkId.LitT) is { } lit ? LiteralTable.PeekCount(lit) : null,
            Text(AttributeList.Merge(beam.Attributes)),
            Text(compileInfo),
            beam.DebugInfo.DisplayName,
            CompileInfoText(compileInfo, "version"),
            CompileInfoText(compileInfo, "source"));
    }

    [ThreadStatic]
    private static StringBuilder? textBuilder;

    /// <summary>The term's <c>~w</c> text, written into the thread's reused builder (a fresh one grew by many small
    /// blocks for each attribute list and compile info).</summary>
    private static string Text(Term term)
    {
        var sb = textBuilder ??= new StringBuilder(4096);
        sb.Clear();
        TermWriter.Write(sb, term);
        string text = sb.ToString();
        if (sb.Capacity > 1 << 20)
        {
            textBuilder = null;
        }

        return text;
    }

    private static ImmutableArray<FunctionSummary> FunctionList(ImmutableArray<FunctionEntry> entries)
    {
        var result = ImmutableArray.CreateBuilder<FunctionSummary>(entries.Length);
        foreach (var e in entries)
        {
            result.Add(new FunctionSummary(e.Name.Name, e.Arity, e.Label));
        }

        return result.MoveToImmutable();
    }

    private static ImmutableArray<ImportSummary> ImportList(ImmutableArray<ImportEntry> entries)
    {
        var result = ImmutableArray.CreateBuilder<ImportSummary>(entries.Length);
        foreach (var e in entries)
        {
            result.Add(new ImportSummary(e.Module.Name, e.Function.Name, e.Arity));
        }

        return result.MoveToImmutable();
    }

    /// <summary>A string-valued CInf entry (version, source) as text; null when absent or not a string.</summary>
    public static string? CompileInfoText(Term compileInfo, string key)
    {
        if (compileInfo is not ListTerm list)
        {
            return null;
        }

        foreach (var item in list.Elements)
        {
            if (item is TupleTerm { Arity: 2 } t && t[0] is AtomTerm a && a.Name == key)
            {
                return TermText.TryGetString(t[1]);
            }
        }

        return null;
    }
}
