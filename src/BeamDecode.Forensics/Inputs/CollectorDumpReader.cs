using System.Collections.Immutable;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Reads a collector dump: <c>term_to_binary({beamdecode_dump, 1, Map}, [compressed])</c> as written by
/// Collector/collector_fun.erl, decoded with the library's <see cref="TermReader"/> (its depth, bignum and
/// inflation limits apply). Only <see cref="BadBeamFormatException"/> escapes: BD01xx for a bad term, BD0300
/// for a term that is not a dump, BD0301 for another version, BD0302 for a malformed entry. Fields other than
/// <c>node</c>, <c>modules</c> and each entry's <c>module</c> are optional, so a later collector can add fields
/// and a damaged one can leave some out without making the dump unreadable.
/// </summary>
public static class CollectorDumpReader
{
    /// <summary>Largest dump file read (a node with thousands of modules writes tens of megabytes).</summary>
    public const long MaxDumpFileSize = 1L << 30;

    /// <summary>The term limits for dumps: the object code of every module can inflate to hundreds of MB.</summary>
    public static TermReaderOptions Options =>
        TermReaderOptions.Default with { MaxInflatedBytes = Math.Max(1L << 30, TermReaderOptions.Default.MaxInflatedBytes) };

    /// <summary>A dump starts with the external term format version byte (131); a .beam with FOR1 or gzip's 1F 8B.</summary>
    public static bool LooksLikeDump(ReadOnlySpan<byte> head) => !head.IsEmpty && head[0] == 131;

    /// <summary>Reads a dump file, refusing one larger than <see cref="MaxDumpFileSize"/> before reading it.</summary>
    public static CollectorDump ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length > MaxDumpFileSize)
        {
            throw new BadBeamFormatException(
                DiagnosticId.ImplausibleSize, 0, $"file is {length} bytes, more than the {MaxDumpFileSize}-byte dump limit");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Read(bytes);
    }

    public static CollectorDump Read(ReadOnlySpan<byte> bytes)
    {
        if (!LooksLikeDump(bytes))
        {
            throw new BadBeamFormatException(DiagnosticId.NotADump, 0, "not a collector dump (no external term format version byte 131)");
        }

        var term = TermReader.Decode(bytes, out int used, 0, null, Options);
        if (used != bytes.Length)
        {
            throw new BadBeamFormatException(DiagnosticId.NotADump, used, $"{bytes.Length - used} byte(s) after the dump term");
        }

        if (term is not TupleTerm { Arity: 3 } top || top[0] is not AtomTerm { Name: "beamdecode_dump" })
        {
            throw new BadBeamFormatException(DiagnosticId.NotADump, 0, "the term is not {beamdecode_dump, Version, Map}");
        }

        if (top[1] is not IntegerTerm version || !version.TryGetInt64(out long v) || v != CollectorDump.Version)
        {
            throw new BadBeamFormatException(
                DiagnosticId.UnsupportedDumpVersion, 0, $"dump format version {top[1]} (this tool reads version {CollectorDump.Version})");
        }

        if (top[2] is not MapTerm map)
        {
            throw Bad("the dump's third element is not a map");
        }

        string node = Get(map, "node") is AtomTerm n ? n.Name : throw Bad("the dump has no 'node' atom");
        if (Get(map, "modules") is not { } modulesTerm || !TryGetList(modulesTerm, out var elements))
        {
            throw Bad("the dump has no 'modules' list");
        }

        var modules = ImmutableArray.CreateBuilder<CollectorDumpModule>(elements.Length);
        for (int i = 0; i < elements.Length; i++)
        {
            modules.Add(ReadModule(elements[i], i));
        }

        return new CollectorDump
        {
            Node = node,
            OtpRelease = Get(map, "otp_release") is { } r ? TermText.TryGetString(r) : null,
            ErtsVersion = Get(map, "erts_version") is { } e ? TermText.TryGetString(e) : null,
            Time = Get(map, "time") is { } t ? TryGetDateTime(t) : null,
            CodePathComplete = Get(map, "code_path_complete") is AtomTerm { Name: "true" or "false" } c ? c.Name == "true" : null,
            ElapsedMilliseconds = Get(map, "elapsed_ms") is IntegerTerm ms && ms.TryGetInt64(out long elapsed) ? elapsed : null,
            Modules = modules.MoveToImmutable(),
        };
    }

    private static CollectorDumpModule ReadModule(Term term, int index)
    {
        if (term is not MapTerm entry)
        {
            throw Bad($"module entry {index} is not a map");
        }

        if (Get(entry, "module") is not AtomTerm module)
        {
            throw Bad($"module entry {index} has no 'module' atom");
        }

        ImmutableArray<byte>? objectCode = null;
        string? unavailable = null;
        switch (Get(entry, "object_code"))
        {
            case null:
                break;
            case TupleTerm { Arity: 2 } t when t[0] is AtomTerm { Name: "ok" }:
                objectCode = t[1] is BitStringTerm { IsBinary: true } b
                    ? b.Bytes
                    : throw Bad($"module entry {index} ({module.Name}): object_code is {{ok, X}} with X not a binary");
                break;
            case TupleTerm { Arity: 2 } t when t[0] is AtomTerm { Name: "unavailable" }:
                unavailable = TermWriter.Write(t[1]);
                break;
            default:
                throw Bad($"module entry {index} ({module.Name}): object_code is neither {{ok, Binary}} nor {{unavailable, Reason}}");
        }

        return new CollectorDumpModule
        {
            Module = module.Name,
            LoadedAs = Get(entry, "loaded_as") ?? AtomTerm.Undefined,
            Path = Get(entry, "path") is { } p ? PathText(p) : null,
            Md5 = Get(entry, "md5") is BitStringTerm { IsBinary: true, Bytes.Length: 16 } md5 ? md5.Bytes : null,
            Status = Get(entry, "status") is AtomTerm s ? s.Name : null,
            OldCode = Get(entry, "old_code") is AtomTerm { Name: "true" or "false" } old ? old.Name == "true" : null,
            ObjectCode = objectCode,
            Unavailable = unavailable,
            Error = Get(entry, "error") is { } error ? TermWriter.Write(error) : null,
            CompileInfo = Get(entry, "compile"),
            Attributes = Get(entry, "attributes"),
            Exports = Get(entry, "exports"),
        };
    }

    /// <summary>A charlist path as text, an atom (preloaded, cover_compiled, non_existing) as its name, else ~w.</summary>
    private static string PathText(Term term) =>
        term is AtomTerm a ? a.Name : TermText.TryGetString(term) ?? TermWriter.Write(term);

    private static DateTime? TryGetDateTime(Term term)
    {
        if (term is TupleTerm { Arity: 2 } dt && dt[0] is TupleTerm { Arity: 3 } d && dt[1] is TupleTerm { Arity: 3 } t &&
            Int(d[0]) is { } y && Int(d[1]) is { } mo && Int(d[2]) is { } day &&
            Int(t[0]) is { } h && Int(t[1]) is { } mi && Int(t[2]) is { } s &&
            y is >= 1 and <= 9999 && mo is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth((int)y, (int)mo) &&
            h is >= 0 and < 24 && mi is >= 0 and < 60 && s is >= 0 and < 60)
        {
            return new DateTime((int)y, (int)mo, (int)day, (int)h, (int)mi, (int)s, DateTimeKind.Utc);
        }

        return null;
    }

    private static long? Int(Term term) => term is IntegerTerm i && i.TryGetInt64(out long v) ? v : null;

    private static bool TryGetList(Term term, out ImmutableArray<Term> elements)
    {
        switch (term)
        {
            case NilTerm:
                elements = [];
                return true;
            case ListTerm { IsProper: true } list:
                elements = list.Elements;
                return true;
            default:
                elements = default;
                return false;
        }
    }

    private static Term? Get(MapTerm map, string key) => map.TryGetValue(new AtomTerm(key), out var value) ? value : null;

    private static BadBeamFormatException Bad(string message) => new(DiagnosticId.BadDumpEntry, 0, message);
}
