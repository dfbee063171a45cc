using System.Text;
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

    /// <summary>Broken and tricky snippets: the first error (location and message) or all tokens equal erl_scan's.</summary>
    [Fact]
    public void Snippets_FirstErrorOrTokensEqualErlScan()
    {
        string release = ErlangTool.RunErl("io:format(\"~s\", [erlang:system_info(otp_release)])").Trim();
        var options = new LexerOptions(int.Parse(release, System.Globalization.CultureInfo.InvariantCulture));
        var keys = LexerSnippets.All.Select(ErlScanTruth.Hex).ToList();
        var truth = ErlScanTruth.Run("snippets", keys);
        var differences = new List<string>();
        int errors = 0;
        foreach (string snippet in LexerSnippets.All)
        {
            List<string> expected = truth[ErlScanTruth.Hex(snippet)];
            errors += expected.Count > 0 && expected[0].StartsWith("E ", StringComparison.Ordinal) ? 1 : 0;
            var ours = ErlScanTruth.Ours(new SourceText(snippet), options);
            string? difference = FirstDifference(expected, ours);
            if (difference is not null)
            {
                differences.Add($"{Escape(snippet)}: {difference}");
            }
        }

        output.WriteLine($"{LexerSnippets.All.Count - differences.Count} of {LexerSnippets.All.Count} snippets equal erl_scan ({errors} of them errors)");
        Assert.True(errors >= 30, $"only {errors} snippets are errors");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
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
