using System.Runtime.CompilerServices;
using System.Text;

namespace BeamDecode.Syntax.Tests;

/// <summary>
/// Golden files <c>NAME.verified.erl</c> beside the calling test file. A mismatch writes <c>NAME.received.erl</c>
/// and fails with the first differing line; <c>BEAMDECODE_ACCEPT=1</c> overwrites the verified file instead.
/// </summary>
public static class SourceGolden
{
    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string dir = Path.GetDirectoryName(callerFile) ?? throw new InvalidOperationException("no caller directory");
        string verified = Path.Combine(dir, name + ".verified.erl");
        string received = Path.Combine(dir, name + ".received.erl");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("BEAMDECODE_ACCEPT") == "1")
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        string expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }

        Assert.Fail($"{name}: differs from {verified} at line {i + 1}:\n- {(i < e.Length ? e[i] : "(end)")}\n+ {(i < a.Length ? a[i] : "(end)")}\n" +
                    "Review the received file; run with BEAMDECODE_ACCEPT=1 to accept it.");
    }

    /// <summary>The repository root (holding BeamDecode.sln), found from the test binary's folder.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BeamDecode.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("BeamDecode.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
