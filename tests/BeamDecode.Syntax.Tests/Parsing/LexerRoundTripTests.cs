using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Syntax.Tests.Parsing;

/// <summary>
/// Every .erl and .hrl of the installed OTP (release 25 here) and of the OTP 27 corpus scans with no diagnostic,
/// and the tokens with their trivia give back each file exactly.
/// </summary>
public sealed class LexerRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EverySourceFile_RoundTripsWithoutDiagnostics()
    {
        string root = TestCorpora.InstalledOtpRoot;
        int release = int.Parse(File.ReadAllText(Path.Combine(root, "releases", Directory.GetDirectories(Path.Combine(root, "releases"))
            .Select(Path.GetFileName).First(n => n!.All(char.IsDigit))!, "OTP_VERSION")).Split('.')[0].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        RoundTrip(Path.Combine(root, "lib"), release, $"installed OTP {release}");
    }

    [Fact]
    public void Otp27Corpus_EverySourceFile_RoundTripsWithoutDiagnostics()
    {
        string root = TestCorpora.Otp27Root;
        RoundTrip(root, 27, "OTP 27 corpus");
    }

    private void RoundTrip(string root, int release, string name)
    {
        var files = Directory.EnumerateFiles(root, "*.?rl", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".erl", StringComparison.Ordinal) || f.EndsWith(".hrl", StringComparison.Ordinal))
            .Where(f => f.Contains("/src/", StringComparison.Ordinal) || f.Contains("/include/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 1000, $"only {files.Count} source files under {root}");
        var options = new LexerOptions(release);
        var problems = new List<string>();
        int same = 0;
        long tokenCount = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (string file in files)
        {
            var text = SourceText.FromBytes(File.ReadAllBytes(file), file);
            var diagnostics = new List<Diagnostic>();
            var tokens = Lexer.Scan(text, options, diagnostics);
            tokenCount += tokens.Length;
            problems.AddRange(diagnostics.Select(d => d.ToString()));
            if (LexerTests.Concatenate(tokens) == text.Text)
            {
                same++;
            }
            else
            {
                problems.Add($"{file}: the tokens and trivia do not give back the text");
            }
        }

        output.WriteLine($"{name}: {same} of {files.Count} files round-trip, {problems.Count} problems, {tokenCount} tokens in {watch.ElapsedMilliseconds} ms");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}
