using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.ErlcAsm;

/// <summary>
/// <c>beamdecode disasm</c> against the compiler's own assembler: for every module of the installed OTP (and Elixir,
/// when installed) that the installed compiler built, the .S we write, assembled by <c>erlc +from_asm +no_postopt</c>,
/// gives Code, AtU8, ImpT, ExpT, LocT, LitT, StrT, Line and Type chunks byte-identical to the original's, and a FunT
/// that differs at most in the OldUniq field. no_postopt keeps erlc from re-optimizing; the passes it still runs
/// (beam_a, beam_clean, beam_z, beam_validator) leave erlc's own -S output unchanged, and must leave ours unchanged.
/// Modules another compiler release built are left out and counted: that release's assembler is not here, and the
/// installed one writes a different module from the same code (OTP 25's adds a Type chunk OTP 24's never wrote).
/// The committed fixtures (every variant) are checked the same way.
/// </summary>
public sealed class ErlcAsmRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModule_ReassemblesByteIdentical()
    {
        var all = BeamCorpus.Installed;
        Assert.True(all.Count > 500, $"only {all.Count} .beam files found in the installed OTP");
        int compared = RunAndAssert(all, $"installed OTP {BeamCorpus.InstalledRelease}");
        Assert.True(compared > 500, $"only {compared} modules were built by the installed compiler");
    }

    [Fact]
    public void Fixtures_EveryModuleAndVariant_ReassemblesByteIdentical()
    {
        string root = Path.Combine(FindRepoRoot(), "fixtures", "beam");
        var files = Directory.GetFiles(root, "*.beam", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} fixtures under {root}");
        RunAndAssert(files, "fixtures");
    }

    /// <summary>Round-trips the modules the installed compiler built; returns how many that was.</summary>
    private int RunAndAssert(IReadOnlyList<string> all, string corpus)
    {
        // The version the installed compiler writes into CInf, from a module it compiles now. OTP's own modules
        // were built by the release's bootstrap compiler, which records only major.minor ("8.2" for 8.2.3), so
        // versions are compared on those two components.
        string compiler = ErlangTool.RunErl(
            "{ok, _, Bin} = compile:forms([{attribute, 1, module, probe}], [binary]), " +
            "{ok, {_, [{compile_info, Info}]}} = beam_lib:chunks(Bin, [compile_info]), " +
            "io:format(\"~s\", [proplists:get_value(version, Info)])").Trim();

        var files = new List<string>();
        var others = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string file in all)
        {
            string version = CompilerVersion(file) ?? "unknown";
            if (MajorMinor(version) == MajorMinor(compiler))
            {
                files.Add(file);
            }
            else
            {
                others[version] = others.GetValueOrDefault(version) + 1;
            }
        }

        var results = AsmRoundTrip.Run(files);
        int same = results.Count(r => r.Outcome == "same");
        output.WriteLine($"{corpus} (compiler {compiler}): {same} of {files.Count} modules byte-identical after " +
                         "beamdecode disasm + erlc +from_asm +no_postopt");
        foreach (var (version, count) in others)
        {
            output.WriteLine($"not compared: {count} modules built by compiler {version}");
        }

        var problems = results.Where(r => r.Outcome != "same").ToList();
        foreach (var p in problems)
        {
            output.WriteLine($"{p.Outcome}: {p.Beam}: {p.Chunks} {p.Detail}");
        }

        Assert.Equal(files.Count, results.Count);
        Assert.True(problems.Count == 0,
            $"{problems.Count} of {files.Count} modules do not re-assemble identically:\n" +
            string.Join("\n", problems.Take(30).Select(p => $"{p.Outcome}: {p.Beam}: {p.Chunks} {p.Detail}")));
        return files.Count;
    }

    private static string MajorMinor(string version)
    {
        string[] parts = version.Split('.');
        return parts.Length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    private static string FindRepoRoot()
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

    /// <summary>The compiler version CInf records (<c>{version, "8.2.3"}</c>), or null.</summary>
    private static string? CompilerVersion(string file)
    {
        try
        {
            if (BeamFile.Read(File.ReadAllBytes(file)).CompileInfo is ListTerm list)
            {
                foreach (var item in list.Elements)
                {
                    if (item is TupleTerm { Arity: 2 } t && t[0] is AtomTerm { Name: "version" })
                    {
                        return TermText.TryGetString(t[1]);
                    }
                }
            }
        }
        catch (BadBeamFormatException)
        {
            // Counted as "unknown"; the decode tests report the file.
        }

        return null;
    }
}
