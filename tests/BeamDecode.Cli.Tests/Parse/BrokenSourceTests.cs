namespace BeamDecode.Cli.Tests.Parse;

/// <summary>
/// Every source of fixtures/broken (lexer, preprocessor and parser errors, several per file) gives its diagnostics,
/// one a line as <c>file:line:col: BD05nn: message</c>, in file order, each later error reported after the earlier
/// ones, and exit code 2; the lines are kept as golden files (broken-NAME.verified.txt). That they are epp's own
/// errors, at epp's locations and with its messages, is checked against epp:parse_file in the conformance tests
/// (Epp/EppParseFileTests).
/// </summary>
public sealed class BrokenSourceTests
{
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "fixtures", "broken"), "*.erl").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void AtLeastThirtyBrokenSources()
    {
        Assert.True(Sources().Count >= 30, $"only {Sources().Count} broken sources");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void BrokenSource_GivesItsDiagnosticsInOrder_Exit2(string name)
    {
        string path = $"fixtures/broken/{name}.erl";
        var result = CliRunner.Run("parse", path, "--otp-release", "25");
        Assert.Equal(2, result.ExitCode);
        Golden.Verify(result.Stderr, "broken-" + name);

        var locations = new List<(int Line, int Column)>();
        foreach (string line in result.StderrLines)
        {
            Assert.Matches(@"^fixtures/broken/[a-z_]+\.erl:\d+:\d+: (warning )?BD05\d\d: \S", line);
            string[] parts = line.Split(':');
            locations.Add((int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.NotEmpty(locations);
        Assert.Equal(locations.Order().ToList(), locations);
    }
}
