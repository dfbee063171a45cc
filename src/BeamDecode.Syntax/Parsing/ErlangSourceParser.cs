using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The Erlang front end as one call: Lexer -> Preprocessor -> Parser over a file, giving what
/// <c>epp:parse_file/2</c> gives (stdlib epp.erl parse_file/1: each token list epp hands over is parsed with
/// erl_parse:parse_form/1; a failed parse becomes an <c>{error,...}</c> entry in place of the form) as a
/// <see cref="ParsedModule"/>. Never throws on bad input; a file that cannot be read is a diagnostic.
/// </summary>
public static class ErlangSourceParser
{
    /// <summary>Reads and parses the file at <paramref name="path"/>. Share <paramref name="cache"/> between files
    /// of one tree so shared headers are read and scanned once.</summary>
    public static ParsedModule ParseFile(string path, ErlangParseOptions? options = null, IncludeCache? cache = null)
    {
        options ??= ErlangParseOptions.Default;
        cache ??= new IncludeCache();
        Text.SourceText? text = cache.ReadMain(path);
        var pre = text is null
            ? Preprocessor.PreprocessFile(path, options.ToPreprocessorOptions(), cache)
            : Preprocessor.Preprocess(text, options.ToPreprocessorOptions(), cache);
        return Parse(path, pre, text, options.Columns);
    }

    /// <summary>Parses a text (includes are resolved relative to its <see cref="Text.SourceText.Path"/>).</summary>
    public static ParsedModule ParseText(Text.SourceText text, ErlangParseOptions? options = null, IncludeCache? cache = null)
    {
        options ??= ErlangParseOptions.Default;
        var pre = Preprocessor.Preprocess(text, options.ToPreprocessorOptions(), cache);
        return Parse(text.Path, pre, text, options.Columns);
    }

    private static ParsedModule Parse(string path, PreprocessedFile pre, Text.SourceText? source, bool columns)
    {
        var parser = new Parser(new ParserOptions { OtpRelease = Math.Min(pre.OtpRelease, ParserOptions.NewestRelease), Columns = columns });
        var entries = ImmutableArray.CreateBuilder<ParsedEntry>(pre.Items.Length);
        var inEntries = new List<Diagnostic>();
        foreach (var item in pre.Items)
        {
            switch (item)
            {
                case PreprocessedForm form:
                    entries.Add(ParseOne(parser, form.Tokens, inEntries));
                    break;
                case PreprocessedFileAttribute file:
                    entries.Add(ParseOne(parser, file.Tokens, inEntries));
                    break;
                case PreprocessedDiagnostic d:
                    entries.Add(new DiagnosticEntry(d.Diagnostic, d.Module));
                    inEntries.Add(d.Diagnostic);
                    break;
                case PreprocessedEof eof:
                    entries.Add(new EofEntry(eof.Line, eof.Column));
                    break;
            }
        }

        // In the order epp met them: first the preprocessor's that stand in no entry (a bad -D macro, a file that
        // cannot be read), then those of the entries in order.
        var seen = new HashSet<Diagnostic>(inEntries);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>(pre.Diagnostics.Length + inEntries.Count + 1);
        foreach (var d in pre.Diagnostics)
        {
            if (!seen.Contains(d))
            {
                diagnostics.Add(d);
            }
        }

        diagnostics.AddRange(inEntries);
        var transforms = ParseTransformsOf(entries);
        foreach (string t in transforms)
        {
            diagnostics.Add(new Diagnostic(DiagnosticId.ParseTransformNotRun,
                $"the module uses parse transform {t}, which cannot run here: these are its forms before the transform",
                0, 0, path, DiagnosticSeverity.Info));
        }

        return new ParsedModule(path, source, pre.OtpRelease, entries.ToImmutable(), diagnostics.ToImmutable(), transforms);
    }

    private static ParsedEntry ParseOne(Parser parser, ImmutableArray<Token> tokens, List<Diagnostic> diagnostics)
    {
        int before = diagnostics.Count;
        var parsed = parser.ParseWithSpan(tokens, diagnostics);
        if (parsed.Form is ErrorMarkerForm && diagnostics.Count > before)
        {
            return new DiagnosticEntry(diagnostics[before], "erl_parse");
        }

        return new FormEntry(parsed);
    }

    /// <summary>The M of every <c>-compile({parse_transform, M})</c> (alone or in a list of options).</summary>
    private static ImmutableArray<string> ParseTransformsOf(IEnumerable<ParsedEntry> entries)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        foreach (var entry in entries)
        {
            if (entry is FormEntry { Form: WildAttribute { Name: "compile" } compile })
            {
                Collect(compile.Value, found);
            }
        }

        return found.ToImmutable();

        static void Collect(Expr e, ImmutableArray<string>.Builder found)
        {
            switch (e)
            {
                case TupleExpr { Elements: [AtomExpr { Value: "parse_transform" }, AtomExpr m] }:
                    found.Add(m.Value);
                    break;
                case ConsExpr cons:
                    Collect(cons.Head, found);
                    Collect(cons.Tail, found);
                    break;
            }
        }
    }
}
