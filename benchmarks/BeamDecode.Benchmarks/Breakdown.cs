using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;

namespace BeamDecode.Benchmarks;

/// <summary>
/// A Stopwatch harness: each stage of `beamdecode info --json` timed on its own over the whole corpus, on one
/// thread: the stage's first call, then the median of RUNS more. Loading the corpus has already run every
/// decoder once, so the first call is not a cold-process figure (JIT of shared code is mostly paid by then).
/// Table stages include the container read; the "minus container" column subtracts it. The "experiment"
/// stages time alternatives that are not in the library, to size what a change there would save.
/// </summary>
public static class Breakdown
{
    public static int Run(int runs, TextWriter output)
    {
        runs = Math.Max(1, runs);
        string root = Corpus.Root;
        var coldTimer = Stopwatch.StartNew();
        var corpus = Corpus.Instance;
        coldTimer.Stop();
        output.WriteLine($"Corpus: {corpus}");
        output.WriteLine($"Loading and checking it took {coldTimer.Elapsed.TotalMilliseconds:F1} ms (file reads and the first decode of everything, JIT included).");
        output.WriteLine($"Runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} processors; {runs} warm runs per stage.");
        output.WriteLine();

        var files = corpus.Files;
        var paths = corpus.Paths;
        var stages = new List<(string Name, Func<int> Body, bool IncludesContainer)>
        {
            ("enumerate (InputExpander.Expand)", () => InputExpander.Expand([root]).Files.Length, false),
            ("experiment: enumerate with Directory.GetFiles", () => Corpus.Enumerate(root).Count(), false),
            ("read files (File.ReadAllBytes)", () => paths.Sum(p => File.ReadAllBytes(p).Length), false),
            ("container (BeamFile.Read)", () => files.Sum(b => Workloads.Container(BeamFile.Read(b))), false),
        };
        foreach (var table in Enum.GetValues<Table>())
        {
            stages.Add(($"+ {table}", () => files.Sum(b => Workloads.One(BeamFile.Read(b), table)), true));
        }

        stages.Add(("experiment: Dbgi head, chunk copied (as DebugInfo)", () => files.Sum(b => DbgiHead(BeamFile.Read(b), copy: true)), true));
        stages.Add(("experiment: Dbgi head, chunk not copied", () => files.Sum(b => DbgiHead(BeamFile.Read(b), copy: false)), true));
        stages.Add(("+ all tables", () => files.Sum(b => Workloads.AllTables(BeamFile.Read(b))), true));
        stages.Add(("+ ModuleSummary.From", () => Summaries(paths, files).Count, true));
        var summaries = Summaries(paths, files);
        stages.Add(("JSON of all summaries: string, then UTF-8 writer (as info)", () => Json(summaries), false));
        stages.Add(("JSON of all summaries: straight to a UTF-8 stream", () => JsonToStream(summaries), false));
        stages.Add(("ModuleReader.ReadSummary, 1 thread (I/O + summary)", () => paths.Sum(p => ModuleReader.ReadSummary(p, p).Summary?.Atoms ?? 0), false));
        stages.Add(("info --json in process (Program.Run)", () => Info(root), false));

        var results = new List<(string Name, double Cold, double Warm, bool IncludesContainer)>();
        foreach (var (name, body, includesContainer) in stages)
        {
            var sw = Stopwatch.StartNew();
            body();
            double cold = sw.Elapsed.TotalMilliseconds;
            var warm = new double[runs];
            for (int i = 0; i < runs; i++)
            {
                sw.Restart();
                body();
                warm[i] = sw.Elapsed.TotalMilliseconds;
            }

            Array.Sort(warm);
            results.Add((name, cold, warm[runs / 2], includesContainer));
        }

        double container = results.Single(r => r.Name.StartsWith("container", StringComparison.Ordinal)).Warm;
        double mb = corpus.TotalBytes / 1e6;
        output.WriteLine($"| Stage | first run ms | warm median ms | warm minus container ms | MB/s (warm) |");
        output.WriteLine($"|---|---:|---:|---:|---:|");
        foreach (var (name, cold, warm, includesContainer) in results)
        {
            string minus = includesContainer ? (warm - container).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "";
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {name} | {cold:F2} | {warm:F2} | {minus} | {mb / (warm / 1000):F0} |"));
        }

        return 0;
    }

    private static List<ModuleSummary> Summaries(string[] paths, byte[][] files)
    {
        var list = new List<ModuleSummary>(files.Length);
        for (int i = 0; i < files.Length; i++)
        {
            list.Add(ModuleSummary.From(paths[i], BeamFile.Read(files[i])));
        }

        return list;
    }

    /// <summary>As InfoCommand: serialize to a string, then write it through a UTF-8 writer.</summary>
    private static int Json(List<ModuleSummary> summaries)
    {
        string json = JsonSerializer.Serialize(summaries, BreakdownJsonContext.Readable.ListModuleSummary);
        using var writer = new StreamWriter(Stream.Null, new UTF8Encoding(false));
        writer.Write(json);
        return json.Length;
    }

    private static int JsonToStream(List<ModuleSummary> summaries)
    {
        JsonSerializer.Serialize(Stream.Null, summaries, BreakdownJsonContext.Readable.ListModuleSummary);
        return summaries.Count;
    }

    /// <summary>
    /// What DebugInfo.Decode does to learn the backend of a compressed Dbgi term: inflate its first 1024 bytes.
    /// With <paramref name="copy"/> the chunk is copied to an array first (as the library does); without, the
    /// stream reads the file image in place. The difference is the cost of the copy.
    /// </summary>
    private static int DbgiHead(BeamFile beam, bool copy)
    {
        if (beam.FindChunk(ChunkId.Dbgi) is not { } c || c.Data.Length < 6 || c.Data.Span[0] != 131 || c.Data.Span[1] != 80)
        {
            return 0;
        }

        var compressed = c.Data[6..];
        MemoryStream source;
        if (!copy && MemoryMarshal.TryGetArray(compressed, out var segment))
        {
            source = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        }
        else
        {
            source = new MemoryStream(compressed.ToArray(), writable: false);
        }

        using var z = new ZLibStream(source, CompressionMode.Decompress);
        Span<byte> head = stackalloc byte[1024];
        int filled = 0, n;
        while (filled < head.Length && (n = z.Read(head[filled..])) > 0)
        {
            filled += n;
        }

        return filled;
    }

    private static int Info(string root)
    {
        using var stdout = new StreamWriter(Stream.Null, new UTF8Encoding(false));
        return BeamDecode.Cli.Program.Run(["info", "--json", root], stdout, TextWriter.Null);
    }
}

/// <summary>The options of the CLI's (internal) CliJsonContext.Readable: indented, camelCase, relaxed escaping.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<ModuleSummary>))]
internal sealed partial class BreakdownJsonContext : JsonSerializerContext
{
    public static BreakdownJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
