using System.Collections.Immutable;
using System.Text.RegularExpressions;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Conformance.Tests.Compile;

/// <summary>
/// What a module of the installed OTP was compiled from, recovered from its beam: the source (CInf <c>source</c>,
/// a path on the build machine, mapped to the local erlang-src tree), the source name compile gave epp (the first
/// -file attribute of the Dbgi forms, e.g. "lists.erl": erlc ran in the application's src directory), the include
/// path and macros compile gave epp (compile.erl do_parse_module/2: <c>[".", Dir | {i,Dir}s]</c>, the
/// <c>{d,M}</c> and <c>{d,M,V}</c> options), any <c>{parse_transform,M}</c> option, and the Dbgi forms.
/// </summary>
public sealed partial record CompiledModule(
    string Beam,
    string Module,
    string BuildSource,
    string? LocalSource,
    string LocalAppDir,
    string SourceName,
    ImmutableArray<string> IncludeDirs,
    ImmutableArray<KeyValuePair<string, string?>> Macros,
    ImmutableArray<string> ParseTransformOptions,
    ImmutableArray<Term> DbgiForms)
{
    // The last /lib/APP or /lib/APP-VSN of a path: build trees have /build/.../lib/APP and .../bootstrap/lib/APP,
    // installations /usr/lib/erlang/lib/APP-VSN.
    [GeneratedRegex(@"^(?<root>.*)/lib/(?<app>[A-Za-z0-9_]+)(?:-[0-9][0-9.]*)?(?<rest>/.*)?$")]
    private static partial Regex BuildLibPath();

    [GeneratedRegex(@"^(?<root>.*)/erts/(?:preloaded/)?(?<rest>.*)$")]
    private static partial Regex BuildErtsPath();

    /// <summary>Null when the beam has no source in CInf. <see cref="DbgiForms"/> is empty without Erlang debug info.</summary>
    public static CompiledModule? From(string beamPath, string otpRoot)
    {
        var beam = BeamFile.Read(File.ReadAllBytes(beamPath));
        if (beam.CompileInfo is not ListTerm info || Lookup(info, "source") is not { } sourceTerm || TermText.TryGetString(sourceTerm) is not { } source)
        {
            return null;
        }

        // Without debug info, the source name is taken as the path from the application's src directory (erlc runs
        // there in OTP's build).
        var forms = beam.DebugInfo.Kind is DebugInfoKind.ErlangV1 && beam.DebugInfo.Payload is TupleTerm { Arity: 2, Elements: [ListTerm list, _] }
            ? list.Elements
            : ImmutableArray<Term>.Empty;
        int src = source.LastIndexOf("/src/", StringComparison.Ordinal);
        string sourceName = forms.Length > 0 && forms[0] is TupleTerm { Arity: 4 } first && first[2] is AtomTerm { Name: "file" }
            && first[3] is TupleTerm { Arity: 2 } fv && TermText.TryGetString(fv[0]) is { } name ? name
            : src >= 0 ? source[(src + 5)..] : Path.GetFileName(source);
        string? local = source.EndsWith(".erl", StringComparison.Ordinal) ? MapPath(source, otpRoot) : null;
        string appDir = local is null ? "" : AppDirOf(local, otpRoot);

        // erlc's working directory: CInf's source is the absolute name of the source name given to erlc, from there.
        string cwd = !Path.IsPathRooted(sourceName) && source.EndsWith("/" + sourceName, StringComparison.Ordinal)
            ? source[..^(sourceName.Length + 1)]
            : Path.GetDirectoryName(source) ?? "/";
        string? localCwd = MapPath(cwd, otpRoot);

        var includes = ImmutableArray.CreateBuilder<string>();
        var macros = ImmutableArray.CreateBuilder<KeyValuePair<string, string?>>();
        var transforms = ImmutableArray.CreateBuilder<string>();
        if (local is not null)
        {
            // compile.erl do_parse_module/2: [".", Dir | {i,Dir}s], Dir the source name's directory.
            includes.Add(localCwd ?? cwd);
            includes.Add(MapPath(Path.Combine(cwd, Path.GetDirectoryName(sourceName) ?? ""), otpRoot) ?? cwd);
        }

        if (Lookup(info, "options") is ListTerm options)
        {
            foreach (var option in options.Elements)
            {
                switch (option)
                {
                    case TupleTerm { Arity: 2 } i when i[0] is AtomTerm { Name: "i" } && TermText.TryGetString(i[1]) is { } dir:
                        includes.Add(MapPath(Path.Combine(cwd, dir), otpRoot) ?? dir);
                        break;
                    case TupleTerm { Arity: 2 } d when d[0] is AtomTerm { Name: "d" } && d[1] is AtomTerm m:
                        macros.Add(new(m.Name, null));
                        break;
                    case TupleTerm { Arity: 3 } d when d[0] is AtomTerm { Name: "d" } && d[1] is AtomTerm m:
                        macros.Add(new(m.Name, ErlangText(d[2])));
                        break;
                    case TupleTerm { Arity: 2 } p when p[0] is AtomTerm { Name: "parse_transform" } && p[1] is AtomTerm t:
                        transforms.Add(t.Name);
                        break;
                }
            }
        }

        return new CompiledModule(beamPath, beam.ModuleName, source, local is not null && File.Exists(local) ? local : null, appDir, sourceName,
            includes.ToImmutable(), macros.ToImmutable(), transforms.ToImmutable(), forms);
    }

    public ErlangParseOptions ParseOptions(int release) => new()
    {
        IncludeDirs = IncludeDirs,
        Macros = Macros,
        OtpRelease = release,
        SourceName = SourceName,
    };

    /// <summary>
    /// A path of the build machine (<c>ROOT/lib/APP/...</c>, <c>ROOT/bootstrap/lib/APP/...</c>, <c>ROOT/erts/...</c>)
    /// in the local installation (<c>OTPROOT/lib/APP-VSN/...</c>, <c>OTPROOT/lib/erts-VSN/src</c>), normalized; null
    /// when it names no application installed here.
    /// </summary>
    public static string? MapPath(string path, string otpRoot)
    {
        if (!Path.IsPathRooted(path))
        {
            return null;
        }

        path = Path.GetFullPath(path);
        if (BuildLibPath().Match(path) is { Success: true } m && LocalApp(m.Groups["app"].Value, otpRoot) is { } app)
        {
            return Path.GetFullPath(app + m.Groups["rest"].Value);
        }

        if (BuildErtsPath().Match(path) is { Success: true } e && LocalApp("erts", otpRoot) is { } erts)
        {
            string rest = e.Groups["rest"].Value;
            string file = Path.Combine(erts, "src", Path.GetFileName(rest));
            return rest.EndsWith(".erl", StringComparison.Ordinal) ? file : Path.Combine(erts, rest);
        }

        return null;
    }

    private static string? LocalApp(string app, string otpRoot)
    {
        string lib = Path.Combine(otpRoot, "lib");
        if (Directory.Exists(Path.Combine(lib, app)))
        {
            return Path.Combine(lib, app);
        }

        return Directory.Exists(lib) ? Directory.EnumerateDirectories(lib, app + "-*").Order(StringComparer.Ordinal).FirstOrDefault() : null;
    }

    public static string AppDirOf(string local, string otpRoot)
    {
        string lib = Path.Combine(otpRoot, "lib") + "/";
        if (!local.StartsWith(lib, StringComparison.Ordinal))
        {
            return "";
        }

        string rest = local[lib.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        return lib + (slash < 0 ? rest : rest[..slash]);
    }

    private static Term? Lookup(ListTerm list, string key)
    {
        foreach (var item in list.Elements)
        {
            if (item is TupleTerm { Arity: 2 } kv && kv[0] is AtomTerm a && a.Name == key)
            {
                return kv[1];
            }
        }

        return null;
    }

    /// <summary>A term as Erlang text that reads back to it, for -D NAME=VALUE (epp: erl_parse:abstract of the value).</summary>
    private static string ErlangText(Term t) => ErlangPrinter.PrintExpr(new AbstractFormReader().LiteralFromTerm(t));
}
