using System.Text.RegularExpressions;
using BeamDecode.Conformance.Tests.Erlang;

namespace BeamDecode.Conformance.Tests.ErlScan;

/// <summary>
/// OTP 27's erl_scan, to compare with on the installed (older) OTP: the corpus's stdlib erl_scan.erl compiled as
/// module erl_scan27 with the installed erlc. Its -moduledoc/-doc attributes are dropped first (their
/// triple-quoted strings are OTP 27 syntax the older compiler cannot read); the code is unchanged.
/// </summary>
public static partial class Otp27Scanner
{
    public const string Module = "erl_scan27";

    /// <summary>Compiles the corpus's erl_scan.erl as erl_scan27 into a new directory (the caller deletes it).</summary>
    public static string Compile(string corpusRoot)
    {
        string source = Directory.EnumerateFiles(corpusRoot, "erl_scan.erl", SearchOption.AllDirectories)
            .Single(f => f.Contains("/stdlib-", StringComparison.Ordinal));
        string text = File.ReadAllText(source);
        text = TripleQuotedDoc().Replace(text, "");
        text = ParenthesizedDoc().Replace(text, "");
        text = OtherDoc().Replace(text, "");
        text = text.Replace("-module(erl_scan).", $"-module({Module}).", StringComparison.Ordinal);
        string dir = ErlangTool.CreateTempDirectory(Module);
        string file = Path.Combine(dir, Module + ".erl");
        File.WriteAllText(file, text);
        ErlangTool.Compile(dir, file);
        return dir;
    }

    [GeneratedRegex("-(moduledoc|doc)\\s*\"\"\"(.*?)\"\"\"\\.", RegexOptions.Singleline)]
    private static partial Regex TripleQuotedDoc();

    [GeneratedRegex("-(moduledoc|doc)\\s*\\(.*?\\)\\.\\n")]
    private static partial Regex ParenthesizedDoc();

    [GeneratedRegex("-(moduledoc|doc) .*?\\.\\n")]
    private static partial Regex OtherDoc();
}
