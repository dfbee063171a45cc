namespace BeamDecode.Cli.Tests.Parse;

/// <summary><c>beamdecode parse</c> through the CLI: the preprocessed source, the forms, options and refusals.</summary>
public sealed class ParseCommandTests
{
    private static readonly string[] FrontendArgs =
    [
        "fixtures/src/frontend/frontend.erl", "-I", "fixtures/src/frontend/include", "--lib-dir", "fixtures/src/frontend/lib",
        "-D", "DEBUG", "-D", "LEVEL=3", "--otp-release", "25",
    ];

    [Fact]
    public void FrontendFixture_PrintsThePreprocessedModule_WarningOnStderr_Exit0()
    {
        var result = CliRunner.Run(["parse", .. FrontendArgs]);
        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Stdout, "parse-frontend");
        string warning = Assert.Single(result.StderrLines);
        Assert.Equal("fixtures/src/frontend/frontend.erl:74:2: warning BD0539: -warning(\"a warning the preprocessor reports and parsing goes on\").", warning);
    }

    [Fact]
    public void FrontendFixture_Forms_AreEppParseFileTerms()
    {
        var result = CliRunner.Run(["parse", .. FrontendArgs, "--forms"]);
        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Stdout, "parse-frontend-forms");
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("{attribute,1,file,{", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{eof,", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("{warning,{74,epp,", StringComparison.Ordinal));
    }

    [Fact]
    public void FrontendFixture_FormsWithColumns_CarryLineAndColumn()
    {
        var result = CliRunner.Run(["parse", .. FrontendArgs, "--forms", "--columns"]);
        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Stdout, "parse-frontend-forms-columns");
        Assert.StartsWith("{attribute,{1,1},file,{", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheMacros_TheErrorDirectiveAndUndefinedMacrosAreReported_Exit2()
    {
        var result = CliRunner.Run("parse", "fixtures/src/frontend/frontend.erl", "-I", "fixtures/src/frontend/include",
            "--lib-dir", "fixtures/src/frontend/lib", "--otp-release", "25");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.Contains(": BD0526: undefined macro 'LEVEL'", StringComparison.Ordinal));
        Assert.Contains(result.StderrLines, l => l.Contains("-error(\"DEBUG is not defined\")", StringComparison.Ordinal));
        Assert.Contains("-module(frontend).", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsWithoutForms_IsAUsageError()
    {
        var result = CliRunner.Run("parse", "fixtures/src/frontend/frontend.erl", "--columns");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--columns applies to --forms", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsOneLine_Exit2()
    {
        var result = CliRunner.Run("parse", "fixtures/src/no_such_file.erl");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fixtures/src/no_such_file.erl: BD0200: no such file or directory", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Directory_NeedsOutputDirectory_AndWritesOneFilePerSource()
    {
        var refused = CliRunner.Run("parse", "fixtures/broken");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("name a directory for the output with -o DIR", refused.Stderr, StringComparison.Ordinal);

        string dir = Path.Combine(Path.GetTempPath(), "beamdecode-parse-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = CliRunner.Run("parse", "fixtures/broken", "--forms", "-o", dir, "--otp-release", "25");
            Assert.Equal(2, result.ExitCode);
            int sources = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "fixtures", "broken"), "*.erl").Length;
            Assert.Equal(sources, Directory.GetFiles(dir, "*.forms").Length);
            Assert.Empty(result.Stdout);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Check_OnADirectory_ReportsTheDiagnosticsOfEveryFile_PrintsAndWritesNothing_Exit2()
    {
        string dir = Path.Combine(Path.GetTempPath(), "beamdecode-parse-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = CliRunner.Run("parse", "fixtures/broken", "--forms", "-o", dir, "--otp-release", "25");
            var check = CliRunner.Run("parse", "fixtures/broken", "--check", "--otp-release", "25");
            Assert.Equal(2, check.ExitCode);
            Assert.Empty(check.Stdout);
            Assert.NotEmpty(check.StderrLines);
            Assert.Equal(written.StderrLines, check.StderrLines);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Check_OnAGoodFile_PrintsNothing_Exit0()
    {
        var result = CliRunner.Run("parse", "fixtures/src/frontend/frontend.erl", "-I", "fixtures/src/frontend/include", "--lib-dir",
            "fixtures/src/frontend/lib", "-D", "DEBUG", "-D", "LEVEL=3", "--otp-release", "25", "--check");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("warning BD0539", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--forms")]
    [InlineData("-o")]
    public void Check_WithFormsOrOutput_IsAUsageError(string other)
    {
        string[] args = other == "-o"
            ? ["parse", "fixtures/src/frontend/frontend.erl", "--check", "-o", Path.GetTempPath()]
            : ["parse", "fixtures/src/frontend/frontend.erl", "--check", other];
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--check prints nothing", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTransform_IsReportedAsInfo_Exit0()
    {
        string dir = Path.Combine(Path.GetTempPath(), "beamdecode-pt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "pt.erl");
            File.WriteAllText(file, "-module(pt).\n-compile([{parse_transform, my_transform}, export_all]).\nf() -> ok.\n");
            var result = CliRunner.Run("parse", file, "--otp-release", "25");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal($"{file}: BD0599: the module uses parse transform my_transform, which cannot run here: these are its forms before the transform",
                Assert.Single(result.StderrLines));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
