using System.Globalization;
using System.Reflection;
using System.Text;

namespace BeamDecode.Forensics.Collector;

/// <summary>
/// The Erlang code a user runs on a live node to write a collector dump (README.md, "Collector dump format").
/// The logic lives once, in the embedded <c>collector_fun.erl</c> (a single fun expression); this class wraps
/// it either as one shell expression that loads no module, or as a small module for those who prefer to
/// compile and load one.
/// </summary>
public static class CollectorSource
{
    /// <summary>The module name used by <see cref="Module"/>.</summary>
    public const string ModuleName = "beamdecode_collector";

    private const string ResourceName = "BeamDecode.Forensics.Collector.collector_fun.erl";

    private static readonly Lazy<string> FunText = new(LoadFun);

    /// <summary>The fun as stored, comments included: <c>fun(Out) -> {ok, Path} | {error, Reason} end</c>.</summary>
    public static string Fun => FunText.Value;

    /// <summary>
    /// One shell expression, ending in a full stop, that evaluates to <c>{ok, Path}</c>. Comment lines are left
    /// out: they are for readers of the source, and a paste into a remote shell should be as short as it can be.
    /// </summary>
    public static string Expression(string? outPath)
    {
        var sb = new StringBuilder();
        sb.Append('(');
        foreach (var line in Fun.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.TrimStart().StartsWith('%') || trimmed.Length == 0)
            {
                continue;
            }

            sb.Append(trimmed).Append('\n');
        }

        // The fun's text ends with "end" and a newline; call it where it stands.
        while (sb.Length > 0 && sb[^1] == '\n')
        {
            sb.Length--;
        }

        sb.Append(")(").Append(OutArgument(outPath)).Append(").\n");
        return sb.ToString();
    }

    /// <summary>
    /// The module <c>beamdecode_collector</c> with <c>collect/0</c> (dump to <paramref name="outPath"/>, or the
    /// default name when null) and <c>collect/1</c> (dump to the path given, a string).
    /// </summary>
    public static string Module(string? outPath)
    {
        var sb = new StringBuilder();
        sb.Append("%% Written by `beamdecode collector --module`. Save as ").Append(ModuleName).Append(".erl, then on the node:\n");
        sb.Append("%%   c(").Append(ModuleName).Append("), ").Append(ModuleName).Append(":collect().\n");
        sb.Append("%% It returns {ok, DumpPath}; `beamdecode dump list DumpPath` reads the dump.\n");
        sb.Append("-module(").Append(ModuleName).Append(").\n");
        sb.Append("-export([collect/0, collect/1]).\n\n");
        sb.Append("collect() ->\n    collect(").Append(OutArgument(outPath)).Append(").\n\n");
        sb.Append("collect(Out) ->\n    Collect =\n");
        foreach (var line in Fun.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            sb.Append(trimmed.Length == 0 ? "" : "    ").Append(trimmed).Append('\n');
        }

        while (sb.Length > 0 && sb[^1] == '\n')
        {
            sb.Length--;
        }

        sb.Append(",\n    Collect(Out).\n");
        return sb.ToString();
    }

    /// <summary><c>undefined</c>, or the path as an Erlang string literal.</summary>
    public static string OutArgument(string? outPath) => outPath is null ? "undefined" : ErlangString(outPath);

    /// <summary>
    /// An Erlang string literal (erl_scan escapes): printable ASCII as itself, <c>"</c> and <c>\</c> escaped,
    /// everything else as <c>\x{H}</c> code points, so the text survives any terminal and paste.
    /// </summary>
    public static string ErlangString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            int cp = s[i];
            if (char.IsSurrogatePair(s, i))
            {
                cp = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }

            if (cp == '"' || cp == '\\')
            {
                sb.Append('\\').Append((char)cp);
            }
            else if (cp is >= 0x20 and < 0x7f)
            {
                sb.Append((char)cp);
            }
            else
            {
                sb.Append("\\x{").Append(cp.ToString("X", CultureInfo.InvariantCulture)).Append('}');
            }
        }

        return sb.Append('"').ToString();
    }

    private static string LoadFun()
    {
        using var stream = typeof(CollectorSource).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(CollectorSource).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
