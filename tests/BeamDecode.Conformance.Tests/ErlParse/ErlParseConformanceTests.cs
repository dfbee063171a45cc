using System.Diagnostics;
using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.ErlParse;

/// <summary>
/// Our parser against erl_parse, form by form, over every .erl of the installed OTP: epp:scan_file/2 gives each
/// form's tokens and erl_parse:parse_form/1 its abstract form (erl_parse_truth.escript); we parse the same tokens
/// and require (1) the same form, as AbstractFormReader reads Erlang's (structural equality of the model), and (2)
/// the very same term when AbstractFormWriter writes ours back (every annotation: line and column of every node and
/// of the atoms the model keeps as names). Forms erl_parse refuses must be refused too.
/// </summary>
public sealed class ErlParseConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryForm_ParsesLikeErlParse_WithSameAnnotations()
    {
        string libDir = ErlangTool.RunErl("io:format(\"~s\", [code:lib_dir()])").Trim();
        var erlFiles = Directory.EnumerateDirectories(libDir)
            .Select(app => Path.Combine(app, "src"))
            .Where(Directory.Exists)
            .SelectMany(src => Directory.EnumerateFiles(src, "*.erl", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(erlFiles.Count > 1000, $"only {erlFiles.Count} .erl files under {libDir}/*/src");

        var clock = Stopwatch.StartNew();
        var truth = ErlParseTruth.Run(erlFiles);
        output.WriteLine($"erl_parse truth for {truth.Count} files in {clock.Elapsed.TotalSeconds:F1} s");

        // Parsing alone, one thread, for the record (the comparisons below cost far more than parsing).
        clock.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var speed = new Parser(new ParserOptions { OtpRelease = 25 });
        long tokens = 0;
        foreach (var file in truth)
        {
            foreach (var form in file.Forms)
            {
                speed.Parse(form.Tokens, []);
                tokens += form.Tokens.Count;
            }
        }

        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        string parseTime = $"parsing alone: {tokens} tokens in {clock.Elapsed.TotalSeconds:F2} s on one thread ({cpuSeconds:F2} s CPU)";
        output.WriteLine(parseTime);

        var results = new FileResult[truth.Count];
        clock.Restart();
        Parallel.For(0, truth.Count, i => results[i] = Check(truth[i]));
        output.WriteLine($"parsed and compared in {clock.Elapsed.TotalSeconds:F1} s");

        int forms = results.Sum(r => r.Forms);
        int equal = results.Sum(r => r.Equal);
        int filesEqual = results.Count(r => r.Equal == r.Forms && r.EppFailure is null);
        int eppFailures = results.Count(r => r.EppFailure is not null);
        int refused = results.Sum(r => r.Refused);
        output.WriteLine($"installed OTP: {equal} of {forms} forms equal (structure and annotations; {refused} of them refused by both), {filesEqual} of {truth.Count} files fully equal; epp could not open {eppFailures}");
        var failures = results.SelectMany(r => r.Failures.Select(f => $"{r.Path}: {f}")).ToList();
        foreach (string f in failures.Take(200))
        {
            output.WriteLine(f);
        }

        Assert.True(forms > 100_000, $"only {forms} forms");
        // A passing test's output is not shown by the runner: BEAMDECODE_SHOW_COUNTS=1 turns the counts into a
        // failure message (and writes every failure to erl-parse-failures.txt in the temp directory).
        if (Environment.GetEnvironmentVariable("BEAMDECODE_SHOW_COUNTS") == "1")
        {
            File.WriteAllLines(Path.Combine(Path.GetTempPath(), "erl-parse-failures.txt"), failures);
            Assert.Fail($"{parseTime}; {equal} of {forms} forms equal, {refused} refused by both, {filesEqual} of {truth.Count} files fully equal\n" + string.Join("\n", failures.Take(30)));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} forms differ:\n" + string.Join("\n", failures.Take(30)));
    }

    private sealed record FileResult(string Path, int Forms, int Equal, int Refused, List<string> Failures, string? EppFailure);

    private static FileResult Check(TruthFile file)
    {
        var failures = new List<string>();
        int equal = 0;
        int refused = 0;
        var parser = new Parser(new ParserOptions { OtpRelease = 25 });
        foreach (var form in file.Forms)
        {
            var diagnostics = new List<Diagnostic>();
            var ours = parser.Parse(form.Tokens, diagnostics);
            var result = (TupleTerm)form.Result;
            int line = form.Tokens.Count > 0 ? form.Tokens[0].Line : 0;
            if (result[0] is AtomTerm { Name: "error" })
            {
                if (ours is ErrorMarkerForm)
                {
                    equal++;
                    refused++;
                }
                else
                {
                    failures.Add($"line {line}: erl_parse refuses ({result[1]}), we accept");
                }

                continue;
            }

            var reader = new AbstractFormReader();
            var expected = reader.ReadForm(result[1]);
            if (ours is ErrorMarkerForm)
            {
                failures.Add($"line {line}: we refuse ({string.Join("; ", diagnostics)}), erl_parse accepts");
            }
            else if (!expected.Equals(ours))
            {
                failures.Add($"line {line}: forms differ:\n  erl_parse: {Short(expected)}\n  ours:      {Short(ours)}");
            }
            else if (AbstractFormWriter.Default.WriteForm(ours) is var written && !written.Equals(result[1]))
            {
                failures.Add($"line {line}: annotations differ {TermDifference.First(result[1], written)}");
            }
            else
            {
                equal++;
            }
        }

        return new FileResult(file.Path, file.Forms.Count, equal, refused, failures, file.EppFailure);
    }

    private static string Short(Form f)
    {
        string s = f.ToString();
        return s.Length <= 600 ? s : s[..600] + "...";
    }
}
