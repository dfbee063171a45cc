using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// OTP 27+: <c>-doc {file, "F"}.</c> and <c>-moduledoc {file, "F"}.</c> (epp.erl of OTP 27, scan_filedoc/4 and
/// scan_filedoc_content/5): the file's text, read relative to the current file's directory, replaces the
/// attribute's value as if written in place, between -file attributes for the doc file and back.
/// </summary>
public sealed partial class Preprocessor
{
    /// <summary>True when the form was a doc attribute taking its text from a file (handled here).</summary>
    private bool ScanDocFile(List<Token> toks, Token doc)
    {
        if (_release < 27 || toks.Count < 4 || !(IsSymbol(toks[2], "{") || (IsSymbol(toks[2], "(") && IsSymbol(toks[3], "{"))))
        {
            return false;
        }

        string tag = (string)doc.Value!;
        List<Token> t = CoalesceStrings(toks.GetRange(2, toks.Count - 2));
        bool parenthesized = IsSymbol(t[0], "(");
        int i = parenthesized ? 2 : 1;
        string[] shape = parenthesized ? ["(", "{", "file", ",", StringTag, "}", ")", DotTag] : ["{", "file", ",", StringTag, "}", DotTag];
        if (i >= t.Count || !(t[i].Kind == TokenKind.Atom && (string)t[i].Value! == "file"))
        {
            Token at = i < t.Count ? t[i] : doc;
            Error(at, DiagnosticId.BadDocFile, $"invalid {tag} tag, only file allowed");
            return true;
        }

        bool matches = t.Count == shape.Length;
        for (int k = 0; matches && k < shape.Length; k++)
        {
            matches = shape[k] == "file" ? t[k].Kind == TokenKind.Atom && (string)t[k].Value! == "file" : Matches(t[k], shape[k]);
        }

        if (!matches)
        {
            Token last = doc;
            int k = 0;
            for (; k < shape.Length && k < t.Count; k++)
            {
                bool ok = shape[k] == "file" ? t[k].Kind == TokenKind.Atom && (string)t[k].Value! == "file" : Matches(t[k], shape[k]);
                if (!ok)
                {
                    break;
                }

                last = t[k];
            }

            Error(NoMatch(t, k, last), DiagnosticId.BadDirective, $"badly formed '{tag}'");
            return true;
        }

        Token name = t[i + 2];
        Token dot = t[^1];
        string docFile = (string)name.Value!;
        string? found = IncludeResolver.FindInPath([_file.Path[0]], docFile, _cache);
        Text.SourceText? text = found is null ? null : _cache.Read(found);
        if (found is null || text is null)
        {
            // enoent: a warning, and the attribute with an empty text.
            var warning = new Diagnostic(DiagnosticId.DocFileNotFound, $"can't find {tag} file \"{docFile}\"", doc.Line, doc.Column,
                _file.Name2, DiagnosticSeverity.Warning);
            Report(new PreprocessedDiagnostic(warning, "epp"));
            _items.Add(new PreprocessedForm([SymbolToken("-", doc.Line, doc.Column), AtomToken(tag, doc.Line, doc.Column),
                StringToken("", doc.Line, doc.Column), new Token(TokenKind.Dot, default, ".", null, doc.Line, doc.Column)]));
            return true;
        }

        EmitFileAttribute(found, 1, 1, 1, 1, generated: false);
        _items.Add(new PreprocessedForm([SymbolToken("-", 1, 1), AtomToken(tag, 1, 1), StringToken(text.Text, 1, 1),
            new Token(TokenKind.Dot, default, ".", null, 1, 1)]));
        EmitFileAttribute(_file.Name, dot.Line, dot.Column, dot.Line, dot.Column, generated: false);
        return true;
    }
}
