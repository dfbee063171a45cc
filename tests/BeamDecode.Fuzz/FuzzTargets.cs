using BeamDecode.Decompiler;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Decompiler.Crypto;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Fuzz;

/// <summary>The targets, one per decoder (issue 10). Each name is also a folder under seeds/ and
/// fixtures/fuzz-regressions/.</summary>
public static partial class FuzzTargets
{
    private static readonly Type Bad = typeof(BadBeamFormatException);

    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        new("container", "FOR1/BEAM container and chunk table (plain or gzipped), then every table of the module, each in isolation", Bad, Container),
        new("etf", "external term format (binary_to_term), compressed terms included", Bad, Etf),
        new("litt", "the LitT chunk: zlib inflation, then each literal's term (first byte odd: the rest is the inflated table, deflated by the harness)", Bad, Litt),
        new("code", "the Code chunk to instructions and .S text, inside a real module", Bad, Code),
        new("dbgi", "Dbgi/Abst chunk to the syntax model and Erlang source (decryption with a known key included)", Bad, Dbgi),
        new("archive", ".ez zip archive or escript: members, then each member beam", Bad, Archive),
        new("dump", "collector dump: the dump term, then each captured module", Bad, Dump),
        .. Later,
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    private static long Container(byte[] input)
    {
        var beam = BeamFile.Read(input);
        long n = Walk.Beam(beam);
        n += Walk.Guard(() => Disassembly(beam));
        return n;
    }

    private static long Etf(byte[] input)
    {
        var term = TermReader.Decode(input, out int used);
        return Walk.Term(term) + used;
    }

    private static long Litt(byte[] input)
    {
        // Mutated zlib data almost never passes the Adler-32 check, so a raw-only target stops at inflation (12 paths
        // in the first 5-minute campaign). An odd first byte makes the rest the inflated table: the harness deflates
        // it, and the fuzzer works on the count and the sized terms. An even first byte: the rest is the chunk as stored.
        if (input.Length == 0)
        {
            return 0;
        }

        var data = (input[0] & 1) == 1 ? Deflated(input.AsSpan(1)) : input[1..];
        var chunk = new Chunk(ChunkId.LitT, 0, data.Length, data);
        long n = Walk.Guard(() => LiteralTable.PeekCount(chunk));
        return n + Walk.Literals(LiteralTable.Decode(chunk));
    }

    /// <summary>A LitT chunk holding <paramref name="table"/>: its size, then zlib data (beam_asm build_file).</summary>
    private static byte[] Deflated(ReadOnlySpan<byte> table)
    {
        var ms = new MemoryStream();
        ms.Write([(byte)(table.Length >> 24), (byte)(table.Length >> 16), (byte)(table.Length >> 8), (byte)table.Length]);
        using (var z = new System.IO.Compression.ZLibStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(table);
        }

        return ms.ToArray();
    }

    private static long Code(byte[] input) => Disassembly(BeamFile.Read(BeamImage.WithChunk(ChunkId.Code, input)));

    private static long Disassembly(BeamFile beam)
    {
        if (!beam.HasChunk(ChunkId.Code))
        {
            return 0;
        }

        var module = Disassembler.Disassemble(beam);
        long n = module.Functions.Length;
        foreach (var f in module.Functions)
        {
            n += f.Instructions.Length;
        }

        string text = AsmWriter.Write(module);
        // The CLI's streaming writer decodes the same chunk again: it must print the same text.
        int streamed = -1;
        AsmWriter.Write(beam, utf8 => streamed = utf8.Length);
        if (streamed != System.Text.Encoding.UTF8.GetByteCount(text))
        {
            throw new InvalidOperationException($"the streaming writer printed {streamed} bytes, the object model {text.Length} characters");
        }

        return n + text.Length;
    }

    private static long Dbgi(byte[] input)
    {
        // The same bytes as either chunk: Dbgi (OTP 20+) and Abst (older) take different paths.
        return DebugInfoChunk(new Chunk(ChunkId.Dbgi, 0, input.Length, input))
            + Walk.Guard(() => DebugInfoChunk(new Chunk(ChunkId.Abst, 0, input.Length, input)));
    }

    private static long DebugInfoChunk(Chunk chunk)
    {
        var info = DebugInfo.Decode(chunk);
        long n = (long)info.Kind + info.DisplayName.Length;
        // `source` reads well-formed abstract code straight from the bytes and falls back to the term tree for the
        // rest: whatever the direct reader accepts, the term-tree path must accept and read the same way.
        var direct = info.Kind is DebugInfoKind.ErlangV1 or DebugInfoKind.AbstractCode
            ? StreamingFormReader.TryRead(chunk.Data.Span, chunk.Id == ChunkId.Dbgi)
            : null;
        Term? payload;
        try
        {
            payload = info.Kind == DebugInfoKind.Encrypted ? DebugInfoCrypto.Decrypt(info, "secret") : info.Payload;
        }
        catch (BadBeamFormatException) when (direct is not null)
        {
            throw new InvalidOperationException("the streaming abstract-code reader accepted a term TermReader refuses");
        }

        if (payload is null || info.Kind is DebugInfoKind.ElixirV1 or DebugInfoKind.Other)
        {
            return n;
        }

        var source = ModuleSource.FromPayload("fuzz", payload);
        if (direct is not null)
        {
            SourceDifferential.Check(direct, source);
        }

        return n + (source.Text?.Length ?? 0) + source.Diagnostics.Count;
    }

    private static long Archive(byte[] input)
    {
        long n = 0;
        foreach (var member in ArchiveReader.ReadBeams(input))
        {
            n += member.Name.Length;
            if (member.Bytes is { } bytes)
            {
                n += Walk.Guard(() => Walk.Beam(BeamFile.Read(bytes)));
            }
        }

        return n;
    }

    private static long Dump(byte[] input)
    {
        var dump = CollectorDumpReader.Read(input);
        long n = dump.Node.Length + (dump.OtpRelease?.Length ?? 0);
        foreach (var m in dump.Modules)
        {
            n += m.Module.Length + (m.Md5Hex?.Length ?? 0) + (m.Path?.Length ?? 0);
            n += CollectorDumpExtractor.IsSafeName(m.Module) ? 1 : 0;
            foreach (var t in new[] { m.LoadedAs, m.CompileInfo, m.Attributes, m.Exports })
            {
                n += t is null ? 0 : Walk.Term(t);
            }

            if (m.ObjectCode is { } code)
            {
                n += Walk.Guard(() => Walk.Beam(BeamFile.Read(code.ToArray())));
            }
        }

        return n;
    }
}
