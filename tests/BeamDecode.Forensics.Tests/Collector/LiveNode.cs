using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.Collector;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.Tests.Collector;

/// <summary>
/// One run of a real node (<c>erl -noshell</c>) through Erlang/bd_driver.erl: it loads modules the ways a
/// firefighter does, evaluates the collector expression as the shell would (parsed from a file, evaluated by
/// erl_eval with no module of its own), and writes result.etf. Runs are cached per driver function, since
/// several tests check one dump.
/// </summary>
internal sealed class LiveNode
{
    private static readonly Dictionary<string, Lazy<LiveNode>> Runs = new(StringComparer.Ordinal)
    {
        ["run"] = new(() => new LiveNode("run")),
        ["run_all"] = new(() => new LiveNode("run_all")),
    };

    private LiveNode(string function)
    {
        Directory = ErlangTool.CreateTempDirectory("bd-collector");
        // Shared by several tests, so no test owns it: remove it when the test process ends.
        string created = Directory;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(created, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        ErlangTool.Compile(Directory, Path.Combine(AppContext.BaseDirectory, "Collector", "Erlang", "bd_driver.erl"));
        DumpPath = Path.Combine(Directory, "out.dump");
        File.WriteAllText(Path.Combine(Directory, "collector.expr"), CollectorSource.Expression(DumpPath));
        ErlangTool.RunErl($"bd_driver:{function}([\"collector.expr\"])", Directory, TimeSpan.FromMinutes(5));
        Result = (MapTerm)TermReader.Decode(File.ReadAllBytes(Path.Combine(Directory, "result.etf")));
        Dump = CollectorDumpReader.ReadFile(DumpPath);
    }

    public string Directory { get; }

    public string DumpPath { get; }

    /// <summary>What the driver wrote: result ({ok, Path}), new_modules, module_status, elapsed_ms, ...</summary>
    public MapTerm Result { get; }

    public CollectorDump Dump { get; }

    /// <summary>The run of the given driver function; skips (or fails under BEAMDECODE_REQUIRE_ERLANG=1) without erl.</summary>
    public static LiveNode Get(string function = "run")
    {
        _ = ErlangTool.Erl;
        _ = ErlangTool.Erlc;
        return Runs[function].Value;
    }

    public Term this[string key] => Result.TryGetValue(new AtomTerm(key), out var v) ? v : throw new KeyNotFoundException(key);

    public CollectorDumpModule Module(string name) =>
        Dump.Modules.SingleOrDefault(m => m.Module == name) ?? throw new KeyNotFoundException($"{name} is not in the dump");
}
