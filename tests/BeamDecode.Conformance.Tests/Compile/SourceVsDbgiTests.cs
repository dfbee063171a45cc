using System.Collections.Concurrent;
using System.Collections.Immutable;
using BeamDecode.Conformance.Tests.Corpora;
using BeamDecode.Conformance.Tests.Epp;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.Compile;

/// <summary>
/// Issue 5's proof: for every module of the installed OTP whose source is in erlang-src and whose beam has Erlang
/// debug info, the front end's forms of the source, read as compile read it (the include path and macros of its CInf
/// options, erlc's working directory and source name), equal the Dbgi forms the compiler saved, annotations
/// included: line and column where the Dbgi forms have columns (OTP 25's default), else lines. The one
/// normalization: a -file attribute's path is compared as its application and file name, since the build machine's
/// paths (/build/.../lib/APP/..., .../bootstrap/lib/APP/...) are not the local ones (/usr/lib/erlang/lib/APP-VSN/...).
/// Left out and listed: modules compiled with a parse transform (a {parse_transform,M} option or
/// -compile({parse_transform,M}) in the source: their Dbgi forms are the transform's output), and modules that include
/// a header found in none of compile's include directories here (generated or private headers erlang-src does not
/// install: ftp_internal.hrl, zip_internal.hrl, OTP-PUB-KEY.hrl in public_key/asn1).
/// </summary>
public sealed class SourceVsDbgiTests(ITestOutputHelper output)
{
    [Fact]
    public void InstalledOtp_EveryModuleWithSource_ParsesToItsDbgiForms()
    {
        string otpRoot = OtpSources.Root;
        int release = int.Parse(BeamCorpus.InstalledRelease, System.Globalization.CultureInfo.InvariantCulture);
        var beams = EppRoundTripTests.WithErlangDebugInfo(BeamCorpus.Installed);
        var modules = beams.Select(b => CompiledModule.From(b, otpRoot)).OfType<CompiledModule>().ToList();
        var withSource = modules.Where(m => m.LocalSource is not null && !m.DbgiForms.IsEmpty).ToList();
        Assert.True(withSource.Count > 500, $"only {withSource.Count} of {beams.Count} modules with debug info have their source under {otpRoot}/lib");

        var cache = new IncludeCache();
        var outcomes = new ConcurrentBag<(string Module, string Outcome, string Detail)>();
        Parallel.ForEach(withSource, m =>
        {
            var (outcome, detail) = Check(m, release, cache, otpRoot);
            outcomes.Add((m.Module, outcome, detail));
        });

        var sorted = outcomes.OrderBy(o => o.Module, StringComparer.Ordinal).ToList();
        var transformed = sorted.Where(o => o.Outcome == "parse_transform").ToList();
        var noHeader = sorted.Where(o => o.Outcome == "header_not_installed").ToList();
        var compared = sorted.Where(o => o.Outcome is not ("parse_transform" or "header_not_installed")).ToList();
        int columns = compared.Count(o => o.Outcome == "equal_columns");
        int lines = compared.Count(o => o.Outcome == "equal_lines");
        var failures = compared.Where(o => o.Outcome is not ("equal_columns" or "equal_lines")).ToList();
        output.WriteLine($"installed OTP {release}: {beams.Count} modules with Erlang debug info, {withSource.Count} with their source in erlang-src, " +
                         $"{transformed.Count} of those compiled with a parse transform (left out)");
        int lineOnlyDbgi = compared.Count(o => o.Outcome == "equal_lines" && o.Detail.Length == 0);
        output.WriteLine($"{columns + lines} of {compared.Count} modules equal their Dbgi forms: {columns} with lines and columns, " +
                         $"{lines} by lines ({lineOnlyDbgi} of them have Dbgi forms without columns, {lines - lineOnlyDbgi} differ in some column)");
        foreach (var c in compared.Where(o => o.Outcome == "equal_lines" && o.Detail.Length > 0))
        {
            output.WriteLine($"columns differ: {c.Module}: {c.Detail}");
        }

        output.WriteLine("parse transforms: " + string.Join(", ", transformed.Select(t => $"{t.Module} ({t.Detail})")));
        output.WriteLine("a header the build read is not installed (left out): " + string.Join(", ", noHeader.Select(t => $"{t.Module} ({t.Detail})")));
        foreach (var f in failures)
        {
            output.WriteLine($"{f.Outcome}: {f.Module}: {f.Detail}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {compared.Count} modules differ from their Dbgi forms:\n" +
                                          string.Join("\n", failures.Take(15).Select(f => $"{f.Outcome}: {f.Module}: {f.Detail}")));
    }

    private static (string Outcome, string Detail) Check(CompiledModule m, int release, IncludeCache cache, string otpRoot)
    {
        var parsed = ErlangSourceParser.ParseFile(m.LocalSource!, m.ParseOptions(release), cache);
        var transforms = m.ParseTransformOptions.AddRange(parsed.ParseTransforms).Distinct().ToList();
        if (transforms.Count > 0)
        {
            return ("parse_transform", string.Join(" ", transforms));
        }

        if (parsed.Diagnostics.FirstOrDefault(d => d.Severity == Syntax.Diagnostics.DiagnosticSeverity.Error) is { } error)
        {
            if (error.Id == Syntax.Diagnostics.DiagnosticId.IncludeNotFound && HeaderName(error.Message) is { } header
                && !m.IncludeDirs.Prepend(Path.GetDirectoryName(m.LocalSource!)!).Any(d => File.Exists(Path.Combine(d, header))))
            {
                // Not in any directory of compile's include path here: the build had a header erlang-src does not ship.
                return ("header_not_installed", header);
            }

            return ("diagnostics", error.ToString());
        }

        var ours = parsed.Syntax.Forms.Items;
        var dbgi = m.DbgiForms;
        bool dbgiHasColumns = dbgi.Length > 0 && dbgi[0] is TupleTerm { Arity: > 1 } first && first[1] is TupleTerm;
        string srcDir = Path.Combine(m.LocalAppDir, "src");
        string? columnDifference = null;
        if (dbgiHasColumns)
        {
            columnDifference = FirstDifference(dbgi, [.. ours.Select(AbstractFormWriter.Default.WriteForm)], srcDir, otpRoot);
            if (columnDifference is null)
            {
                return ("equal_columns", "");
            }
        }

        var reader = new AbstractFormReader();
        var dbgiLines = dbgi.Select(f => AbstractFormWriter.LinesOnly.WriteForm(reader.ReadForm(f))).ToImmutableArray();
        var oursLines = ours.Select(AbstractFormWriter.LinesOnly.WriteForm).ToImmutableArray();
        return FirstDifference(dbgiLines, oursLines, srcDir, otpRoot) is { } difference
            ? ("differ", difference)
            : ("equal_lines", columnDifference ?? "");
    }

    private static string? FirstDifference(ImmutableArray<Term> dbgi, ImmutableArray<Term> ours, string srcDir, string otpRoot)
    {
        for (int i = 0; i < Math.Max(dbgi.Length, ours.Length); i++)
        {
            if (i >= dbgi.Length || i >= ours.Length)
            {
                return $"form {i + 1}: {(i >= dbgi.Length ? "Dbgi has no more forms, ours: " + Cut(ours[i]) : "ours has no more forms, Dbgi: " + Cut(dbgi[i]))}";
            }

            var a = NormalizeFile(dbgi[i], srcDir, otpRoot);
            var b = NormalizeFile(ours[i], srcDir, otpRoot);
            if (!a.Equals(b))
            {
                return $"form {i + 1}: {TermDifference.First(a, b)}";
            }
        }

        return null;
    }

    /// <summary>A -file attribute with its path as APP/FILE: the application (from the path, else the module's own) and
    /// the file name, so that paths of the build machine and of this one compare.</summary>
    private static Term NormalizeFile(Term form, string srcDir, string otpRoot)
    {
        if (form is TupleTerm { Arity: 4 } t && t[0] is AtomTerm { Name: "attribute" } && t[2] is AtomTerm { Name: "file" }
            && t[3] is TupleTerm { Arity: 2 } v && TermText.TryGetString(v[0]) is { } path)
        {
            string? mapped = CompiledModule.MapPath(Path.IsPathRooted(path) ? path : Path.Combine(srcDir, path), otpRoot);
            string app = mapped is null ? "?" : Path.GetFileName(CompiledModule.AppDirOf(mapped, otpRoot));
            string local = app + "/" + Path.GetFileName(path);
            var chars = local.Select(c => (Term)IntegerTerm.Create(c)).ToImmutableArray();
            return new TupleTerm([t[0], t[1], t[2], new TupleTerm([chars.IsEmpty ? NilTerm.Instance : new ListTerm(chars, NilTerm.Instance), v[1]])]);
        }

        return form;
    }

    /// <summary>The file name in epp's message <c>can't find include file "NAME"</c>.</summary>
    private static string? HeaderName(string message)
    {
        int open = message.IndexOf('"', StringComparison.Ordinal);
        int close = message.LastIndexOf('"');
        return open >= 0 && close > open ? message[(open + 1)..close] : null;
    }

    private static string Cut(Term t)
    {
        string s = t.ToString();
        return s.Length <= 200 ? s : s[..200] + "...";
    }
}
