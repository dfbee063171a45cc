using System.Text.RegularExpressions;
using BeamDecode.Metadata.Code;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Metadata.Tests.Code;

/// <summary>
/// The opcode table against the authority: each release's generated beam_opcodes.erl (from genop.tab by
/// beam_makeops), whose <c>opname(N) -> {Name,Arity};</c> lines list every opcode that release knows. Checked
/// against OTP 25's (the installed compiler) and OTP 27's (the corpus of ../shared/tools/otp-corpus.sh) when the
/// files are on the machine.
/// </summary>
public sealed partial class OpcodeTableTests
{
    [GeneratedRegex(@"^opname\((\d+)\) -> \{'?([a-z_0-9]+)'?,(\d+)\};", RegexOptions.Multiline)]
    private static partial Regex OpnameLine();

    [Fact]
    public void Table_IsDenseFromOneToTheHighest_WithUniqueNames()
    {
        var all = OpcodeTable.All.ToList();
        Assert.Equal(OpcodeTable.HighestKnown, all.Count);
        for (int i = 0; i < all.Count; i++)
        {
            Assert.Equal(i + 1, all[i].Number);
            Assert.Same(all[i], OpcodeTable.Find(all[i].Name));
            Assert.Same(all[i], OpcodeTable.Find(i + 1));
        }

        Assert.Null(OpcodeTable.Find(0));
        Assert.Null(OpcodeTable.Find(OpcodeTable.HighestKnown + 1));
        Assert.Equal(184, OpcodeTable.Find("debug_line")!.Number);
        Assert.Equal(4, OpcodeTable.Find("debug_line")!.Arity);
    }

    [Fact]
    public void Otp25_BeamOpcodes_MatchesTheTable() => CheckAgainst(Otp25Opcodes(), 180, TestCorpora.RequireErlangVariable);

    [Fact]
    public void Otp27_BeamOpcodes_MatchesTheTable() => CheckAgainst(Otp27Opcodes(), 183, TestCorpora.RequireCorpusVariable);

    private static void CheckAgainst(string? path, int highest, string requireVariable)
    {
        // erlang-src (installed by CI) and the corpus carry the generated file: required there, skipped elsewhere.
        path ??= TestCorpora.Missing("beam_opcodes.erl of that release is not on this machine", requireVariable);

        var lines = OpnameLine().Matches(File.ReadAllText(path));
        Assert.Equal(highest, lines.Count);
        foreach (Match line in lines)
        {
            int number = int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var op = OpcodeTable.Find(number);
            Assert.True(op is not null, $"{path}: opcode {number} is missing");
            Assert.Equal(line.Groups[2].Value, op.Name);
            Assert.Equal(int.Parse(line.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), op.Arity);
        }
    }

    private static string? Otp25Opcodes() => FindUnder(Path.Combine(TestCorpora.InstalledOtpRoot, "lib"), "compiler-8.2.");

    private static string? Otp27Opcodes() => FindUnder(Path.Combine(TestCorpora.Otp27Root, "usr", "lib", "erlang", "lib"), "compiler-8.6.");

    /// <summary>lib/compiler-VSN/src/beam_opcodes.erl for a compiler version prefix, or null.</summary>
    private static string? FindUnder(string lib, string compilerPrefix)
    {
        if (!Directory.Exists(lib))
        {
            return null;
        }

        foreach (string dir in Directory.EnumerateDirectories(lib, compilerPrefix + "*"))
        {
            string file = Path.Combine(dir, "src", "beam_opcodes.erl");
            if (File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }
}
