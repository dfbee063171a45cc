using System.Diagnostics;
using System.Globalization;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.Carving;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Tests.Carving;

/// <summary>
/// carve on a real core file of a running beam.smp (gcore from gdb). Loaded code lives in the node's memory in
/// its loaded form, not as a BEAM file; file images exist in memory only while a binary holds them. The node
/// (Erlang/bd_hold.erl) loads the stdlib modules it has not loaded with code:load_binary/3 and keeps the
/// binaries: every one of those must be carved with its md5. How many of the other loaded modules turn up (file
/// bytes the code server read and freed, not yet overwritten) is reported, not asserted.
/// </summary>
public sealed class CoreFileCarveTests : IDisposable
{
    private readonly string _dir = ErlangTool.CreateTempDirectory("bd-core");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_beam_a_process_holds_is_carved_from_a_gcore_core_file()
    {
        string erl = ErlangTool.Erl;
        string? gcore = ErlangTool.Find("gcore");
        ErlangTool.Compile(_dir, Path.Combine(AppContext.BaseDirectory, "Carving", "Erlang", "bd_hold.erl"));
        // Small reservations (literal super carrier, few threads) keep the core near 0.5 GB instead of 2 GB.
        var start = new ProcessStartInfo(erl) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in "+MIscs 16 +S 1:1 +SDcpu 1:1 +SDio 1 +A 1 -noshell -noinput -pa . -s bd_hold start".Split(' '))
        {
            start.ArgumentList.Add(a);
        }

        using var node = Process.Start(start)!;
        string core = Path.Combine(_dir, "core");
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(_dir, "ready")))
            {
                if (node.HasExited)
                {
                    Assert.Fail("the node stopped: " + await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
                }

                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the node did not get ready");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var state = (TupleTerm)TermReader.Decode(await File.ReadAllBytesAsync(Path.Combine(_dir, "state.etf"), TestContext.Current.CancellationToken));
            int osPid = int.Parse(TermText.TryGetString(state[0])!, CultureInfo.InvariantCulture);
            var held = Md5s(state[1]);
            var loaded = Md5s(state[2]);

            string method = "gcore";
            try
            {
                if (gcore is null || Environment.GetEnvironmentVariable("BEAMDECODE_CORE_VIA_PROC") == "1")
                {
                    throw new ErlangToolException(gcore is null ? "gcore (gdb) is not on PATH" : "BEAMDECODE_CORE_VIA_PROC=1");
                }

                ErlangTool.Run(gcore, ["-o", core, osPid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(3), _dir);
                core += "." + osPid.ToString(CultureInfo.InvariantCulture);
            }
            catch (ErlangToolException e)
            {
                // No gdb, or ptrace refused to it (a container; yama ptrace_scope 1 lets only a parent trace): read
                // the mapped regions through /proc/PID/mem instead, which this process may do as the node's parent.
                method = "/proc/PID/mem (" + e.Message.Split('\n')[0] + ")";
                ProcessMemory.Dump(osPid, core);
            }

            node.Kill();

            clock.Restart();
            var result = CarveExtractor.Carve(core, Path.Combine(_dir, "out"), force: false);
            double seconds = clock.Elapsed.TotalSeconds;
            var carved = result.Scan.Images.Where(i => i.IsValid).Select(i => i.Md5Hex).ToHashSet(StringComparer.Ordinal);

            Assert.NotEmpty(held);
            Assert.All(held, h => Assert.Contains(h.Value, carved));
            int loadedFound = loaded.Count(l => carved.Contains(l.Value));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{method}: core {new FileInfo(core).Length} bytes scanned in {seconds:F2} s; {result.Scan.Images.Length} BEAM headers, " +
                $"{carved.Count} distinct valid images; held binaries found {held.Count} of {held.Count}; " +
                $"modules loaded on the node found {loadedFound} of {loaded.Count}");
            Assert.All(result.Files, f => Assert.Null(f.Problem));
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill();
            }

            await node.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (File.Exists(core))
            {
                File.Delete(core);
            }
        }
    }

    private static Dictionary<string, string> Md5s(Term list) =>
        ((ListTerm)list).Elements.Cast<TupleTerm>()
            .ToDictionary(t => ((AtomTerm)t[0]).Name, t => Convert.ToHexStringLower(((BitStringTerm)t[1]).Bytes.ToArray()), StringComparer.Ordinal);
}
