using System.Collections.Concurrent;
using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Conformance.Tests.Compile;

/// <summary>
/// Every .erl and .hrl of the OTP 27 corpus parses, as OTP 27's front end, without a diagnostic. There is no OTP 27
/// to run here, so the reading is what compile did: a .erl whose beam is in the corpus is read with the include path
/// and macros of its CInf options (as <see cref="SourceVsDbgiTests"/> does for the installed OTP), any other with its
/// application's include and src directories; -include_lib resolves inside the corpus only (never the installed OTP
/// 25). A .hrl is read as the forms of a module that includes it: <c>-module(hrl_check). -include("FILE.hrl").</c>,
/// a text placed in the header's directory, so ?MODULE is defined and its own includes resolve as they do for its
/// users. Left out and listed: files including a header the corpus lacks where compile looked for it (it ships
/// src/ alone for some applications) or whose only diagnostics are warnings for -doc files it lacks (no doc/), files whose only diagnostics are undefined macros and that no beam gives the
/// -D options of (or a .hrl written for its includers' macros), and leex's template leexinc.hrl.
/// </summary>
public sealed class Otp27CorpusParseTests(ITestOutputHelper output)
{
    [Fact]
    public void Otp27Corpus_EveryErlAndHrl_ParsesWithoutDiagnostics()
    {
        var beams = BeamCorpus.Otp27;
        string anyOtpBeam = beams.First(b => b.Contains("/lib/erlang/lib/", StringComparison.Ordinal));
        string otpRoot = anyOtpBeam[..(anyOtpBeam.IndexOf("/lib/erlang/lib/", StringComparison.Ordinal) + "/lib/erlang".Length)];
        string lib = Path.Combine(otpRoot, "lib");
        var compiled = new Dictionary<string, CompiledModule>(StringComparer.Ordinal);
        foreach (string beam in beams.Where(b => b.StartsWith(lib, StringComparison.Ordinal)))
        {
            try
            {
                if (CompiledModule.From(beam, otpRoot) is { LocalSource: { } source } m)
                {
                    compiled.TryAdd(source, m);
                }
            }
            catch (Metadata.BadBeamFormatException)
            {
                // Reported by the decode tests.
            }
        }

        var files = Directory.EnumerateFiles(lib, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".erl", StringComparison.Ordinal) || f.EndsWith(".hrl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var cache = new IncludeCache();
        var problems = new ConcurrentBag<(string File, string Diagnostic)>();
        var notInCorpus = new ConcurrentBag<(string File, string Headers)>();
        var needContext = new ConcurrentBag<(string File, string Diagnostic)>();

        // An -include_lib("app/dir/x.hrl") is in the corpus when some lib/app or lib/app-Vsn has dir/x.hrl; an
        // -include("x.hrl") when the including file's directory or a directory of the include path has it (where
        // compile looked: when none has it, the corpus lacks the header there, e.g. it ships src/ alone for snmp).
        bool InCorpus(string header, bool lib, string? includer, ErlangParseOptions options)
        {
            if (!lib)
            {
                var dirs = options.IncludeDirs.Prepend(Path.GetDirectoryName(includer ?? "") ?? "");
                return Path.IsPathRooted(header) ? File.Exists(header) : dirs.Any(d => File.Exists(Path.Combine(d, header)));
            }

            int slash = header.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 && Directory.EnumerateDirectories(otpRoot + "/lib", header[..slash] + "*")
                .Any(d => File.Exists(Path.Combine(d, header[(slash + 1)..])));
        }

        Parallel.ForEach(files, file =>
        {
            if (Path.GetFileName(file) == "leexinc.hrl" && file.Contains("/parsetools", StringComparison.Ordinal))
            {
                // leex's skeleton: leex fills in its ##module, ##code... markers; it is not Erlang until then.
                needContext.Add((file, "leex's template, with ## markers leex replaces"));
                return;
            }

            string app = CompiledModule.AppDirOf(file, otpRoot);
            var options = compiled.TryGetValue(file, out var m)
                ? m.ParseOptions(27)
                : new ErlangParseOptions { IncludeDirs = [Path.Combine(app, "include"), Path.Combine(app, "src")], OtpRelease = 27 };
            options = options with { LibDirs = [lib], SearchInstalledOtp = false };
            ParsedModule parsed;
            if (file.EndsWith(".hrl", StringComparison.Ordinal))
            {
                string wrapper = $"-module(hrl_check).\n-include(\"{Path.GetFileName(file)}\").\n";
                parsed = ErlangSourceParser.ParseText(new SourceText(wrapper, Path.Combine(Path.GetDirectoryName(file)!, "hrl_check.erl")), options, cache);
            }
            else
            {
                parsed = ErlangSourceParser.ParseFile(file, options, cache);
            }

            var errors = parsed.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).ToList();
            var missing = errors.Where(d => d.Id == DiagnosticId.IncludeNotFound)
                .Where(d => HeaderName(d.Message) is not { } h || !InCorpus(h, d.Message.Contains("include lib", StringComparison.Ordinal), d.File, options))
                .Select(d => HeaderName(d.Message) ?? d.Message).ToList();
            if (missing.Count > 0)
            {
                // The corpus has no such header anywhere (it ships src/ alone for some applications): what follows
                // from its absence (its macros undefined) is not the front end's to answer.
                notInCorpus.Add((file, string.Join(", ", missing.Distinct())));
                return;
            }

            var docs = errors.Where(d => d.Id == DiagnosticId.DocFileNotFound).ToList();
            if (docs.Count > 0 && docs.Count == errors.Count)
            {
                // -doc {file, "../doc/src/x.md"}: the corpus has no doc/ directories; epp warns the same.
                notInCorpus.Add((file, string.Join(", ", docs.Select(d => HeaderName(d.Message) ?? d.Message).Distinct())));
                return;
            }

            bool hrl = file.EndsWith(".hrl", StringComparison.Ordinal);
            if (errors.Count > 0 && errors.All(d => d.Id == DiagnosticId.UndefinedMacro) && (hrl || !compiled.ContainsKey(file)))
            {
                // A header written for its includers' macros, or a module whose build -D options no beam records.
                needContext.Add((file, errors[0].ToString()));
                return;
            }

            foreach (var d in errors)
            {
                problems.Add((file, d.ToString()));
            }
        });

        bool IsErl(string f) => f.EndsWith(".erl", StringComparison.Ordinal);
        var skipped = notInCorpus.Concat(needContext).OrderBy(n => n.Item1, StringComparer.Ordinal).ToList();
        int erl = files.Count(IsErl) - skipped.Count(s => IsErl(s.File));
        int hrl = files.Count(f => !IsErl(f)) - skipped.Count(s => !IsErl(s.File));
        var byFile = problems.GroupBy(p => p.File).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        int badErl = byFile.Count(g => IsErl(g.Key));
        output.WriteLine($"OTP 27 corpus: {erl - badErl} of {erl} .erl files ({compiled.Count} read with their CInf options) and " +
                         $"{hrl - (byFile.Count - badErl)} of {hrl} .hrl files parse without a diagnostic; left out: {notInCorpus.Count} files that " +
                         $"include a header (or name a -doc file) the corpus does not have, {needContext.Count} whose only diagnostics are undefined macros " +
                         "(a .hrl written for its includers' macros, or a .erl without a beam in the corpus to give its -D options)");
        foreach (var (file, why) in skipped)
        {
            output.WriteLine($"left out: {file}: {why}");
        }

        foreach (var g in byFile)
        {
            output.WriteLine($"{g.Key}: {g.Count()} diagnostics, first: {g.First().Diagnostic}");
        }

        Assert.True(byFile.Count == 0, $"{byFile.Count} files have diagnostics:\n" + string.Join("\n", byFile.Take(20).Select(g => $"{g.Key}: {g.First().Diagnostic}")));
    }

    /// <summary>The file name in epp's message <c>can't find include file "NAME"</c> (or include lib).</summary>
    private static string? HeaderName(string message)
    {
        int open = message.IndexOf('"', StringComparison.Ordinal);
        int close = message.LastIndexOf('"');
        return open >= 0 && close > open ? message[(open + 1)..close] : null;
    }
}
