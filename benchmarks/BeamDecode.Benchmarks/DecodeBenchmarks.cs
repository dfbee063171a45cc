using BeamDecode.Metadata;
using BenchmarkDotNet.Attributes;

namespace BeamDecode.Benchmarks;

/// <summary>
/// Whole-corpus decoding, one operation = every file of the corpus, from bytes in memory (no file I/O).
/// Each operation builds fresh <see cref="BeamFile"/>s, as tables are cached per instance.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DecodeBenchmarks
{
    private byte[][] _files = [];
    private string[] _paths = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = Corpus.Instance.Files;
        _paths = Corpus.Instance.Paths;
    }

    /// <summary>The IFF container only: header, chunk list, gunzip of compressed beams (BeamFile.Read).</summary>
    [Benchmark(Baseline = true)]
    public int Container()
    {
        int n = 0;
        foreach (var bytes in _files)
        {
            n += Workloads.Container(BeamFile.Read(bytes));
        }

        return n;
    }

    /// <summary>Every table: atoms, imports, exports, locals, lambdas, literals, lines, types, attributes,
    /// compile info, debug info kind, md5.</summary>
    [Benchmark]
    public int AllTables()
    {
        int n = 0;
        foreach (var bytes in _files)
        {
            n += Workloads.AllTables(BeamFile.Read(bytes));
        }

        return n;
    }

    /// <summary>What `beamdecode info` computes per module (no JSON, no file I/O, one thread).</summary>
    [Benchmark]
    public int Summary()
    {
        int n = 0;
        for (int i = 0; i < _files.Length; i++)
        {
            n += ModuleSummary.From(_paths[i], BeamFile.Read(_files[i])).Exports.Length;
        }

        return n;
    }
}

/// <summary>One table at a time over the corpus (container read included; compare with DecodeBenchmarks.Container).</summary>
[Config(typeof(BenchmarkConfig))]
public class TableBenchmarks
{
    private byte[][] _files = [];

    [Params(
        Table.Atoms, Table.Imports, Table.Exports, Table.Locals, Table.Lambdas, Table.Literals, Table.LiteralCount,
        Table.Lines, Table.Types, Table.Attributes, Table.AttributesText, Table.CompileInfo, Table.CompileInfoText,
        Table.DebugInfoKind, Table.Md5)]
    public Table Table { get; set; }

    [GlobalSetup]
    public void Setup() => _files = Corpus.Instance.Files;

    [Benchmark]
    public int ReadAndDecode()
    {
        int n = 0;
        foreach (var bytes in _files)
        {
            n += Workloads.One(BeamFile.Read(bytes), Table);
        }

        return n;
    }
}
