using System.Diagnostics;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.CrashDumps;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Tests.CrashDumps;

/// <summary>
/// erl_crash.dump as an input: a real node loads modules (one with a quoted name, one with a -vsn of its own),
/// records erlang:loaded(), code:all_loaded() and every module's md5, then dies with erlang:halt/1; its dump's
/// module table must list exactly those modules, and the md5 its default vsn records must be the loaded md5.
/// </summary>
public sealed class CrashDumpTests : IDisposable
{
    private readonly string _dir = ErlangTool.CreateTempDirectory("bd-crashdump");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_module_table_of_a_real_crash_dump_is_what_the_node_had_loaded()
    {
        string erl = ErlangTool.Erl;
        string dumpPath = Path.Combine(_dir, "erl_crash.dump");
        const string Eval =
            "Load = fun(Forms) -> {ok, M, B} = compile:forms(Forms, [debug_info]), {module, M} = code:load_binary(M, \"mem\", B) end, " +
            "Load([{attribute, 1, module, 'Elixir.Bd.Quoted'}, {attribute, 1, export, [{f, 0}]}, {function, 2, f, 0, [{clause, 2, [], [], [{atom, 2, ok}]}]}]), " +
            "Load([{attribute, 1, module, bd_own_vsn}, {attribute, 1, vsn, \"1.0\"}]), " +
            "ok = file:write_file(\"warm\", <<>>), " +
            "Loaded = lists:sort(erlang:loaded()), All = lists:sort([M || {M, _} <- code:all_loaded()]), " +
            "Md5 = [{M, erlang:get_module_info(M, md5)} || M <- Loaded, not erlang:is_builtin(M, module_info, 0) orelse true], " +
            "ok = file:write_file(\"loaded.etf\", term_to_binary({Loaded, All, Md5})), " +
            "erlang:halt(\"boom from a test\").";
        var start = new ProcessStartInfo(erl) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-noshell", "-noinput", "-eval", Eval })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ERL_CRASH_DUMP"] = dumpPath;
        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "erl did not halt");
            Assert.True(File.Exists(dumpPath), $"no crash dump; erl said: {await stdout}{await stderr}");
        }

        var expected = (TupleTerm)TermReader.Decode(File.ReadAllBytes(Path.Combine(_dir, "loaded.etf")));
        var loaded = ((ListTerm)expected[0]).Elements.Select(t => ((AtomTerm)t).Name).ToList();
        var all = ((ListTerm)expected[1]).Elements.Select(t => ((AtomTerm)t).Name).ToList();
        var md5 = ((ListTerm)expected[2]).Elements.Cast<TupleTerm>()
            .ToDictionary(t => ((AtomTerm)t[0]).Name, t => Convert.ToHexStringLower(((BitStringTerm)t[1]).Bytes.ToArray()));

        var dump = CrashDumpReader.ReadFile(dumpPath);
        Assert.True(dump.Complete);
        Assert.Equal("boom from a test", dump.Slogan);
        Assert.Equal("nonode@nohost", dump.Node);
        var names = dump.Modules.Select(m => m.Module).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(loaded.Order(StringComparer.Ordinal), names);
        Assert.Equal(all.Order(StringComparer.Ordinal), names);
        Assert.Contains("Elixir.Bd.Quoted", names);
        Assert.All(dump.Modules, m => Assert.Null(m.Problem));

        // Every module compiled with the default vsn records the md5 of its loaded code; preloaded modules carry
        // no attributes, and a -vsn of one's own is not an md5.
        int withVsnMd5 = 0;
        foreach (var m in dump.Modules)
        {
            if (m.VsnMd5Hex is { } hex)
            {
                Assert.Equal(md5[m.Module], hex);
                withVsnMd5++;
            }
        }

        var own = dump.Modules.Single(m => m.Module == "bd_own_vsn");
        Assert.Null(own.VsnMd5Hex);
        Assert.NotNull(own.CurrentCompileInfo);
        int preloaded = dump.Modules.Count(m => m.CurrentAttributes is null);
        Assert.Equal(dump.Modules.Length - preloaded - 1, withVsnMd5);
        Assert.True(withVsnMd5 > 50, $"{withVsnMd5} modules with a vsn md5");

        // As an input: one metadata-only module per table entry; commands that need code get BD0307.
        var selection = InputExpander.Expand([dumpPath]);
        Assert.Equal(dump.Modules.Length, selection.Files.Length);
        var lists = selection.Files.Single(f => f.DisplayPath.EndsWith("!lists", StringComparison.Ordinal));
        var summary = ModuleReader.ReadSummary(lists.DisplayPath, lists.FullPath).Summary!;
        Assert.Equal(md5["lists"], summary.Md5);
        Assert.Equal(CrashDumpSummary.DebugInfoText, summary.DebugInfo);
        Assert.NotNull(summary.CompilerVersion);
        var e = Assert.Throws<BadBeamFormatException>(() => ModuleReader.Open(lists.FullPath));
        Assert.Equal(DiagnosticId.NoObjectCode, e.Id);
    }

    [Theory]
    [InlineData("not a crash dump\n")]
    [InlineData("")]
    public void A_file_that_is_not_a_crash_dump_is_BD0308(string text)
    {
        var e = Assert.Throws<BadBeamFormatException>(() => CrashDumpReader.Read(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text))));
        Assert.Equal(DiagnosticId.BadCrashDump, e.Id);
    }

    [Fact]
    public void Truncated_and_corrupt_sections_are_recorded_per_module_never_thrown()
    {
        string text =
            "=erl_crash_dump:0.5\nTue\nSlogan: x\n=loaded_modules\nCurrent code: 10\nOld code: 0\n" +
            "=mod:good\nCurrent size: 5\nCurrent attributes: g2o=\n" +
            "=mod:'Quoted\\'s'\nCurrent size: 7\nOld size: 3\nCurrent attributes: !!!notbase64\n" +
            "=mod:badterm\nCurrent size: 1\nCurrent compilation info: g2RkAA==\n" +
            "=mod:cut\nCurrent size: 1\nCurrent attributes: g2wAAAAC";
        var dump = CrashDumpReader.Read(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.False(dump.Complete);
        Assert.Equal(["good", "Quoted's", "badterm", "cut"], dump.Modules.Select(m => m.Module));
        Assert.Equal(NilTerm.Instance, dump.Modules[0].CurrentAttributes);
        Assert.Null(dump.Modules[0].Problem);
        Assert.Equal(3, dump.Modules[1].OldSize);
        Assert.NotNull(dump.Modules[1].Problem);
        Assert.NotNull(dump.Modules[2].Problem);
        Assert.NotNull(dump.Modules[3].Problem);
        Assert.Equal(10, dump.CurrentCodeBytes);
    }

    [Fact]
    public void Long_lines_in_skipped_sections_are_not_stored_and_module_lines_are_bounded()
    {
        var sb = new System.Text.StringBuilder("=erl_crash_dump:0.5\n=proc_heap:<0.1.0>\n");
        sb.Append('A', 5 << 20).Append('\n').Append("=mod:m\nCurrent size: 9\n=end\n");
        var dump = CrashDumpReader.Read(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(sb.ToString())));
        Assert.True(dump.Complete);
        Assert.Equal(9, Assert.Single(dump.Modules).CurrentSize);
    }

    [Fact]
    public void Dump_list_and_info_read_a_crash_dump_from_the_command_line()
    {
        // {vsn, [16#0123456789abcdef0123456789abcdef]} as erts prints it: base64 of the term.
        byte[] attributes = [131, 108, 0, 0, 0, 1, 104, 2, 100, 0, 3, (byte)'v', (byte)'s', (byte)'n', 108, 0, 0, 0, 1, 110, 16, 0,
            0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, 106, 106];
        string path = Path.Combine(_dir, "erl_crash.dump");
        File.WriteAllText(path,
            "=erl_crash_dump:0.5\nTue\nSlogan: test\nSystem version: Erlang/OTP 25\n=node:'a@b'\n=loaded_modules\nCurrent code: 10\nOld code: 0\n" +
            "=mod:m\nCurrent size: 5\nCurrent attributes: " + Convert.ToBase64String(attributes) + "\n=mod:pre\nCurrent size: 9\n=end\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, Cli.Program.Run(["dump", "list", path], stdout, stderr));
        Assert.Contains("0123456789abcdef0123456789abcdef", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("node: a@b", stdout.ToString(), StringComparison.Ordinal);

        stdout = new StringWriter();
        Assert.Equal(0, Cli.Program.Run(["info", path], stdout, stderr));
        Assert.Contains("erl_crash.dump!m", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("(not recorded: preloaded, or a -vsn of its own)", stdout.ToString(), StringComparison.Ordinal);

        stdout = new StringWriter();
        Assert.Equal(2, Cli.Program.Run(["disasm", path, "-o", Path.Combine(_dir, "asm")], stdout, stderr));
        Assert.Contains(DiagnosticId.NoObjectCode, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_damage_to_a_crash_dump_never_throws_anything_but_a_diagnostic()
    {
        byte[] good = System.Text.Encoding.ASCII.GetBytes(
            "=erl_crash_dump:0.5\nTue\nSlogan: x\n=loaded_modules\nCurrent code: 10\n=mod:good\nCurrent size: 5\n" +
            "Current attributes: g2wAAAABaAJkAAN2c25sAAAAAW4QAFRY39LVwW50Wlc5qoszfEdqag==\nCurrent compilation info: g2o=\n" +
            "=mod:'q\\'x'\nOld size: 3\nOld attributes: g2o=\n=end\n");
        var random = new Random(11);
        for (int i = 0; i < 2000; i++)
        {
            byte[] bad = (byte[])good.Clone();
            for (int k = random.Next(1, 6); k > 0; k--)
            {
                bad[random.Next(bad.Length)] = (byte)random.Next(256);
            }

            int length = random.Next(2) == 0 ? bad.Length : random.Next(bad.Length);
            try
            {
                CrashDumpReader.Read(new MemoryStream(bad, 0, length));
            }
            catch (BadBeamFormatException e)
            {
                Assert.Equal(DiagnosticId.BadCrashDump, e.Id);
            }
        }
    }
}
