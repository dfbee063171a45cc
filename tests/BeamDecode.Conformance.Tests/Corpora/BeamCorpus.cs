using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Conformance.Tests.Corpora;

/// <summary>
/// The sets of .beam files conformance tests run over: the installed OTP (asked from erl itself, so the
/// test follows whatever release is installed) plus Elixir's beams if installed, and the unpacked OTP 27 corpus
/// of ../shared/tools/otp-corpus.sh.
/// </summary>
public static class BeamCorpus
{
    public const string Otp27Variable = TestCorpora.Otp27Variable;
    public const string RequireCorpusVariable = TestCorpora.RequireCorpusVariable;

    private static readonly Lazy<IReadOnlyList<string>> InstalledFiles = new(FindInstalled);

    /// <summary>Every .beam of the installed OTP and Elixir, sorted.</summary>
    public static IReadOnlyList<string> Installed => InstalledFiles.Value;

    /// <summary>The OTP release of the installed erl, e.g. "25".</summary>
    public static string InstalledRelease => ErlangTool.RunErl("io:format(\"~s\", [erlang:system_info(otp_release)])").Trim();

    /// <summary>Every .beam of the OTP 27 corpus; skips (fails with BEAMDECODE_REQUIRE_CORPUS=1) when it is absent.</summary>
    public static IReadOnlyList<string> Otp27 =>
        Sorted(Directory.EnumerateFiles(Otp27Root, "*.beam", SearchOption.AllDirectories));

    /// <summary>The OTP 27 corpus root ($BEAMDECODE_OTP27_CORPUS, else the otp-corpus.sh cache folder); skips, or
    /// fails with BEAMDECODE_REQUIRE_CORPUS=1, when it is absent.</summary>
    public static string Otp27Root => TestCorpora.Otp27Root;

    private static IReadOnlyList<string> FindInstalled()
    {
        string root = ErlangTool.RunErl("io:format(\"~s\", [code:root_dir()])").Trim();
        var files = new List<string>(Directory.EnumerateFiles(Path.Combine(root, "lib"), "*.beam", SearchOption.AllDirectories));
        foreach (string elixir in new[] { "/usr/lib/elixir", "/usr/local/lib/elixir" })
        {
            if (Directory.Exists(elixir))
            {
                files.AddRange(Directory.EnumerateFiles(elixir, "*.beam", SearchOption.AllDirectories));
            }
        }

        return Sorted(files);
    }

    private static List<string> Sorted(IEnumerable<string> files)
    {
        var list = new List<string>(files);
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
