using System.Collections.Immutable;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.CrashDumps;

/// <summary>
/// What <c>beamdecode info</c> can say about a module known only from a crash dump's module table: its name, the
/// md5 its default vsn records (<see cref="CrashDumpModule.VsnMd5Hex"/>), attributes and compile info as
/// beam_lib would print them; no chunks, exports or imports (the dump holds no code). Debug info reads
/// <c>unknown (erl_crash.dump)</c>.
/// </summary>
public static class CrashDumpSummary
{
    public const string DebugInfoText = "unknown (erl_crash.dump)";

    public static ModuleSummary From(string path, CrashDumpModule module)
    {
        var compileInfo = module.CurrentCompileInfo ?? NilTerm.Instance;
        return new ModuleSummary(
            path,
            module.Module,
            module.VsnMd5Hex,
            false,
            [],
            [],
            [],
            [],
            0,
            0,
            null,
            TermWriter.Write(AttributeList.Merge(module.CurrentAttributes ?? NilTerm.Instance)),
            TermWriter.Write(compileInfo),
            DebugInfoText,
            Text(compileInfo, "version"),
            Text(compileInfo, "source"));
    }

    private static string? Text(Term compileInfo, string key)
    {
        if (compileInfo is ListTerm list)
        {
            foreach (var item in list.Elements)
            {
                if (item is TupleTerm { Arity: 2 } t && t[0] is AtomTerm a && a.Name == key)
                {
                    return TermText.TryGetString(t[1]);
                }
            }
        }

        return null;
    }
}
