using System.Collections.Concurrent;
using System.Text;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.Epp;

/// <summary>
/// <c>beamdecode parse --forms</c> against epp itself: for every .erl of the installed OTP's sources
/// (lib/*/src, recursively), the text of our forms equals, line for line, what epp:parse_file(File, [{includes,
/// Dirs}]) returns printed with ~w (epp_parse_file.escript, one Erlang node for all files), with the same include
/// directories on both sides (the application's include and src). Error and warning entries are compared by
/// location, module and message text (format_error's): beamdecode does not model the descriptor terms.
/// </summary>
public sealed class EppParseFileTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EverySource_FormsEqualEppParseFile() => Compare(columns: false);

    [Fact]
    public void InstalledOtp_EverySource_FormsWithColumnsEqualEppParseFile() => Compare(columns: true);

    /// <summary>The broken fixtures (lexer, preprocessor and parser errors, several a file): every error entry epp
    /// returns, at its location, from its module, with its message, and every form between them.</summary>
    [Fact]
    public void BrokenFixtures_FormsAndErrorsEqualEppParseFile()
    {
        string dir = Path.Combine(RepoRoot(), "fixtures", "broken");
        var sources = Directory.GetFiles(dir, "*.erl").Order(StringComparer.Ordinal).Select(f => new OtpSource(f, "broken", [])).ToList();
        Assert.True(sources.Count >= 30, $"only {sources.Count} broken sources in {dir}");
        Compare(sources, columns: true, "fixtures/broken");
    }

    private void Compare(bool columns)
    {
        var sources = OtpSources.All();
        Assert.True(sources.Count > 1000, $"only {sources.Count} OTP source files found under {OtpSources.Root}/lib/*/src");
        Compare(sources, columns, $"installed OTP {Corpora.BeamCorpus.InstalledRelease}");
    }

    private void Compare(IReadOnlyList<OtpSource> sources, bool columns, string name)
    {
        string work = ErlangTool.CreateTempDirectory("epp-parse-file");
        try
        {
            string list = Path.Combine(work, "list.txt");
            File.WriteAllText(list, string.Concat(sources.Select(s => string.Join('\t', [s.File, .. s.IncludeDirs]) + "\n")), new UTF8Encoding(false));
            string script = Path.Combine(AppContext.BaseDirectory, "Epp", "epp_parse_file.escript");
            ErlangTool.Run(ErlangTool.Escript, [script, list, work, columns ? "columns" : "lines"], TimeSpan.FromMinutes(10));

            var writer = columns ? AbstractFormWriter.Default : AbstractFormWriter.LinesOnly;
            var cache = new IncludeCache();
            int release = int.Parse(Corpora.BeamCorpus.InstalledRelease, System.Globalization.CultureInfo.InvariantCulture);
            var failures = new ConcurrentBag<(int Index, string Message)>();
            int withErrors = 0;
            Parallel.For(0, sources.Count, i =>
            {
                var source = sources[i];
                string expected = File.ReadAllText(Path.Combine(work, (i + 1) + ".forms"));
                var module = ErlangSourceParser.ParseFile(source.File, source.Options(release) with { Columns = columns }, cache);
                string actual = EppFormsText.Write(module, writer);
                if (expected.Contains("\n{error,", StringComparison.Ordinal) || expected.StartsWith("{error,", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref withErrors);
                }

                if (actual != expected)
                {
                    failures.Add((i, $"{source.File}: {FirstDifference(expected, actual)}"));
                }
            });

            string mode = columns ? "{location,{1,1}}" : "default location";
            output.WriteLine($"{name}, epp:parse_file ({mode}): {sources.Count - failures.Count} of {sources.Count} source files give the same forms " +
                             $"({withErrors} of them with error entries, compared too)");
            var sorted = failures.OrderBy(f => f.Index).Select(f => f.Message).ToList();
            foreach (string f in sorted)
            {
                output.WriteLine(f);
            }

            Assert.True(sorted.Count == 0, $"{sorted.Count} of {sources.Count} files differ from epp:parse_file:\n" + string.Join("\n", sorted.Take(15)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeamDecode.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no BeamDecode.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The first differing line of two texts, both sides cut to a readable length.</summary>
    internal static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "(nothing)";
            string al = i < a.Length ? a[i] : "(nothing)";
            if (el != al)
            {
                int at = 0;
                while (at < el.Length && at < al.Length && el[at] == al[at])
                {
                    at++;
                }

                int from = Math.Max(0, at - 80);
                return $"line {i + 1}, column {at + 1}:\n  epp  {Cut(el, from)}\n  ours {Cut(al, from)}";
            }
        }

        return "equal";
    }

    private static string Cut(string s, int from) => (from > 0 ? "..." : "") + (s.Length - from > 240 ? s.Substring(from, 240) + "..." : s[from..]);
}
