using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>Reading forms: what io:scan_erl_form/4 gives epp, from the lexer's tokens of the file.</summary>
public sealed partial class Preprocessor
{
    /// <summary>The state epp keeps per open file (#epp{} fields that belong to one file).</summary>
    private sealed class FileState(string name, ScannedFile scanned, List<string> path)
    {
        /// <summary>epp's <c>name</c>: the path the file was opened as.</summary>
        public string Name { get; } = name;

        /// <summary>epp's <c>name2</c>: the name after -file.</summary>
        public string Name2 { get; set; } = name;

        public ScannedFile Scanned { get; } = scanned;

        /// <summary>The index of the next token to read.</summary>
        public int Position { get; set; }

        /// <summary>The include path, head = this file's directory.</summary>
        public List<string> Path { get; } = path;

        /// <summary>epp's <c>istk</c>, innermost last.</summary>
        public List<IfKind> IfStack { get; } = [];

        /// <summary>Added to raw lines to give epp's lines (set by -file).</summary>
        public int LineShift { get; set; }

        /// <summary>After -file, tokens on this raw line have their column shifted (epp restarts at column 1).</summary>
        public int ColumnFixLine { get; set; } = -1;

        public int ColumnFixOffset { get; set; }

        /// <summary>epp's <c>location</c>: where scanning continues (after the last form read), in epp's lines.</summary>
        public (int Line, int Column) Location { get; set; } = (1, 1);

        /// <summary><see cref="Location"/> in the file's own lines and columns.</summary>
        public (int Line, int Column) RawLocation { get; set; } = (1, 1);
    }

    private enum RawFormKind
    {
        Form,
        LexError,
        Eof,
    }

    private readonly record struct RawForm(RawFormKind Kind, List<Token>? Tokens, Diagnostic? LexDiagnostic);

    /// <summary>
    /// io:scan_erl_form/4: the tokens up to and including the next dot; a form the lexer could not scan is an
    /// error (erl_scan stops at the error and goes on right after it); at the end, eof.
    /// </summary>
    private RawForm ReadRawForm(FileState file)
    {
        ImmutableArray<Token> tokens = file.Scanned.Tokens;
        int i = file.Position;
        List<Token>? form = null;

        // The form's list gets its exact size: up to the dot, or to what ends the form otherwise.
        int size = 0;
        for (int j = i; j < tokens.Length; j++)
        {
            TokenKind kind = tokens[j].Kind;
            if (kind is TokenKind.EndOfFile or TokenKind.Bad)
            {
                break;
            }

            size++;
            if (kind == TokenKind.Dot)
            {
                break;
            }
        }

        while (i < tokens.Length)
        {
            Token token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.EndOfFile:
                    file.Position = i;
                    SetLocation(file, (token.Line, token.Column));
                    return form is null ? new RawForm(RawFormKind.Eof, null, null) : new RawForm(RawFormKind.Form, form, null);
                case TokenKind.Bad:
                    file.Position = i + 1;
                    SetLocation(file, file.Scanned.Text.GetLineColumn(token.Span.End));
                    Diagnostic diagnostic = file.Scanned.DiagnosticAt(token)
                        ?? new Diagnostic(DiagnosticId.CannotParse, "illegal token", token.Line, token.Column, file.Name2);
                    var (line, column) = Adjust(file, diagnostic.Line, diagnostic.Column);
                    return new RawForm(RawFormKind.LexError, null, diagnostic with { Line = line, Column = column, File = file.Name2 });
                case TokenKind.Dot:
                    form ??= new List<Token>(size);
                    form.Add(AdjustToken(file, token));
                    file.Position = i + 1;
                    SetLocation(file, AfterDot(file, token));
                    return new RawForm(RawFormKind.Form, form, null);
                default:
                    form ??= new List<Token>(size);
                    form.Add(AdjustToken(file, token));
                    i++;
                    break;
            }
        }

        file.Position = i;
        return form is null ? new RawForm(RawFormKind.Eof, null, null) : new RawForm(RawFormKind.Form, form, null);
    }

    /// <summary>erl_scan.erl scan_dot/6: where the scanner stands after a dot (the dot takes one white-space character).</summary>
    private static (int Line, int Column) AfterDot(FileState file, Token dot)
    {
        string text = file.Scanned.Text.Text;
        int next = dot.Span.Start + 1;
        if (dot.Source is null || next >= text.Length || text[next] == '%')
        {
            return (dot.Line, dot.Column + 1);
        }

        char c = text[next];
        if (c == '\n')
        {
            return (dot.Line + 1, 1);
        }

        if (c <= ' ' || (c >= '\u0080' && c <= '\u00a0'))
        {
            return (dot.Line, dot.Column + 2);
        }

        return (dot.Line, dot.Column + 1);
    }

    private static void SetLocation(FileState file, (int Line, int Column) raw)
    {
        file.RawLocation = raw;
        file.Location = Adjust(file, raw.Line, raw.Column);
    }

    private static (int Line, int Column) Adjust(FileState file, int line, int column)
    {
        if (line == file.ColumnFixLine)
        {
            column += file.ColumnFixOffset;
        }

        return (line + file.LineShift, column);
    }

    /// <summary>A token as epp sees it: lines after -file, and feature keywords after -feature.</summary>
    private Token AdjustToken(FileState file, Token token)
    {
        if (file.LineShift != 0 || token.Line == file.ColumnFixLine)
        {
            var (line, column) = Adjust(file, token.Line, token.Column);
            token = token with { Line = line, Column = column };
        }

        if (_maybeReserved != _lexedMaybeReserved && (token.Kind == TokenKind.Atom || token.Kind == TokenKind.Symbol))
        {
            token = Reclassify(token);
        }

        return token;
    }

    /// <summary>
    /// The lexer scanned the file with the features of the start; -feature(maybe_expr, enable|disable) changes
    /// whether <c>maybe</c> and <c>else</c> are reserved words for the rest (erl_features:keyword_fun/4).
    /// </summary>
    private Token Reclassify(Token token)
    {
        string text = token.Text;
        if (text != "maybe" && text != "else")
        {
            return token;
        }

        if (token.Kind == TokenKind.Atom && _maybeReserved)
        {
            return token with { Kind = TokenKind.Symbol, Value = null };
        }

        if (token.Kind == TokenKind.Symbol && !_maybeReserved)
        {
            return token with { Kind = TokenKind.Atom, Value = text };
        }

        return token;
    }
}
