using BeamDecode.Decompiler;
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
        new("litt", "the LitT chunk: zlib inflation, then each literal's term", Bad, Litt),
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
        var chunk = new Chunk(ChunkId.LitT, 0, input.Length, input);
        long n = Walk.Guard(() => LiteralTable.PeekCount(chunk));
        return n + Walk.Literals(LiteralTable.Decode(chunk));
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

        return n + AsmWriter.Write(module).Length;
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
        var payload = info.Kind == DebugInfoKind.Encrypted ? DebugInfoCrypto.Decrypt(info, "secret") : info.Payload;
        if (payload is null || info.Kind is DebugInfoKind.ElixirV1 or DebugInfoKind.Other)
        {
            return n;
        }

        var source = ModuleSource.FromPayload("fuzz", payload);
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
