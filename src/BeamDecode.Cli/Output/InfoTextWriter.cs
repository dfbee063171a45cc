using BeamDecode.Metadata;

namespace BeamDecode.Cli.Output;

/// <summary>The human-readable info report: one block per module, long lists wrapped.</summary>
internal static class InfoTextWriter
{
    private const int Width = 100;

    public static void Write(TextWriter w, IReadOnlyList<ModuleSummary> modules)
    {
        for (int i = 0; i < modules.Count; i++)
        {
            if (i > 0)
            {
                w.WriteLine();
            }

            WriteModule(w, modules[i]);
        }
    }

    private static void WriteModule(TextWriter w, ModuleSummary m)
    {
        w.WriteLine($"module      {m.Module}");
        Field(w, "path", m.Path);
        // A module known from an erl_crash.dump has no chunks: its md5 is what its default vsn recorded, if any.
        bool crashDump = m.DebugInfo == Forensics.CrashDumps.CrashDumpSummary.DebugInfoText;
        Field(w, "md5", m.Md5 ?? (crashDump ? "(not recorded: preloaded, or a -vsn of its own)" : "(none: a mandatory chunk is missing)"));
        Field(w, "compiler", m.CompilerVersion ?? "(unknown)");
        Field(w, "source", m.Source ?? "(unknown)");
        Field(w, "debug info", m.DebugInfo);
        Field(w, "gzipped", m.Gzipped ? "yes" : "no");
        Field(w, "counts", $"{m.Atoms} atoms, {m.Literals?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} literals, {m.Lambdas} funs");
        var chunks = new List<string>(m.Chunks.Length);
        foreach (var c in m.Chunks)
        {
            chunks.Add($"{c.Id}@{c.Offset}+{c.Size}");
        }

        Wrapped(w, "chunks", chunks);
        Wrapped(w, $"exports({m.Exports.Length})", Names(m.Exports));
        var imports = new List<string>(m.Imports.Length);
        foreach (var i in m.Imports)
        {
            imports.Add($"{i.Module}:{i.Name}/{i.Arity}");
        }

        Wrapped(w, $"imports({m.Imports.Length})", imports);
        Wrapped(w, $"locals({m.Locals.Length})", Names(m.Locals));
        Field(w, "attributes", m.Attributes);
        Field(w, "compile", m.CompileInfo);
    }

    private static List<string> Names(IEnumerable<FunctionSummary> functions)
    {
        var names = new List<string>();
        foreach (var f in functions)
        {
            names.Add($"{f.Name}/{f.Arity}");
        }

        return names;
    }

    private static void Field(TextWriter w, string name, string value) => w.WriteLine($"{name,-12}{value}");

    private static void Wrapped(TextWriter w, string name, List<string> items)
    {
        if (items.Count == 0)
        {
            Field(w, name, "-");
            return;
        }

        var line = new System.Text.StringBuilder();
        line.Append($"{name,-12}");
        int start = line.Length;
        for (int i = 0; i < items.Count; i++)
        {
            string item = items[i] + (i + 1 < items.Count ? "," : "");
            if (line.Length > start && line.Length + 1 + item.Length > Width)
            {
                w.WriteLine(line.ToString());
                line.Clear().Append(new string(' ', start));
            }
            else if (line.Length > start)
            {
                line.Append(' ');
            }

            line.Append(item);
        }

        w.WriteLine(line.ToString());
    }
}
