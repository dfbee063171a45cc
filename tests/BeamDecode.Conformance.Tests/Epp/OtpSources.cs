using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.Epp;

/// <summary>One Erlang source of the installed OTP and the include directories both sides are given.</summary>
public sealed record OtpSource(string File, string App, IReadOnlyList<string> IncludeDirs)
{
    public ErlangParseOptions Options(int release) => new() { IncludeDirs = [.. IncludeDirs], OtpRelease = release };
}

/// <summary>The .erl files of the installed OTP (erlang-src: lib/APP-VSN/src, recursively), sorted.</summary>
public static class OtpSources
{
    private static readonly Lazy<string> RootDir = new(() => ErlangTool.RunErl("io:format(\"~s\", [code:root_dir()])").Trim());

    public static string Root => RootDir.Value;

    public static IReadOnlyList<OtpSource> All()
    {
        var result = new List<OtpSource>();
        foreach (string app in Directory.EnumerateDirectories(Path.Combine(Root, "lib")).Order(StringComparer.Ordinal))
        {
            string src = Path.Combine(app, "src");
            if (!Directory.Exists(src))
            {
                continue;
            }

            string[] includes = [Path.Combine(app, "include"), src];
            foreach (string file in Directory.EnumerateFiles(src, "*.erl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                result.Add(new OtpSource(file, Path.GetFileName(app), includes));
            }
        }

        return result;
    }
}
