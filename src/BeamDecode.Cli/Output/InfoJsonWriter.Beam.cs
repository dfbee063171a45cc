using System.Text;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Cli.Output;

/// <summary>
/// One module's JSON written straight from its <see cref="BeamFile"/>: the same bytes as
/// <see cref="WriteModule(PooledBufferWriter, ModuleSummary)"/> of <see cref="ModuleSummary.From"/> (tests compare the
/// two on every fixture), but the names in the export, import and local tables go from the atom table's UTF-8 bytes to
/// the output without a string, an atom term, an entry and a summary record each, and the <c>~w</c> texts of CInf and
/// Attr straight from their bytes when they are plain (<see cref="PlainTermText"/>; else decoded and printed as the
/// summary does, without a string). Those objects were about half of what a run over the OTP tree allocated, and
/// their strings were transcoded back to UTF-8 right after (benchmarks/README.md, compare.sh).
/// <para>
/// Everything is decoded in the order <see cref="ModuleSummary.From"/> decodes it, with the same checks (the table
/// readers are the ones the decoders use), so a malformed module raises the same diagnostic; the caller drops the
/// module's partly written buffer then.
/// </para>
/// </summary>
internal static partial class InfoJsonWriter
{
    [ThreadStatic]
    private static StringBuilder? textBuilder;

    [ThreadStatic]
    private static char[]? textChars;

    /// <summary>The thread's buffers for the plain <c>~w</c> texts of CInf and Attr (<see cref="PlainTermText"/>).</summary>
    [ThreadStatic]
    private static byte[]? compileInfoText;

    [ThreadStatic]
    private static byte[]? attributesText;

    /// <summary>One module, as <see cref="WriteModule(PooledBufferWriter, ModuleSummary)"/> writes its summary;
    /// throws <see cref="BadBeamFormatException"/> where <see cref="ModuleSummary.From"/> would.</summary>
    public static void WriteModule(PooledBufferWriter w, string path, BeamFile beam) => WriteModule(w, path, beam, null, out _, out _);

    /// <summary>
    /// <see cref="WriteModule(PooledBufferWriter, string, BeamFile)"/>, or with <paramref name="md5Batch"/> the md5
    /// left to be filled in: the module's hashed bytes are added to the batch (in <paramref name="md5Slot"/>, -1 when
    /// there is no md5 and <c>null</c> is written) and 32 placeholder digits written at <paramref name="md5At"/>
    /// (<see cref="FillMd5"/>), so that a worker hashes several modules at once (<see cref="Md5MultiBuffer"/>).
    /// </summary>
    public static void WriteModule(PooledBufferWriter w, string path, BeamFile beam, ModuleMd5Batch? md5Batch, out int md5Slot, out int md5At)
    {
        // ModuleSummary.From's order: the md5 (which raises nothing) and the compile info first, then the fields in
        // the order of the record.
        md5Slot = -1;
        md5At = -1;
        byte[]? md5 = null;
        if (md5Batch is null)
        {
            md5 = ModuleMd5.TryCompute(beam, out _);
        }
        else
        {
            md5Slot = md5Batch.Add(beam, out _);
        }

        var cinf = beam.FindChunk(ChunkId.CInf);
        var cinfText = compileInfoText ??= new byte[4096];
        bool plainCompileInfo = PlainTermText.TryWrite(cinf, ref cinfText, out int cinfLength);
        compileInfoText = cinfText;
        Term? compileInfo = plainCompileInfo ? null : beam.CompileInfo;

        Raw(w, "\n{"u8);
        String(w, "\"path\":"u8, path);
        // beam.ModuleName's checks (the atom table decodes, and has an atom 1), without making the atom.
        var atoms = beam.Atoms;
        if (atoms.Count > 0 && atoms.IsUtf8)
        {
            Utf8String(w, ",\"module\":"u8, atoms.NameBytes(1));
        }
        else
        {
            String(w, ",\"module\":"u8, beam.ModuleName);
        }

        if (md5 is null && md5Slot < 0)
        {
            Raw(w, ",\"md5\":null"u8);
        }
        else
        {
            Raw(w, ",\"md5\":\""u8);
            md5At = w.WrittenCount;
            var hex = w.GetSpan(Md5MultiBuffer.DigestLength * 2);
            if (md5 is null)
            {
                hex[..(Md5MultiBuffer.DigestLength * 2)].Fill((byte)'0');
            }
            else
            {
                Hex(hex, md5);
            }

            w.Advance(Md5MultiBuffer.DigestLength * 2);
            Raw(w, "\""u8);
        }

        Raw(w, beam.WasGzipped ? ",\"gzipped\":true"u8 : ",\"gzipped\":false"u8);

        Raw(w, ",\"chunks\":["u8);
        var chunks = beam.Chunks;
        for (int i = 0; i < chunks.Length; i++)
        {
            var c = chunks[i];
            ChunkRow(w, i == 0, c.DisplayId, c.Offset, c.Size);
        }

        Raw(w, "]"u8);

        // beam.Exports/Imports/Locals decode the atom table first (done above) and give an empty list for a missing
        // chunk.
        Functions(w, ",\"exports\":["u8, beam.FindChunk(ChunkId.ExpT), atoms);

        Raw(w, ",\"imports\":["u8);
        int imports = 0;
        if (beam.FindChunk(ChunkId.ImpT) is { } impT)
        {
            var rows = new SymbolTables.ImportRows(impT, atoms);
            while (rows.Next(out int module, out int name, out int arity))
            {
                ImportRow(w, imports++ == 0, atoms, module, name, arity);
            }
        }

        Raw(w, "]"u8);
        Functions(w, ",\"locals\":["u8, beam.FindChunk(ChunkId.LocT), atoms);
        Number(w, ",\"atoms\":"u8, atoms.Count);
        Number(w, ",\"lambdas\":"u8, beam.FindChunk(ChunkId.FunT) is { } funs ? SymbolTables.CountLambdas(funs, atoms) : 0);
        if (beam.FindChunk(ChunkId.LitT) is { } lit)
        {
            Number(w, ",\"literals\":"u8, LiteralTable.PeekCount(lit));
        }
        else
        {
            Raw(w, ",\"literals\":null"u8);
        }

        var attrText = attributesText ??= new byte[4096];
        if (PlainTermText.TryWriteAttributes(beam.FindChunk(ChunkId.Attr), ref attrText, out int attrLength))
        {
            Utf8String(w, ",\"attributes\":"u8, attrText.AsSpan(0, attrLength));
        }
        else
        {
            Text(w, ",\"attributes\":"u8, AttributeList.Merge(beam.Attributes));
        }

        attributesText = attrText;
        if (compileInfo is null)
        {
            Utf8String(w, ",\"compileInfo\":"u8, cinfText.AsSpan(0, cinfLength));
        }
        else
        {
            Text(w, ",\"compileInfo\":"u8, compileInfo);
        }

        String(w, ",\"debugInfo\":"u8, beam.DebugInfo.DisplayName);
        NullableString(w, ",\"compilerVersion\":"u8, CompileInfoString(beam, cinf, compileInfo, "version"));
        NullableString(w, ",\"source\":"u8, CompileInfoString(beam, cinf, compileInfo, "source"));
        Raw(w, "}"u8);
    }

    /// <summary>Writes a module's md5 over the placeholder digits <see cref="WriteModule(PooledBufferWriter, string, BeamFile, ModuleMd5Batch?, out int, out int)"/>
    /// left at <paramref name="md5At"/>.</summary>
    public static void FillMd5(PooledBufferWriter w, int md5At, ReadOnlySpan<byte> md5) => Hex(w.WrittenSpanToFill(md5At, md5.Length * 2), md5);

    /// <summary>Lower-case hex digits, as <see cref="ModuleSummary.Md5"/> has them.</summary>
    private static void Hex(Span<byte> into, ReadOnlySpan<byte> md5)
    {
        for (int i = 0; i < md5.Length; i++)
        {
            into[2 * i] = (byte)"0123456789abcdef"[md5[i] >> 4];
            into[(2 * i) + 1] = (byte)"0123456789abcdef"[md5[i] & 15];
        }
    }

    /// <summary>ExpT or LocT (absent: an empty list), as <see cref="Functions(PooledBufferWriter, ReadOnlySpan{byte}, System.Collections.Immutable.ImmutableArray{FunctionSummary})"/>
    /// writes the decoded list.</summary>
    private static void Functions(PooledBufferWriter w, ReadOnlySpan<byte> property, Chunk? table, AtomTable atoms)
    {
        Raw(w, property);
        int count = 0;
        if (table is not null)
        {
            var rows = new SymbolTables.FunctionRows(table, atoms);
            while (rows.Next(out int name, out int arity, out int label))
            {
                FunctionRow(w, count++ == 0, atoms, name, arity, label);
            }
        }

        Raw(w, "]"u8);
    }

    /// <summary>An atom's name as a JSON string: AtU8 names are valid UTF-8 (checked when the table was decoded), so
    /// they are written as they are; Latin-1 names (the Atom chunk of OTP 19 and older) go through their text.</summary>
    private static void Atom(PooledBufferWriter w, ReadOnlySpan<byte> prefix, AtomTable atoms, int index)
    {
        if (atoms.IsUtf8)
        {
            Utf8String(w, prefix, atoms.NameBytes(index));
        }
        else
        {
            String(w, prefix, atoms[index].Name);
        }
    }

    /// <summary>ModuleSummary.CompileInfoText of the CInf term, from its bytes when it was plain.</summary>
    private static string? CompileInfoString(BeamFile beam, Chunk? cinf, Term? compileInfo, string key) =>
        compileInfo is null && PlainTermText.TryGetString(cinf, key, out string? text)
            ? text
            : ModuleSummary.CompileInfoText(compileInfo ?? beam.CompileInfo, key);

    /// <summary>A term's <c>~w</c> text as a JSON string, from the thread's reused builder without a string.</summary>
    private static void Text(PooledBufferWriter w, ReadOnlySpan<byte> prefix, Term term)
    {
        var sb = textBuilder ??= new StringBuilder(4096);
        sb.Clear();
        TermWriter.Write(sb, term);
        int length = sb.Length;
        var chars = textChars is { } c && c.Length >= length ? c : (textChars = new char[Math.Max(length, 4096)]);
        sb.CopyTo(0, chars, 0, length);
        String(w, prefix, chars.AsSpan(0, length));
        if (sb.Capacity > 1 << 20)
        {
            textBuilder = null;
            textChars = null;
        }
    }
}
