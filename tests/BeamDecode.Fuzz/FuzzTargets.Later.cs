using System.Collections.Immutable;
using System.Text;
using BeamDecode.Forensics.Baselines;
using BeamDecode.Forensics.Carving;
using BeamDecode.Forensics.CrashDumps;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Printing;
using BeamDecode.Syntax.Text;
using K4os.Compression.LZ4;

namespace BeamDecode.Fuzz;

/// <summary>Targets for the decoders that landed during the fuzzing work: the Erlang front end (lexer, epp, parser:
/// bad input is diagnostics, so nothing may escape) and the forensic inputs (tar, erl_crash.dump, carve, baseline).</summary>
public static partial class FuzzTargets
{
    /// <summary>epp without the file system: no include directories and no installed OTP (an -include is then a
    /// diagnostic), so a run depends on the input alone. Lazy: instrumented library code must not run before
    /// Fuzzer.Run has mapped AFL's coverage memory (a static initializer calling it aborted the harness at start).</summary>
    private static readonly Lazy<PreprocessorOptions> EppOptions = new(() => PreprocessorOptions.Default with { SearchInstalledOtp = false });

    private static PreprocessorOptions Epp => EppOptions.Value;

    /// <summary>The seed folder the lexer, epp and parser targets share.</summary>
    private const string ErlangSources = "erlang";

    private static IEnumerable<FuzzTarget> Later =>
    [
        new("lexer", "Erlang source to tokens (erl_scan), OTP 25 and newest-release options", null, Lex, ErlangSources),
        new("epp", "Erlang source through the preprocessor (epp: directives, macros, conditions)", null, Preprocess, ErlangSources),
        new("parser", "Erlang source to forms (epp then erl_parse), printed back as Erlang", null, Parse, ErlangSources),
        new("tar", "tar / tar.gz release archives: members, .ez members inside, each member beam", Bad, Tar),
        new("crashdump", "erl_crash.dump module table (base64/hex ETF attributes and compile info)", Bad, CrashDumpInput),
        new("carve", "BEAM images carved out of an arbitrary blob", Bad, Carve),
        new("baseline", ".bdb baseline files (LZ4 blocks of module and function records)", Bad, BaselineInput),
    ];

    /// <summary>Source text as a file read would give it (UTF-8, invalid bytes replaced).</summary>
    private static SourceText Source(byte[] input) => new(Encoding.UTF8.GetString(input), "fuzz.erl");

    private static long Lex(byte[] input)
    {
        var text = Source(input);
        long n = 0;
        foreach (var options in new[] { new LexerOptions(25), LexerOptions.Default })
        {
            var diagnostics = new List<Diagnostic>();
            var tokens = Lexer.Scan(text, options, diagnostics);
            foreach (var t in tokens)
            {
                n += (int)t.Kind + t.ToString()!.Length;
            }

            n += Diagnostics(diagnostics);
        }

        return n;
    }

    private static long Preprocess(byte[] input)
    {
        var file = Preprocessor.Preprocess(Source(input), Epp);
        long n = Diagnostics(file.Diagnostics);
        foreach (var item in file.Items)
        {
            n += item switch
            {
                PreprocessedForm f => f.Tokens.Length,
                _ => item.ToString()!.Length,
            };
        }

        return n;
    }

    private static long Parse(byte[] input)
    {
        var file = Preprocessor.Preprocess(Source(input), Epp);
        var diagnostics = new List<Diagnostic>();
        var forms = new List<Form>();
        foreach (var item in file.Items)
        {
            if (item is PreprocessedForm f)
            {
                forms.Add(Parser.ParseForm(f.Tokens, diagnostics));
            }
        }

        var module = new ModuleSyntax(new SyntaxList<Form>([.. forms]));
        return ErlangPrinter.Print(module).Length + Diagnostics(diagnostics);
    }

    private static long Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        long n = 0;
        foreach (var d in diagnostics)
        {
            n += d.ToString()!.Length;
        }

        return n;
    }

    private static long Tar(byte[] input)
    {
        long n = 0;
        // Through a file, as the tool opens one: ReadBeamsFromFile detects gzip and inflates as a stream.
        File.WriteAllBytes(ScratchFile.Value, input);
        foreach (var member in TarArchiveReader.ReadBeamsFromFile(ScratchFile.Value))
        {
            n += member.Name.Length;
            if (member.Bytes is { } bytes)
            {
                n += Walk.Guard(() => Walk.Beam(BeamFile.Read(bytes)));
            }
        }

        return n;
    }

    private static long CrashDumpInput(byte[] input)
    {
        var dump = CrashDumpReader.Read(new MemoryStream(input, writable: false));
        long n = dump.DumpVersion.Length + dump.Modules.Length;
        foreach (var m in dump.Modules)
        {
            n += m.Module.Length + (m.Problem?.Length ?? 0) + (m.VsnMd5Hex?.Length ?? 0);
            foreach (var t in new[] { m.CurrentAttributes, m.CurrentCompileInfo, m.OldAttributes, m.OldCompileInfo })
            {
                n += t is null ? 0 : Walk.Term(t);
            }

            n += CrashDumpSummary.From("fuzz.dump", m).ToString()!.Length;
        }

        return n;
    }

    /// <summary>The carver and the tar reader read files (images of gigabytes, in chunks or as a stream): the input
    /// goes through one, in memory-backed /dev/shm where there is one.</summary>
    private static readonly Lazy<string> ScratchFile = new(() =>
        Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"beamdecode-fuzz-{Environment.ProcessId}.bin"));

    private static long Carve(byte[] input)
    {
        File.WriteAllBytes(ScratchFile.Value, input);
        long n = 0;
        var scan = BeamCarver.Scan(ScratchFile.Value, (image, bytes) => n += Walk.Guard(() => Walk.Beam(BeamFile.Read(bytes))));
        foreach (var image in scan.Images)
        {
            n += image.Offset + image.Length + (image.Module?.Length ?? 0) + (image.Rejection?.Length ?? 0);
        }

        return n + scan.Markers;
    }

    private static long BaselineInput(byte[] input)
    {
        // Mutated LZ4 data rarely inflates to exactly its declared size, so a file-only target stops at the block
        // check (220 edges in the first campaign). An odd first byte makes the rest one block's inflated payload (a
        // module count and module records): the harness frames and compresses it, and the fuzzer works on the
        // records. Any other first byte: the input is the file as stored (every seed file starts with "B").
        var file = input.Length > 0 && (input[0] & 1) == 1 ? FramedBaseline(input.AsSpan(1)) : input;
        var baseline = BaselineReader.Read(file);
        long n = baseline.Tool.Length + baseline.Modules.Length;
        foreach (var m in baseline.Modules)
        {
            n += m.Module.Length + m.Path.Length + m.AbstractCode.Length + (m.Md5Hex?.Length ?? 0);
            foreach (var f in m.Functions)
            {
                n += f.Name.Length + f.Arity + f.Fingerprint.Length + (f.Code?.Length ?? 0);
            }
        }

        // Written back, it reads again to the same modules (the format is its own round trip).
        var copy = new MemoryStream();
        BaselineWriter.Write(copy, baseline);
        var again = BaselineReader.Read(copy.ToArray());
        return again.Modules.Length == baseline.Modules.Length ? n : throw new InvalidOperationException("a baseline does not read back after writing");
    }

    /// <summary>The inflated payload of a baseline file's first block (the inverse of <see cref="FramedBaseline"/>).</summary>
    public static byte[] BaselinePayload(byte[] file)
    {
        using var r = new BinaryReader(new MemoryStream(file), Encoding.UTF8);
        r.ReadBytes(4 + 2 + 2 + 8);
        r.ReadString();
        var payload = new byte[r.ReadUInt32()];
        var compressed = r.ReadBytes((int)r.ReadUInt32());
        return LZ4Codec.Decode(compressed, payload) == payload.Length ? payload : throw new InvalidDataException("not a baseline block");
    }

    /// <summary>A baseline file holding <paramref name="payload"/> as its one block, in the layout BaselineFormat
    /// describes (header, u32 sizes, LZ4 block, end marker).</summary>
    private static byte[] FramedBaseline(ReadOnlySpan<byte> payload)
    {
        var compressed = new byte[LZ4Codec.MaximumOutputSize(payload.Length)];
        int length = LZ4Codec.Encode(payload, compressed);
        var file = new MemoryStream();
        using (var w = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("BDBL"u8);
            w.Write((ushort)Baseline.Version);
            w.Write((ushort)0);
            w.Write(0L);
            w.Write("fuzz");
            w.Write((uint)payload.Length);
            w.Write((uint)length);
            w.Write(compressed, 0, length);
            w.Write(0UL);
        }

        return file.ToArray();
    }
}
