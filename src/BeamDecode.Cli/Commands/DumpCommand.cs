using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode dump list DUMP [--json]</c> and <c>beamdecode dump extract DUMP -o DIR [--force]</c>: what a
/// collector dump holds, and its captured object code as <c>module.beam</c> files. A dump that cannot be read is
/// one line, <c>DUMP: offset N: BDxxxx: message</c>, and exit code 2.
/// </summary>
public static class DumpCommand
{
    private static readonly Argument<string> ListDump = new("DUMP") { Description = "A collector dump (written by the code `beamdecode collector` prints), or an erl_crash.dump." };

    private static readonly Argument<string> ExtractDump = new("DUMP") { Description = "A collector dump (written by the code `beamdecode collector` prints)." };

    private static readonly Option<bool> Json = new("--json") { Description = "Write one JSON document instead of the text report." };

    private static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "The directory for the module.beam files (created if missing).",
        Required = true,
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace files that already exist in the directory." };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var list = new Command("list", "List the modules of a collector dump: md5, status, old code, whether the object code was captured and why not.");
        list.Arguments.Add(ListDump);
        list.Options.Add(Json);
        list.SetAction(parse => RunList(stdout, stderr, parse.GetValue(ListDump)!, parse.GetValue(Json)));

        var extract = new Command("extract", "Write module.beam for each module of a collector dump whose object code was captured.");
        extract.Arguments.Add(ExtractDump);
        extract.Options.Add(Output);
        extract.Options.Add(Force);
        extract.SetAction(parse => RunExtract(stdout, stderr, parse.GetValue(ExtractDump)!, parse.GetValue(Output)!, parse.GetValue(Force)));

        var command = new Command("dump", "Read a collector dump taken on a running node (see `beamdecode collector`).");
        command.Subcommands.Add(list);
        command.Subcommands.Add(extract);
        return command;
    }

    public static int RunList(TextWriter stdout, TextWriter stderr, string path, bool json)
    {
        if (IsCrashDump(path))
        {
            return CrashDumpList.Run(stdout, stderr, path, json);
        }

        if (Load(stderr, path) is not { } dump)
        {
            return ExitCodes.Trouble;
        }

        if (json)
        {
            stdout.Write(JsonSerializer.Serialize(ToJson(dump), DumpJsonContext.Readable.DumpListJson));
            stdout.WriteLine();
        }
        else
        {
            WriteText(stdout, dump);
        }

        return ExitCodes.Ok;
    }

    public static int RunExtract(TextWriter stdout, TextWriter stderr, string path, string directory, bool force)
    {
        if (Load(stderr, path) is not { } dump)
        {
            return ExitCodes.Trouble;
        }

        var results = CollectorDumpExtractor.Extract(dump, path, directory, force);
        int exit = ExitCodes.Ok;
        int written = 0;
        foreach (var result in results)
        {
            if (result.Problem is { } problem)
            {
                stderr.WriteLine(problem.ToString());
                exit = ExitCodes.Trouble;
            }
            else
            {
                stdout.WriteLine(result.WrittenPath);
                written++;
            }
        }

        int without = dump.Modules.Length - results.Length;
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"extracted {written} of {dump.Modules.Length} modules; {without} without captured object code (`beamdecode dump list` says why)"));
        return exit;
    }

    /// <summary>An erl_crash.dump named to <c>dump list</c> lists its module table instead.</summary>
    private static bool IsCrashDump(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> head = stackalloc byte[16];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return Forensics.CrashDumps.CrashDumpReader.LooksLikeCrashDump(head[..n]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static CollectorDump? Load(TextWriter stderr, string path)
    {
        try
        {
            return CollectorDumpReader.ReadFile(path);
        }
        catch (BadBeamFormatException e)
        {
            stderr.WriteLine(new ToolDiagnostic(path, e.Id, e.Offset, e.Chunk, e.Message).ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string id = File.Exists(path) || Directory.Exists(path) ? DiagnosticId.IoError : DiagnosticId.NoInput;
            stderr.WriteLine(new ToolDiagnostic(path, id, null, null, e.Message).ToString());
        }

        return null;
    }

    private static string? TimeText(CollectorDump dump) =>
        dump.Time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DumpListJson ToJson(CollectorDump dump)
    {
        var modules = new List<DumpModuleJson>(dump.Modules.Length);
        foreach (var m in dump.Modules)
        {
            modules.Add(new DumpModuleJson(
                m.Module,
                m.Path,
                m.LoadedAs is AtomTerm a ? a.Name : TermText.TryGetString(m.LoadedAs) ?? TermWriter.Write(m.LoadedAs),
                m.Md5Hex,
                m.Status,
                m.OldCode,
                m.ObjectCode is not null,
                m.ObjectCode?.Length,
                m.Unavailable,
                m.Error));
        }

        return new DumpListJson(
            dump.Node, dump.OtpRelease, dump.ErtsVersion, TimeText(dump), dump.ElapsedMilliseconds, dump.CodePathComplete,
            dump.Modules.Length, modules.Count(m => m.HasObjectCode), modules);
    }

    private static void WriteText(TextWriter w, CollectorDump dump)
    {
        int captured = dump.Modules.Count(m => m.ObjectCode is not null);
        w.WriteLine($"node: {dump.Node}");
        w.WriteLine($"otp release: {dump.OtpRelease ?? "?"} (erts {dump.ErtsVersion ?? "?"})");
        w.WriteLine($"time: {TimeText(dump) ?? "?"}");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"modules: {dump.Modules.Length}, object code captured for {captured}"));
        w.WriteLine();
        int width = Math.Max(6, dump.Modules.IsEmpty ? 0 : dump.Modules.Max(m => InMemoryInputs.Printable(m.Module).Length));
        w.WriteLine($"{"module".PadRight(width)}  {"status",-10}  {"md5",-32}  old  object code");
        foreach (var m in dump.Modules)
        {
            // Names and paths come from the node: keep each module on its one line whatever they hold.
            string name = InMemoryInputs.Printable(m.Module);
            string old = m.OldCode switch { true => "yes", false => "no ", null => "?  " };
            string code = m.Error is { } error
                ? $"error: {error}"
                : m.ObjectCode is { } bytes
                    ? string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes")
                    : $"unavailable: {m.Unavailable ?? "?"}";
            if (m.LoadedAs is AtomTerm { Name: "unknown" })
            {
                // Only erlang:loaded/0 lists it: someone called erlang:load_module/2, a typical hand-made hot patch.
                code += " (loaded behind the code server's back)";
            }

            w.WriteLine($"{name.PadRight(width)}  {m.Status ?? "?",-10}  {m.Md5Hex ?? "-",-32}  {old}  {InMemoryInputs.Printable(code)}  {InMemoryInputs.Printable(m.Path ?? "")}");
        }
    }
}
