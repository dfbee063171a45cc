using System.Runtime.CompilerServices;
using System.Text;

// In the project's root namespace, not in a .Golden one: a namespace named like the class would turn every
// call into Golden.Golden.Verify.
namespace BeamDecode.Cli.Tests;

/// <summary>
/// Snapshot tests against <c>NAME.verified.txt</c> files kept in the source tree beside the calling test file.
/// On a mismatch the actual text is written to <c>NAME.received.txt</c> (git-ignored) and the test fails with a
/// summary of the differing lines. With <c>BEAMDECODE_ACCEPT=1</c> the verified file is overwritten instead.
/// Line endings are normalized to \n so the files compare the same on every OS.
/// </summary>
public static class Golden
{
    public const string AcceptVariable = "BEAMDECODE_ACCEPT";

    private const int MaxShownLines = 12;

    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string dir = Path.GetDirectoryName(callerFile)
            ?? throw new InvalidOperationException($"no directory for the caller file '{callerFile}'");
        string verified = Path.Combine(dir, name + ".verified.txt");
        string received = Path.Combine(dir, name + ".received.txt");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual, new UTF8Encoding(false));
            Assert.Fail($"no golden file {verified}; the output is in {received}. Review it, then run with {AcceptVariable}=1 to accept.");
        }

        string expected = Normalize(File.ReadAllText(verified));
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail($"{name}: output differs from {verified}\n{Summarize(expected, actual)}\n" +
                    $"Received: {received}. If the change is intended, run with {AcceptVariable}=1 to accept it.");
    }

    /// <summary>Both texts' differing middle: the lines after the common prefix and before the common suffix.</summary>
    public static string Summarize(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        int prefix = 0;
        while (prefix < e.Length && prefix < a.Length && e[prefix] == a[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < e.Length - prefix && suffix < a.Length - prefix && e[^(suffix + 1)] == a[^(suffix + 1)])
        {
            suffix++;
        }

        var sb = new StringBuilder();
        sb.Append("first difference at line ").Append(prefix + 1)
          .Append(": ").Append(e.Length - prefix - suffix).Append(" verified line(s) replaced by ")
          .Append(a.Length - prefix - suffix).Append(" received line(s)\n");
        Append(sb, "- ", e, prefix, e.Length - suffix);
        Append(sb, "+ ", a, prefix, a.Length - suffix);
        return sb.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder sb, string marker, string[] lines, int from, int to)
    {
        for (int i = from; i < to && i < from + MaxShownLines; i++)
        {
            sb.Append(marker).Append(i + 1).Append(": ").Append(lines[i]).Append('\n');
        }

        if (to - from > MaxShownLines)
        {
            sb.Append(marker).Append("... ").Append(to - from - MaxShownLines).Append(" more\n");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
