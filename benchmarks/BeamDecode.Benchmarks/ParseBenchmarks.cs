using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace BeamDecode.Benchmarks;

/// <summary>
/// The Erlang front end over every .erl of an OTP installation's sources (BEAMDECODE_OTP_ROOT, default
/// /usr/lib/erlang: lib/*/src, recursively), one thread, one operation = every file. Each file is read with its
/// application's include and src directories as include path, as the epp conformance test does; a fresh
/// IncludeCache per operation, so headers are read and scanned again (the files come from the OS cache).
/// </summary>
[Config(typeof(ParseBenchmarkConfig))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ParseBenchmarks
{
    private (string File, ErlangParseOptions Options)[] _sources = [];
    private SourceText[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        string root = Environment.GetEnvironmentVariable("BEAMDECODE_OTP_ROOT") is { Length: > 0 } r ? r : "/usr/lib/erlang";
        var sources = new List<(string, ErlangParseOptions)>();
        foreach (string app in Directory.GetDirectories(Path.Combine(root, "lib")).Order(StringComparer.Ordinal))
        {
            string src = Path.Combine(app, "src");
            if (!Directory.Exists(src))
            {
                continue;
            }

            var options = new ErlangParseOptions { IncludeDirs = [Path.Combine(app, "include"), src], OtpRelease = 25 };
            foreach (string file in Directory.GetFiles(src, "*.erl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                sources.Add((file, options));
            }
        }

        _sources = [.. sources];
        _texts = [.. _sources.Select(s => SourceText.FromBytes(File.ReadAllBytes(s.File), s.File))];
        Console.WriteLine($"// {_sources.Length} sources, {_texts.Sum(t => (long)t.Length)} characters under {root}/lib/*/src");
    }

    /// <summary>The lexer alone over the main files' texts, already in memory (no includes, no macros).</summary>
    [Benchmark]
    public int Lex()
    {
        int tokens = 0;
        var options = new LexerOptions(25);
        foreach (var text in _texts)
        {
            tokens += Lexer.Scan(text, options, new List<Diagnostic>()).Length;
        }

        return tokens;
    }

    /// <summary>ErlangSourceParser.ParseFile: read, lex, preprocess (includes, macros), parse every form.</summary>
    [Benchmark(Baseline = true)]
    public int Parse()
    {
        int forms = 0;
        var cache = new IncludeCache();
        foreach (var (file, options) in _sources)
        {
            forms += ErlangSourceParser.ParseFile(file, options, cache).Entries.Length;
        }

        return forms;
    }

    /// <summary>Parse, then the forms as `parse --forms` prints them (abstract-format terms, ~w text).</summary>
    [Benchmark]
    public long ParseAndPrintForms()
    {
        long chars = 0;
        var cache = new IncludeCache();
        foreach (var (file, options) in _sources)
        {
            chars += EppFormsText.Write(ErlangSourceParser.ParseFile(file, options, cache), AbstractFormWriter.LinesOnly).Length;
        }

        return chars;
    }
}

/// <summary>Allocations and the median; no MB/s column (that one is about the .beam corpus).</summary>
public sealed class ParseBenchmarkConfig : ManualConfig
{
    public ParseBenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
    }
}
