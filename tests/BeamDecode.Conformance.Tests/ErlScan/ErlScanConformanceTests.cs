using System.Text;
using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Conformance.Tests.ErlScan;

/// <summary>
/// Our lexer against erl_scan:string(Text, {1,1}) of the installed OTP: every token (category, line, column,
/// value) of every .erl and .hrl of the installed OTP's sources, and the first error of broken snippets.
/// </summary>
public sealed class ErlScanConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EverySourceFile_TokensEqualErlScan()
    {
        string release = ErlangTool.RunErl("io:format(\"~s\", [erlang:system_info(otp_release)])").Trim();
        string root = ErlangTool.RunErl("io:format(\"~s\", [code:root_dir()])").Trim();
        var files = SourceFiles(Path.Combine(root, "lib"));
        Assert.True(files.Count > 1000, $"only {files.Count} .erl/.hrl files under {root}/lib");

        var truth = ErlScanTruth.Run("files", files);
        var options = new LexerOptions(int.Parse(release, System.Globalization.CultureInfo.InvariantCulture));
        int equal = 0;
        var differences = new List<string>();
        foreach (string file in files)
        {
            Assert.True(truth.TryGetValue(file, out List<string>? expected), $"no erl_scan result for {file}");
            var ours = ErlScanTruth.Ours(SourceText.FromBytes(File.ReadAllBytes(file), file), options);
            string? difference = FirstDifference(expected, ours);
            if (difference is null)
            {
                equal++;
            }
            else
            {
                differences.Add($"{file}: {difference}");
            }
        }

        output.WriteLine($"{equal} of {files.Count} OTP {release} files token-identical with erl_scan");
        foreach (string difference in differences.Take(20))
        {
            output.WriteLine(difference);
        }

        Assert.True(differences.Count == 0,
            $"{differences.Count} of {files.Count} files differ from erl_scan:\n{string.Join("\n", differences.Take(10))}");
    }

    /// <summary>Broken and tricky snippets: the first error (location and message) or all tokens equal erl_scan's,
    /// and form by form (as epp scans) every token and every error.</summary>
    [Fact]
    public void Snippets_FirstErrorOrTokensEqualErlScan()
    {
        string release = ErlangTool.RunErl("io:format(\"~s\", [erlang:system_info(otp_release)])").Trim();
        var options = new LexerOptions(int.Parse(release, System.Globalization.CultureInfo.InvariantCulture));
        var snippets = LexerSnippets.All.Concat(LexerSnippets.MultipleErrors).Concat(LexerSnippets.Random).Distinct().ToList();
        var keys = snippets.Select(ErlScanTruth.Hex).ToList();
        SourceText Read(string key) => new(snippets[keys.IndexOf(key)]);
        int errors = Compare(keys, ErlScanTruth.Run("snippets", keys), Read, options, $"OTP {release} snippets");
        Assert.True(errors >= 30, $"only {errors} snippets are errors");
        Compare(keys, ErlScanTruth.Run("snippet_forms", keys), Read, options, $"OTP {release} snippets form by form, every error",
            ErlScanTruth.OursByForm);
    }

    /// <summary>The OTP 27 corpus's .erl and .hrl against OTP 27's erl_scan (compiled here from the corpus's source).</summary>
    [Fact]
    public void Otp27Corpus_EverySourceFile_TokensEqualOtp27ErlScan()
    {
        string root = BeamCorpus.Otp27Root;
        ErlangTool.Require("erlc");
        string lib = Directory.EnumerateDirectories(root, "lib", SearchOption.AllDirectories)
            .First(d => Directory.EnumerateDirectories(d, "stdlib-*").Any());
        var files = SourceFiles(lib);
        Assert.True(files.Count > 1000, $"only {files.Count} .erl/.hrl files under {lib}");
        string scanner = Otp27Scanner.Compile(root);
        try
        {
            var truth = ErlScanTruth.Run("files", files, scanner);
            Compare(files, truth, file => SourceText.FromBytes(File.ReadAllBytes(file), file), new LexerOptions(27), "OTP 27 corpus");
        }
        finally
        {
            Directory.Delete(scanner, recursive: true);
        }
    }

    /// <summary>The snippets (with the OTP 27 ones: triple-quoted strings, sigils) against OTP 27's erl_scan.</summary>
    [Fact]
    public void Otp27Snippets_FirstErrorOrTokensEqualOtp27ErlScan()
    {
        string root = BeamCorpus.Otp27Root;
        ErlangTool.Require("erlc");
        string scanner = Otp27Scanner.Compile(root);
        try
        {
            var snippets = LexerSnippets.All.Concat(LexerSnippets.Otp27).Concat(LexerSnippets.MultipleErrors)
                .Concat(LexerSnippets.Random).Distinct().ToList();
            var keys = snippets.Select(ErlScanTruth.Hex).ToList();
            var truth = ErlScanTruth.Run("snippets", keys, scanner);
            int errors = Compare(keys, truth, key => new SourceText(snippets[keys.IndexOf(key)]), new LexerOptions(27), "OTP 27 snippets");
            Assert.True(errors >= 50, $"only {errors} snippets are errors");
            var byForm = ErlScanTruth.Run("snippet_forms", keys, scanner);
            Compare(keys, byForm, key => new SourceText(snippets[keys.IndexOf(key)]), new LexerOptions(27),
                "OTP 27 snippets form by form, every error", ErlScanTruth.OursByForm);
        }
        finally
        {
            Directory.Delete(scanner, recursive: true);
        }
    }

    /// <summary>Compares every input; reports "N of N equal"; asserts all equal; returns how many were errors.</summary>
    private int Compare(List<string> inputs, Dictionary<string, List<string>> truth, Func<string, SourceText> read,
        LexerOptions options, string name, Func<SourceText, LexerOptions, List<string>>? ours = null)
    {
        ours ??= ErlScanTruth.Ours;
        int equal = 0;
        int errors = 0;
        var differences = new List<string>();
        foreach (string input in inputs)
        {
            Assert.True(truth.TryGetValue(input, out List<string>? expected), $"no erl_scan result for {input}");
            errors += expected.Count > 0 && expected[0].StartsWith("E ", StringComparison.Ordinal) ? 1 : 0;
            SourceText text = read(input);
            string? difference = FirstDifference(expected, ours(text, options));
            if (difference is null)
            {
                equal++;
            }
            else
            {
                differences.Add($"{(text.Path.Length > 0 ? text.Path : Escape(text.Text))}: {difference}");
            }
        }

        output.WriteLine($"{name}: {equal} of {inputs.Count} token-identical with erl_scan ({errors} of them errors)");
        foreach (string difference in differences.Take(20))
        {
            output.WriteLine(difference);
        }

        Assert.True(differences.Count == 0,
            $"{differences.Count} of {inputs.Count} differ from erl_scan:\n{string.Join("\n", differences.Take(10))}");
        return errors;
    }

    internal static List<string> SourceFiles(string lib)
    {
        var files = new List<string>();
        foreach (string app in Directory.EnumerateDirectories(lib))
        {
            foreach (string sub in new[] { "src", "include" })
            {
                string dir = Path.Combine(app, sub);
                if (Directory.Exists(dir))
                {
                    files.AddRange(Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
                        .Where(f => f.EndsWith(".erl", StringComparison.Ordinal) || f.EndsWith(".hrl", StringComparison.Ordinal)));
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string? FirstDifference(List<string> expected, List<string> ours)
    {
        for (int i = 0; i < Math.Max(expected.Count, ours.Count); i++)
        {
            string e = i < expected.Count ? expected[i] : "(none)";
            string o = i < ours.Count ? ours[i] : "(none)";
            if (e != o)
            {
                return $"token {i}: erl_scan {Describe(e)}, ours {Describe(o)}";
            }
        }

        return null;
    }

    /// <summary>A result line with its hex fields decoded, for reading.</summary>
    private static string Describe(string line)
    {
        string[] parts = line.Split(' ');
        if (parts.Length >= 4 && parts[0] == "E")
        {
            return $"error at {parts[1]}:{parts[2]} \"{FromHex(parts[3])}\"";
        }

        if (parts.Length >= 5 && parts[0] == "T")
        {
            string value = parts[4] is "-" or "=" || !IsHex(parts[4]) ? parts[4] : $"{parts[4]} \"{Escape(FromHex(parts[4]))}\"";
            return $"{FromHex(parts[1])} at {parts[2]}:{parts[3]} value {value}";
        }

        return line;
    }

    private static bool IsHex(string s) => s.Length % 2 == 0 && s.All(Uri.IsHexDigit);

    private static string FromHex(string hex)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return hex;
        }
    }

    private static string Escape(string s) =>
        s.Length > 60 ? Escape(s[..60]) + "..." : s.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
