namespace BeamDecode.Fuzz.Tests.Replay;

/// <summary>
/// The CI half of fuzzing (docs/reliability.md): every seed and every minimized regression of every target goes
/// through the same harness afl-fuzz ran, and must neither let anything but the layer's failure type escape nor hang
/// (<see cref="HangBound"/>). The campaigns themselves do not run in CI.
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_regressions_keep_the_contract(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var failures = BeamDecode.Fuzz.Replay.Run(target, [Repo.Seeds(name), Repo.Regressions(name)], budget: HangBound.PerInput);
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_decodes_without_a_diagnostic(string name)
    {
        // Seeds are well-formed inputs: one the target rejects would start the fuzzer from a shallow place.
        var target = FuzzTargets.Find(name)!;
        var seeds = BeamDecode.Fuzz.Replay.Files([Repo.Seeds(name)]);
        Assert.NotEmpty(seeds);
        foreach (var seed in seeds)
        {
            var input = File.ReadAllBytes(seed);
            Assert.True(target.RunChecked(input) >= 0, $"{seed} is rejected by the {name} target");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_target_has_a_dictionary(string name)
    {
        var lines = File.ReadAllLines(Repo.Dictionary(name)).Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches("^[A-Za-z0-9_]+=\".*\"$", l));
    }

    [Fact]
    public void Every_seed_folder_is_some_target_s()
    {
        // A folder no target reads would be seeds that were never fuzzed.
        var used = FuzzTargets.All.Select(t => t.Seeds).ToHashSet();
        foreach (var dir in Directory.GetDirectories(Path.GetDirectoryName(Repo.Seeds("etf"))!))
        {
            Assert.Contains(Path.GetFileName(dir), used);
        }
    }

    [Fact]
    public void Every_regression_folder_names_a_target()
    {
        if (!Directory.Exists(Repo.RegressionsRoot))
        {
            return;
        }

        foreach (var dir in Directory.GetDirectories(Repo.RegressionsRoot))
        {
            Assert.NotNull(FuzzTargets.Find(Path.GetFileName(dir)));
        }
    }
}
