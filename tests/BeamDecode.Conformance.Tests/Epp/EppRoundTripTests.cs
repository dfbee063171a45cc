using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Decompiler;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Conformance.Tests.Epp;

/// <summary>
/// <c>beamdecode source</c> against Erlang's own front end and compiler, for every module of the installed OTP that
/// carries Erlang debug info: (1) epp:parse_file of the printed text gives the Dbgi forms (annotations erased,
/// -file and eof left out: see epp_roundtrip.escript); (2) compile:file of the text with the module's own options
/// plus no_line_info gives the Code chunk of compile:forms of the Dbgi forms. Modules whose Code depends on line
/// numbers even under no_line_info (checked in Erlang, outcome code_lines) cannot pass (2) without the original
/// layout; they are counted and reported, and must pass (1).
/// </summary>
public sealed class EppRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModule_PrintedSourceReadsBackAndCompilesToSameCode()
    {
        var files = WithErlangDebugInfo(BeamCorpus.Installed);
        Assert.True(files.Count > 500, $"only {files.Count} modules with debug info found in the installed OTP");

        var results = EppRoundTrip.Run(files, keepLines: false);
        Report(results, files.Count, "plain");

        int formsOk = results.Count(r => r.Outcome is "same" or "code" or "code_lines");
        var formFailures = results.Where(r => r.Outcome is not ("same" or "code" or "code_lines")).ToList();
        var codeFailures = results.Where(r => r.Outcome == "code").ToList();
        Assert.Equal(files.Count, results.Count);
        Assert.True(formFailures.Count == 0,
            $"proof 1: {formFailures.Count} of {files.Count} modules do not read back to their Dbgi forms:\n" +
            string.Join("\n", formFailures.Take(20).Select(r => $"{r.Outcome}: {r.Beam}: {r.Detail}")));
        Assert.True(codeFailures.Count == 0,
            $"proof 2: {codeFailures.Count} of {formsOk} modules compile to a different Code chunk (not explained by line numbers):\n" +
            string.Join("\n", codeFailures.Take(20).Select(r => $"{r.Beam}: {r.Detail}")));
    }

    /// <summary>
    /// Proof 3: with --keep-lines, for the modules whose forms do not share lines, the text still reads back to the
    /// Dbgi forms, and compiled without no_line_info gives the same Code and Line chunks. Proof 1 is asserted; the
    /// Code/Line count is reported (nested expressions that started a line of their own in the original, inside a
    /// call's arguments say, are not moved to their line yet).
    /// </summary>
    [Fact]
    public void InstalledOtp_KeepLines_ReadsBack_AndReportsCodeAndLineChunks()
    {
        var files = WithErlangDebugInfo(BeamCorpus.Installed);
        var results = EppRoundTrip.Run(files, keepLines: true);
        var placed = results.Where(r => r.Outcome != "shared_lines").ToList();
        int same = placed.Count(r => r.Outcome == "same");
        output.WriteLine($"installed OTP {BeamCorpus.InstalledRelease}, --keep-lines: {placed.Count} of {files.Count} modules have every form at its line");
        output.WriteLine($"installed OTP {BeamCorpus.InstalledRelease}, --keep-lines: proof 1: {placed.Count(r => r.Outcome is "same" or "code" or "code_lines")} of {placed.Count}; " +
                         $"proof 3 (same Code and Line chunks without no_line_info): {same} of {placed.Count}");
        var formFailures = placed.Where(r => r.Outcome is not ("same" or "code" or "code_lines")).ToList();
        Assert.True(formFailures.Count == 0, string.Join("\n", formFailures.Take(20).Select(r => $"{r.Outcome}: {r.Beam}: {r.Detail}")));
    }

    [Fact]
    public void Otp27Corpus_EveryModule_PrintsWithoutDiagnostics()
    {
        var files = WithErlangDebugInfo(BeamCorpus.Otp27);
        var problems = new List<string>();
        int printed = 0;
        foreach (string file in files)
        {
            var recovered = ModuleSource.Recover(BeamFile.Read(File.ReadAllBytes(file)));
            printed += recovered.Text is null ? 0 : 1;
            problems.AddRange(recovered.Diagnostics.Select(d => $"{file}: {d}"));
        }

        output.WriteLine($"OTP 27 corpus: {printed} of {files.Count} modules with Erlang debug info printed; {problems.Count} diagnostics");
        Assert.True(files.Count > 300, $"only {files.Count} OTP 27 modules with Erlang debug info");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    private void Report(IReadOnlyList<EppResult> results, int total, string mode)
    {
        int same = results.Count(r => r.Outcome == "same");
        int formsOk = results.Count(r => r.Outcome is "same" or "code" or "code_lines");
        int lines = results.Count(r => r.Outcome == "code_lines");
        output.WriteLine($"installed OTP {BeamCorpus.InstalledRelease}, {mode}: proof 1 (epp:parse_file gives the Dbgi forms): {formsOk} of {total} modules");
        output.WriteLine($"installed OTP {BeamCorpus.InstalledRelease}, {mode}: proof 2 (same Code chunk): {same} of {total} modules; " +
                         $"{lines} more differ only because their Code depends on line numbers");
        foreach (var r in results.Where(r => r.Outcome != "same"))
        {
            output.WriteLine($"{r.Outcome}: {r.Beam}: {r.Detail}");
        }
    }

    /// <summary>The files whose debug info is Erlang abstract code (Dbgi erl_abstract_code or Abst).</summary>
    internal static List<string> WithErlangDebugInfo(IReadOnlyList<string> files)
    {
        var list = new List<string>();
        foreach (string file in files)
        {
            try
            {
                if (BeamFile.Read(File.ReadAllBytes(file)).DebugInfo.Kind is DebugInfoKind.ErlangV1 or DebugInfoKind.AbstractCode)
                {
                    list.Add(file);
                }
            }
            catch (BadBeamFormatException)
            {
                // Reported by the decode tests.
            }
        }

        return list;
    }
}
