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
    /// <summary>The golden file names, one per source of fixtures/broken (listed, so every golden is named by a test).</summary>
    public static readonly string[] Goldens =
    [
        "broken-epp_bad_define",
        "broken-epp_bad_if",
        "broken-epp_bad_include",
        "broken-epp_circular_macro",
        "broken-epp_elif_after_else",
        "broken-epp_else_without_if",
        "broken-epp_error_directive",
        "broken-epp_function_name",
        "broken-epp_include_missing",
        "broken-epp_macro_args_unclosed",
        "broken-epp_macro_arity",
        "broken-epp_redefine",
        "broken-epp_undefined_macro",
        "broken-epp_unterminated_if",
        "broken-mixed_errors",
        "broken-parse_bad_attributes",
        "broken-parse_bad_type",
        "broken-parse_binary",
        "broken-parse_clauses",
        "broken-parse_control",
        "broken-parse_fun",
        "broken-parse_head_mismatch",
        "broken-parse_map_record",
        "broken-parse_missing_dot",
        "broken-parse_missing_end",
        "broken-parse_operators",
        "broken-parse_unbalanced",
        "broken-scan_atom_too_long",
        "broken-scan_bad_character",
        "broken-scan_bad_escape",
        "broken-scan_char_at_eof",
        "broken-scan_illegal_base",
        "broken-scan_illegal_char",
        "broken-scan_illegal_float",
        "broken-scan_underscore_number",
        "broken-scan_unterminated_atom",
        "broken-scan_unterminated_string",
    ];

    public static TheoryData<string> Sources() => new(Goldens);

    [Fact]
    public void EveryBrokenSourceHasAGolden_AndThereAreAtLeastThirty()
    {
        var files = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "fixtures", "broken"), "*.erl")
            .Select(f => "broken-" + Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);
        Assert.Equal(files, Goldens.Order(StringComparer.Ordinal));
        Assert.True(Goldens.Length >= 30, $"only {Goldens.Length} broken sources");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void BrokenSource_GivesItsDiagnosticsInOrder_Exit2(string golden)
    {
        string path = $"fixtures/broken/{golden["broken-".Length..]}.erl";
        var result = CliRunner.Run("parse", path, "--otp-release", "25");
        Assert.Equal(2, result.ExitCode);
        Golden.Verify(result.Stderr, golden);

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
