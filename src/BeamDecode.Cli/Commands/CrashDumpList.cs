using System.Globalization;
using System.Text.Json;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.CrashDumps;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Cli.Commands;

/// <summary><c>beamdecode dump list erl_crash.dump [--json]</c>: the crash dump's header and module table.</summary>
internal static class CrashDumpList
{
    public static int Run(TextWriter stdout, TextWriter stderr, string path, bool json)
    {
        CrashDump dump;
        try
        {
            dump = CrashDumpReader.ReadFile(path);
        }
        catch (BadBeamFormatException e)
        {
            stderr.WriteLine(new ToolDiagnostic(path, e.Id, e.Offset, e.Chunk, e.Message).ToString());
            return ExitCodes.Trouble;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(new ToolDiagnostic(path, DiagnosticId.IoError, null, null, e.Message).ToString());
            return ExitCodes.Trouble;
        }

        if (json)
        {
            var modules = dump.Modules.Select(m => new CrashDumpModuleJson(
                m.Module, m.CurrentSize, m.OldSize, m.VsnMd5Hex, Text(m.CurrentAttributes), Text(m.CurrentCompileInfo),
                Text(m.OldAttributes), Text(m.OldCompileInfo), m.Problem)).ToList();
            stdout.Write(JsonSerializer.Serialize(
                new CrashDumpListJson("erl_crash.dump", dump.DumpVersion, dump.Node, dump.Slogan, dump.SystemVersion, dump.Complete,
                    dump.CurrentCodeBytes, dump.OldCodeBytes, modules.Count, modules),
                CrashDumpJsonContext.Readable.CrashDumpListJson));
            stdout.WriteLine();
            return ExitCodes.Ok;
        }

        stdout.WriteLine($"erl_crash.dump {dump.DumpVersion}{(dump.Complete ? "" : " (cut short: no =end)")}");
        stdout.WriteLine($"node: {InMemoryInputs.Printable(dump.Node ?? "?")}");
        stdout.WriteLine($"slogan: {InMemoryInputs.Printable(dump.Slogan ?? "?")}");
        stdout.WriteLine($"system: {InMemoryInputs.Printable(dump.SystemVersion ?? "?")}");
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"modules: {dump.Modules.Length}, current code {dump.CurrentCodeBytes?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes, old code {dump.OldCodeBytes?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes"));
        stdout.WriteLine();
        int width = Math.Max(6, dump.Modules.IsEmpty ? 0 : dump.Modules.Max(m => InMemoryInputs.Printable(m.Module).Length));
        stdout.WriteLine($"{"module".PadRight(width)}  {"md5 (default vsn)",-32}  {"size",8}  {"old",8}  compiler");
        foreach (var m in dump.Modules)
        {
            string compiler = CompilerVersion(m.CurrentCompileInfo) ?? "-";
            string line = string.Create(
                CultureInfo.InvariantCulture,
                $"{InMemoryInputs.Printable(m.Module).PadRight(width)}  {m.VsnMd5Hex ?? "-",-32}  {m.CurrentSize?.ToString(CultureInfo.InvariantCulture) ?? "-",8}  {m.OldSize?.ToString(CultureInfo.InvariantCulture) ?? "-",8}  {compiler}");
            stdout.WriteLine(m.Problem is null ? line : line + "  problem: " + InMemoryInputs.Printable(m.Problem));
        }

        return ExitCodes.Ok;
    }

    private static string? Text(Term? term) => term is null ? null : TermWriter.Write(term);

    private static string? CompilerVersion(Term? compileInfo)
    {
        if (compileInfo is ListTerm list)
        {
            foreach (var item in list.Elements)
            {
                if (item is TupleTerm { Arity: 2 } t && t[0] is AtomTerm { Name: "version" })
                {
                    return TermText.TryGetString(t[1]);
                }
            }
        }

        return null;
    }
}
