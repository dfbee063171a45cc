using BeamDecode.Conformance.Tests.Corpora;

namespace BeamDecode.Conformance.Tests.BeamLib;

/// <summary>
/// Our decoder against beam_lib itself: chunk list, md5 (and module_info(md5) for loaded modules), exports,
/// labeled exports, imports, locals, attributes, compile info and debug-info kind, for every module of the
/// installed OTP and Elixir and of the OTP 27 corpus (read by OTP 25's beam_lib, which handles those files).
/// </summary>
public sealed class BeamLibConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModule_MatchesBeamLib()
    {
        var files = BeamCorpus.Installed;
        Assert.True(files.Count > 500, $"only {files.Count} .beam files found in the installed OTP");
        RunAndAssert(files, "installed OTP " + BeamCorpus.InstalledRelease, out int loadedChecked);
        // module_info(md5) is compared for the modules the escript's node had loaded from the same file.
        Assert.True(loadedChecked > 30, $"only {loadedChecked} modules had a loaded md5 to compare");
    }

    [Fact]
    public void Otp27Corpus_EveryModule_MatchesBeamLib()
    {
        var files = BeamCorpus.Otp27;
        Assert.True(files.Count > 500, $"only {files.Count} .beam files in the OTP 27 corpus");
        RunAndAssert(files, "OTP 27 corpus", out _);
    }

    private void RunAndAssert(IReadOnlyList<string> files, string corpus, out int loadedChecked)
    {
        var (truth, errors) = BeamLibTruth.Ask(files);
        var problems = new List<string>();
        int equal = 0;
        loadedChecked = 0;
        foreach (var t in truth.Values)
        {
            var p = BeamLibComparison.Compare(t);
            if (p.Count == 0)
            {
                equal++;
            }

            if (t.LoadedMd5 is not null)
            {
                loadedChecked++;
            }

            problems.AddRange(p);
        }

        output.WriteLine($"{corpus}: {equal} of {truth.Count} modules equal to beam_lib in every field; " +
                         $"{errors.Count} files beam_lib itself cannot read; {loadedChecked} loaded md5s compared");
        foreach (var (path, reason) in errors)
        {
            output.WriteLine($"beam_lib error: {path}: {reason}");
        }

        Assert.True(problems.Count == 0, $"{problems.Count} differences:\n" + string.Join("\n", problems.Take(40)));
        Assert.Empty(errors);
    }
}
