using System.Collections.Concurrent;
using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.ErlParse;

/// <summary>
/// Every .erl and .hrl of the OTP 27 corpus (src and include of each application), preprocessed as OTP 27's epp
/// would (include path: the file's directory and its application's include; -include_lib from the corpus), parses
/// form by form without a parser diagnostic. The one exception is parsetools' leexinc.hrl, leex's template, which
/// is not Erlang (its "##module" lines are filled in by leex). Forms the preprocessor refuses (mostly .hrl files
/// read alone, whose macros come from the files that include them) are counted, not parsed, as epp returns no
/// tokens for them.
/// </summary>
public sealed class Otp27CorpusParseTests(ITestOutputHelper output)
{
    private static readonly string[] NotErlang = ["parsetools-2.6/include/leexinc.hrl"];

    [Fact]
    public void Otp27Corpus_EveryPreprocessedForm_ParsesWithoutDiagnostics()
    {
        string lib = Path.Combine(Otp27Root(), "usr", "lib", "erlang", "lib");
        var files = Directory.EnumerateDirectories(lib)
            .SelectMany(app => new[] { "src", "include" }.Select(d => Path.Combine(app, d)))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.?rl", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".erl", StringComparison.Ordinal) || f.EndsWith(".hrl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 1000, $"only {files.Count} .erl/.hrl files in the OTP 27 corpus");

        var cache = new IncludeCache();
        var problems = new ConcurrentBag<string>();
        int forms = 0;
        int refusedByPreprocessor = 0;
        int skipped = 0;
        Parallel.ForEach(files, () => new Parser(new ParserOptions { OtpRelease = 27 }), (file, _, parser) =>
        {
            if (NotErlang.Any(n => file.EndsWith(n, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref skipped);
                return parser;
            }

            string dir = Path.GetDirectoryName(file)!;
            var options = new PreprocessorOptions
            {
                OtpRelease = 27,
                IncludeDirs = [dir, Path.Combine(Path.GetDirectoryName(dir)!, "include")],
                LibDirs = [lib],
                SearchInstalledOtp = false,
            };
            var preprocessed = Preprocessor.PreprocessFile(file, options, cache);
            Interlocked.Add(ref refusedByPreprocessor, preprocessed.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
            foreach (var item in preprocessed.Items)
            {
                if (item is PreprocessedForm form)
                {
                    Interlocked.Increment(ref forms);
                    var diagnostics = new List<Diagnostic>();
                    parser.Parse(form.Tokens, diagnostics);
                    foreach (var d in diagnostics)
                    {
                        problems.Add($"{file}: {d}");
                    }
                }
            }

            return parser;
        }, _ => { });

        output.WriteLine($"OTP 27 corpus: {files.Count - skipped} files, {forms} forms parsed, {problems.Count} parser diagnostics; "
                         + $"{refusedByPreprocessor} preprocessor errors (forms not handed to the parser); skipped: {string.Join(", ", NotErlang)}");
        Assert.True(forms > 150_000, $"only {forms} forms");
        Assert.True(problems.IsEmpty, $"{problems.Count} parser diagnostics:\n" + string.Join("\n", problems.Order().Take(30)));
    }

    /// <summary>The corpus root as BeamCorpus finds it (BEAMDECODE_OTP27_CORPUS or the cache directory); skips
    /// (fails under BEAMDECODE_REQUIRE_CORPUS=1) when absent.</summary>
    private static string Otp27Root()
    {
        string beam = BeamCorpus.Otp27.First(b => b.Contains("/usr/lib/erlang/", StringComparison.Ordinal));
        int usr = beam.IndexOf("/usr/lib/erlang/", StringComparison.Ordinal);
        Assert.True(usr > 0, $"unexpected corpus layout: {beam}");
        return beam[..usr];
    }
}
