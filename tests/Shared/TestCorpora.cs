using System.Diagnostics.CodeAnalysis;

namespace BeamDecode.Tests.Shared;

/// <summary>
/// Where the test data that comes from the machine lives: the installed Erlang/OTP and the OTP 27 corpus unpacked
/// by ../shared/tools/otp-corpus.sh. A test that needs one skips when it is absent, and fails instead when CI says
/// it must be there (BEAMDECODE_REQUIRE_ERLANG=1, BEAMDECODE_REQUIRE_CORPUS=1). Linked into each test project
/// (tests/Shared) so that one lookup serves them all.
/// </summary>
internal static class TestCorpora
{
    public const string RequireErlangVariable = "BEAMDECODE_REQUIRE_ERLANG";
    public const string Otp27Variable = "BEAMDECODE_OTP27_CORPUS";
    public const string RequireCorpusVariable = "BEAMDECODE_REQUIRE_CORPUS";

    /// <summary>The root of the installed OTP (/usr/lib/erlang or /usr/local/lib/erlang).</summary>
    public static string InstalledOtpRoot =>
        new[] { "/usr/lib/erlang", "/usr/local/lib/erlang" }.FirstOrDefault(Directory.Exists)
        ?? Missing("no installed Erlang/OTP under /usr/lib/erlang or /usr/local/lib/erlang", RequireErlangVariable);

    /// <summary>The OTP 27 corpus root ($BEAMDECODE_OTP27_CORPUS, else the otp-corpus.sh cache folder).</summary>
    public static string Otp27Root
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable(Otp27Variable);
            if (string.IsNullOrEmpty(root))
            {
                string home = Environment.GetEnvironmentVariable("XDG_CACHE_HOME")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
                root = Path.Combine(home, "beamdecode-corpus", "otp27");
            }

            return Directory.Exists(root)
                ? root
                : Missing($"the OTP 27 corpus is not at {root} (run ../shared/tools/otp-corpus.sh 27 and set {Otp27Variable})", RequireCorpusVariable);
        }
    }

    /// <summary>Fails the test when <paramref name="requireVariable"/> is 1, else skips it.</summary>
    [DoesNotReturn]
    public static string Missing(string message, string requireVariable)
    {
        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        throw new InvalidOperationException("unreachable: Assert.Skip throws");
    }
}
