using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.Collector;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Forensics.Tests.Collector;

/// <summary>
/// The collector as users run it: pasted into a real Erlang shell (twice, over the user's own bindings), as the
/// <c>--module</c> form compiled with warnings as errors, and read back by the CLI.
/// </summary>
public sealed class CollectorFormsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bd-forms-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Pasted_into_a_shell_it_answers_ok_then_refuses_to_overwrite()
    {
        string erl = ErlangTool.Erl;
        string dump = Path.Combine(_dir, "shell.dump");
        string expression = CollectorSource.Expression(dump);
        // The user's own bindings, including names the collector uses for its parameter and a common Mod/Path.
        string input = "Mod = x, Path = y, BdOut = z, Out = 1.\n" + expression + expression + "q().\n";
        string output = RunWithStdin(erl, input);
        Assert.Contains($"{{ok,\"{dump}\"}}", output, StringComparison.Ordinal);
        Assert.Contains($"{{error,{{eexist,\"{dump}\"}}}}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("exception", output, StringComparison.Ordinal);
        Assert.NotEmpty(CollectorDumpReader.ReadFile(dump).Modules);
    }

    [Fact]
    public void The_module_form_compiles_without_warnings_and_collects()
    {
        _ = ErlangTool.Erl;
        string dump = Path.Combine(_dir, "module.dump");
        File.WriteAllText(Path.Combine(_dir, CollectorSource.ModuleName + ".erl"), CollectorSource.Module(dump));
        ErlangTool.Run(ErlangTool.Erlc, ["+warnings_as_errors", CollectorSource.ModuleName + ".erl"], workingDirectory: _dir);
        string output = ErlangTool.RunErl($"io:format(\"~p~n\", [{CollectorSource.ModuleName}:collect()])", _dir);
        Assert.Equal($"{{ok,\"{dump}\"}}", output.Trim());
        var read = CollectorDumpReader.ReadFile(dump);
        var self = Assert.Single(read.Modules, m => m.Module == CollectorSource.ModuleName);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, CollectorSource.ModuleName + ".beam")), self.ObjectCode!.Value.ToArray());
    }

    [Fact]
    public void The_default_name_is_the_node_and_the_time_in_the_cwd()
    {
        _ = ErlangTool.Erl;
        File.WriteAllText(Path.Combine(_dir, "c.expr"), CollectorSource.Expression(null));
        string output = ErlangTool.RunErl(
            "{ok, B} = file:read_file(\"c.expr\"), {ok, T, _} = erl_scan:string(binary_to_list(B)), " +
            "{ok, E} = erl_parse:parse_exprs(T), {value, {ok, P}, _} = erl_eval:exprs(E, []), io:format(\"~s~n\", [P])",
            _dir);
        string path = output.Trim();
        Assert.Matches(@"^.*/beamdecode-nonode@nohost-\d{8}T\d{6}Z\.dump$", path);
        Assert.Equal(Path.GetFullPath(_dir), Path.GetDirectoryName(path));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Past_the_deadline_modules_are_recorded_from_bifs_alone()
    {
        _ = ErlangTool.Erl;
        string dump = Path.Combine(_dir, "late.dump");
        string expression = CollectorSource.Expression(dump);
        const string Deadline = "erlang:monotonic_time(millisecond) + 120000";
        Assert.Contains(Deadline, expression, StringComparison.Ordinal);
        // A deadline already passed: what a node whose file system hangs every read would come to.
        File.WriteAllText(Path.Combine(_dir, "late.expr"), expression.Replace(Deadline, "erlang:monotonic_time(millisecond) - 1", StringComparison.Ordinal));
        ErlangTool.RunErl(
            "{ok, B} = file:read_file(\"late.expr\"), {ok, T, _} = erl_scan:string(binary_to_list(B)), " +
            "{ok, E} = erl_parse:parse_exprs(T), {value, {ok, _}, _} = erl_eval:exprs(E, [])",
            _dir);
        var read = CollectorDumpReader.ReadFile(dump);
        Assert.NotEmpty(read.Modules);
        Assert.False(read.CodePathComplete);
        Assert.All(read.Modules, m =>
        {
            Assert.Equal("deadline", m.Error);
            Assert.Equal("deadline", m.Unavailable);
            Assert.NotNull(m.Md5);
            Assert.NotNull(m.OldCode);
        });
    }

    [Fact]
    public void The_cli_prints_the_expression_and_reads_the_dump_it_writes()
    {
        var node = LiveNode.Get();
        var (exit, stdout, stderr) = Cli("collector", "--out", node.DumpPath);
        Assert.Equal(0, exit);
        Assert.Equal(CollectorSource.Expression(node.DumpPath), stdout);
        Assert.EndsWith(").\n", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);

        (exit, stdout, stderr) = Cli("dump", "list", node.DumpPath, "--json");
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("nonode@nohost", root.GetProperty("node").GetString());
        Assert.Equal(node.Dump.OtpRelease, root.GetProperty("otpRelease").GetString());
        var file = root.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("module").GetString() == "m_file");
        Assert.Equal(node.Module("m_file").Md5Hex, file.GetProperty("md5").GetString());
        Assert.True(file.GetProperty("hasObjectCode").GetBoolean());
        Assert.Equal(node.Module("m_file").Path, file.GetProperty("path").GetString());
        var mem = root.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("module").GetString() == "m_mem");
        Assert.False(mem.GetProperty("hasObjectCode").GetBoolean());
        Assert.Equal("not_a_file", mem.GetProperty("unavailable").GetString());

        string outDir = Path.Combine(_dir, "x");
        (exit, stdout, _) = Cli("dump", "extract", node.DumpPath, "-o", outDir);
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(node.Directory, "m_file.beam")), File.ReadAllBytes(Path.Combine(outDir, "m_file.beam")));
        (exit, _, stderr) = Cli("dump", "extract", node.DumpPath, "-o", outDir);
        Assert.Equal(2, exit);
        Assert.Contains("BD0303", stderr, StringComparison.Ordinal);
        (exit, _, _) = Cli("dump", "extract", node.DumpPath, "-o", outDir, "--force");
        Assert.Equal(0, exit);

        (exit, stdout, _) = Cli("info", node.DumpPath);
        Assert.Equal(0, exit);
        Assert.Contains(node.DumpPath + "!m_file.beam", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_reports_a_bad_dump_in_one_line()
    {
        string path = Path.Combine(_dir, "bad.dump");
        File.WriteAllBytes(path, [131, 100, 0, 1, (byte)'x']);
        var (exit, stdout, stderr) = Cli("dump", "list", path);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal($"{path}: offset 0: BD0300: the term is not {{beamdecode_dump, Version, Map}}\n", stderr);
    }

    private static (int Exit, string Stdout, string Stderr) Cli(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = BeamDecode.Cli.Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs erl as an interactive shell fed from stdin (what a paste into a remote console amounts to).</summary>
    private string RunWithStdin(string executable, string input)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = _dir,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the shell did not finish: " + stdout.Result);
        }

        return stdout.Result + stderr.Result;
    }
}
