using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Tests.Collector;

/// <summary>
/// The collector on a real node: every way of loading code is classified as it should be, captured object code
/// is byte-identical to the file and its md5 is the loaded code's, nothing gets loaded by the collector, and the
/// status field agrees with code:module_status/0.
/// </summary>
public sealed class CollectorLiveTests
{
    private static byte[] Md5Of(byte[] beam) => ModuleMd5.TryCompute(BeamFile.Read(beam), out _)!;

    private static string Hex(byte[] md5) => Convert.ToHexStringLower(md5);

    [Fact]
    public void Returns_ok_and_the_path_and_loads_no_module()
    {
        var node = LiveNode.Get();
        Assert.Equal($"{{ok,{TermWriter.Write(new ListTerm([.. node.DumpPath.Select(c => (Term)IntegerTerm.Create(c))], NilTerm.Instance))}}}", TermWriter.Write(node["result"]));
        Assert.Equal("[]", TermWriter.Write(node["new_modules"]));
        Assert.Equal("nonode@nohost", node.Dump.Node);
        Assert.False(string.IsNullOrEmpty(node.Dump.OtpRelease));
        Assert.NotNull(node.Dump.Time);
        Assert.True(node.Dump.CodePathComplete);
    }

    [Theory]
    [InlineData("m_file")] // code:load_file/1
    [InlineData("m_c")] // c:c/1 of a file in /tmp
    [InlineData("m_gz")] // a gzip-compressed beam
    public void Captures_modules_loaded_from_files_byte_identical(string name)
    {
        var node = LiveNode.Get();
        var m = node.Module(name);
        byte[] onDisk = File.ReadAllBytes(Path.Combine(node.Directory, name + ".beam"));
        Assert.Equal(onDisk, m.ObjectCode!.Value.ToArray());
        Assert.Equal(Hex(Md5Of(onDisk)), m.Md5Hex);
        Assert.Equal("loaded", m.Status);
        Assert.False(m.OldCode);
        Assert.Null(m.Unavailable);
        Assert.Equal(Path.Combine(node.Directory, name + ".beam"), m.Path);
    }

    [Fact]
    public void Old_code_still_running_is_flagged_and_the_current_code_captured()
    {
        var node = LiveNode.Get();
        var m = node.Module("m_old");
        Assert.True(m.OldCode);
        Assert.Equal("true", TermWriter.Write(node["old_pid_alive"]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(node.Directory, "m_old.beam")), m.ObjectCode!.Value.ToArray());
    }

    [Fact]
    public void A_beam_changed_on_disk_is_not_captured_and_the_loaded_md5_kept()
    {
        var node = LiveNode.Get();
        var m = node.Module("m_changed");
        Assert.Null(m.ObjectCode);
        byte[] v1 = File.ReadAllBytes(Path.Combine(node.Directory, "copies", "m_changed.v1"));
        byte[] v2 = File.ReadAllBytes(Path.Combine(node.Directory, "m_changed.beam"));
        Assert.Equal(Hex(Md5Of(v1)), m.Md5Hex);
        Assert.Equal($"{{changed_on_disk,{TermWriter.Write(new BitStringTerm([.. Md5Of(v2)]))}}}", m.Unavailable);
        Assert.Equal("modified", m.Status);
    }

    [Fact]
    public void Code_loaded_from_memory_has_its_md5_and_no_bytes()
    {
        var node = LiveNode.Get();
        var mem = node.Module("m_mem");
        Assert.Null(mem.ObjectCode);
        Assert.Equal("not_a_file", mem.Unavailable);
        Assert.Equal("m_mem_from_memory.beam", mem.Path);
        Assert.Equal(Hex(Md5Of(File.ReadAllBytes(Path.Combine(node.Directory, "copies", "m_mem.bin")))), mem.Md5Hex);
        Assert.Equal("removed", mem.Status);

        // erlang:load_module/2 behind the code server's back: only erlang:loaded/0 knows it.
        var raw = node.Module("m_raw");
        Assert.Equal("unknown", ((AtomTerm)raw.LoadedAs).Name);
        Assert.Null(raw.ObjectCode);
        Assert.Equal(Hex(Md5Of(File.ReadAllBytes(Path.Combine(node.Directory, "copies", "m_raw.bin")))), raw.Md5Hex);
    }

    [Fact]
    public void Cover_compiled_code_is_said_to_be_so()
    {
        var m = LiveNode.Get().Module("m_cover");
        Assert.Equal("cover_compiled", ((AtomTerm)m.LoadedAs).Name);
        Assert.Equal("cover_compiled", m.Path);
        Assert.Equal("cover_compiled", m.Unavailable);
        Assert.Equal("modified", m.Status);
        Assert.NotNull(m.Md5);
    }

    [Fact]
    public void Deleted_and_purged_modules_are_handled()
    {
        var node = LiveNode.Get();
        Assert.DoesNotContain(node.Dump.Modules, m => m.Module == "m_purged");
        var removed = node.Module("m_removed");
        Assert.Null(removed.ObjectCode);
        Assert.Equal("not_a_file", removed.Unavailable);
        Assert.Equal("removed", removed.Status);
        Assert.All(node.Dump.Modules, m => Assert.Null(m.Error));
    }

    [Fact]
    public void Every_otp_module_from_a_file_is_captured_with_the_loaded_md5()
    {
        var node = LiveNode.Get();
        var fromFiles = node.Dump.Modules.Where(m => m.LoadedAs is ListTerm && !m.Module.StartsWith("m_", StringComparison.Ordinal) && m.Module != "bd_driver").ToList();
        Assert.True(fromFiles.Count > 50, $"only {fromFiles.Count} OTP modules loaded from files");
        Assert.All(fromFiles, m =>
        {
            Assert.True(m.ObjectCode is not null, $"{m.Module}: {m.Unavailable}");
            byte[] bytes = m.ObjectCode!.Value.ToArray();
            Assert.Equal(File.ReadAllBytes(m.Path!), bytes);
            Assert.Equal(Hex(Md5Of(bytes)), m.Md5Hex);
        });
        Assert.All(node.Dump.Modules.Where(m => m.LoadedAs is AtomTerm { Name: "preloaded" }), m => Assert.Equal("preloaded", m.Unavailable));
        Assert.Contains(node.Dump.Modules, m => m.Module == "erlang");
    }

    [Fact]
    public void Status_agrees_with_code_module_status()
    {
        var node = LiveNode.Get();
        var expected = ((ListTerm)node["module_status"]).Elements.Cast<TupleTerm>()
            .ToDictionary(t => ((AtomTerm)t[0]).Name, t => ((AtomTerm)t[1]).Name, StringComparer.Ordinal);
        int compared = 0;
        foreach (var m in node.Dump.Modules)
        {
            if (m.Module == "m_flicker" || !expected.TryGetValue(m.Module, out var status))
            {
                continue;
            }

            Assert.True(status == m.Status, $"{m.Module}: code:module_status says {status}, the dump {m.Status}");
            compared++;
        }

        Assert.True(compared > 50);
    }

    [Fact]
    public void Extracted_modules_are_byte_identical_and_usable_as_inputs()
    {
        var node = LiveNode.Get();
        string outDir = Path.Combine(node.Directory, "extracted-" + Guid.NewGuid().ToString("N"));
        var results = CollectorDumpExtractor.Extract(node.Dump, node.DumpPath, outDir, force: false);
        Assert.All(results, r => Assert.Null(r.Problem));
        Assert.Equal(node.Dump.Modules.Count(m => m.ObjectCode is not null), results.Length);
        foreach (var r in results)
        {
            Assert.Equal(node.Module(r.Module).ObjectCode!.Value.ToArray(), File.ReadAllBytes(r.WrittenPath!));
        }

        var selection = InputExpander.Expand([node.DumpPath]);
        Assert.Equal(results.Length, selection.Files.Length);
        Assert.All(selection.Files, f => Assert.Null(ModuleReader.ReadSummary(f.DisplayPath, f.FullPath).Diagnostic));
    }

    [Fact]
    public void A_node_with_every_otp_module_loaded()
    {
        var node = LiveNode.Get("run_all");
        Assert.Equal("[]", TermWriter.Write(node["new_modules"]));
        long ms = ((IntegerTerm)node["elapsed_ms"]).TryGetInt64(out long v) ? v : -1;
        int captured = node.Dump.Modules.Count(m => m.ObjectCode is not null);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"collector: {node.Dump.Modules.Length} modules, {captured} captured, {ms} ms, dump {new FileInfo(node.DumpPath).Length} bytes");
        Assert.True(node.Dump.Modules.Length > 500, $"only {node.Dump.Modules.Length} modules loaded");
        Assert.All(node.Dump.Modules, m => Assert.Null(m.Error));
        Assert.True(ms < 120_000, $"the collector took {ms} ms");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "collector-timing.txt"),
            $"{node.Dump.Modules.Length} modules, {captured} captured, {ms} ms, dump {new FileInfo(node.DumpPath).Length} bytes\n");
    }
}
