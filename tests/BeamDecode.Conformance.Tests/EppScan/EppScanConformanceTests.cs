using System.Collections.Concurrent;
using System.Diagnostics;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.EppScan;

/// <summary>
/// The preprocessor against epp itself: for every .erl under the installed OTP's lib/*/src, one escript runs
/// epp:scan_erl_form/1 form after form (epp:open with the includes below and location {1,1}, as compile does) and
/// prints every form's tokens (category, line, column, generated flag, value), every error and warning (location,
/// module, message) and eof; the preprocessor must print the same, line for line. Include path on both sides: the
/// file's own directory (epp adds it), the application's include directory; -include_lib resolves through
/// code:lib_dir/1 in Erlang and the installed lib directory as --lib-dir here. Include path on both sides, after the
/// file's own directory (which epp adds): the application's include directory, then its src directory and every
/// directory under it (what OTP's Makefiles pass as -I). VSN is predefined on both sides (-DVSN="test"); other
/// Makefile macros are not, so a module that needs one gets the same "undefined macro" errors on both sides, and
/// those are compared too. No file is excluded.
/// </summary>
public sealed class EppScanConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EverySourceFile_PreprocessesLikeEpp()
    {
        string escript = ErlangTool.Escript;
        string libDir = ErlangTool.RunErl("io:format(\"~s\", [code:lib_dir()])").Trim();
        List<(string Path, string[] Includes)> files = Directory.EnumerateDirectories(libDir)
            .Select(app => (App: app, Src: Path.Combine(app, "src")))
            .Where(a => Directory.Exists(a.Src))
            .SelectMany(a =>
            {
                string[] includes = [.. new[] { Path.Combine(a.App, "include") }.Where(Directory.Exists),
                    a.Src, .. Directory.EnumerateDirectories(a.Src, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
                return Directory.EnumerateFiles(a.Src, "*.erl", SearchOption.AllDirectories).Select(f => (f, includes));
            })
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 500, $"only {files.Count} source files under {libDir}");

        string dir = ErlangTool.CreateTempDirectory("eppscan");
        try
        {
            string list = Path.Combine(dir, "files.txt");
            File.WriteAllLines(list, files.Select(f => string.Join('\t', [f.Path, .. f.Includes])));
            var clock = Stopwatch.StartNew();
            string expectedText = ErlangTool.Run(escript,
                [Path.Combine(AppContext.BaseDirectory, "EppScan", "epp_scan.escript"), list, "VSN=\"test\""], TimeSpan.FromMinutes(15));
            TimeSpan eppTime = clock.Elapsed;
            Dictionary<string, List<string>> expected = Parse(expectedText);

            clock.Restart();
            var cache = new IncludeCache();
            var actual = new ConcurrentDictionary<string, List<string>>(StringComparer.Ordinal);
            Parallel.ForEach(files, file =>
            {
                var options = new PreprocessorOptions
                {
                    IncludeDirs = [.. file.Includes],
                    Macros = [new("VSN", "\"test\"")],
                    LibDirs = [libDir],
                    OtpRelease = 25,
                    SearchInstalledOtp = false,
                };
                actual[file.Path] = EppScanFormat.Render(Preprocessor.PreprocessFile(file.Path, options, cache));
            });
            TimeSpan ourTime = clock.Elapsed;

            var differences = new List<string>();
            int identical = 0;
            foreach ((string path, _) in files)
            {
                string? difference = Compare(expected.GetValueOrDefault(path), actual[path]);
                if (difference is null)
                {
                    identical++;
                }
                else
                {
                    differences.Add($"{path}: {difference}");
                }
            }

            output.WriteLine($"epp (escript, {Environment.ProcessorCount} cores): {eppTime.TotalSeconds:F1} s; preprocessor: {ourTime.TotalSeconds:F1} s");
            output.WriteLine($"{identical} of {files.Count} files identical to epp:scan_erl_form/1");
            foreach (string difference in differences.Take(40))
            {
                output.WriteLine(difference);
            }

            Assert.True(differences.Count == 0,
                $"{differences.Count} of {files.Count} files differ from epp:\n" + string.Join("\n", differences.Take(20)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Dictionary<string, List<string>> Parse(string text)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("F ", StringComparison.Ordinal))
            {
                current = [];
                result[line[2..]] = current;
            }
            else if (line.Length > 0)
            {
                current?.Add(line);
            }
        }

        return result;
    }

    /// <summary>Null when equal, else the first differing line of each side.</summary>
    private static string? Compare(List<string>? expected, List<string> actual)
    {
        if (expected is null)
        {
            return "missing from the escript's output";
        }

        for (int i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            string? e = i < expected.Count ? expected[i] : null;
            string? a = i < actual.Count ? actual[i] : null;
            if (e != a)
            {
                return $"item {i}:\n  epp:  {Shorten(e, a)}\n  ours: {Shorten(a, e)}";
            }
        }

        return null;
    }

    /// <summary>The neighbourhood of the first difference of two long lines.</summary>
    private static string Shorten(string? line, string? other)
    {
        if (line is null)
        {
            return "(nothing)";
        }

        int common = 0;
        if (other is not null)
        {
            while (common < line.Length && common < other.Length && line[common] == other[common])
            {
                common++;
            }
        }

        int start = Math.Max(0, line.LastIndexOf('\t', Math.Max(0, Math.Min(common, line.Length - 1))) - 120);
        int length = Math.Min(line.Length - start, 400);
        return (start > 0 ? "..." : "") + line.Substring(start, length);
    }
}
