using System.Globalization;
using System.Numerics;
using System.Text;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.EppScan;

/// <summary>
/// Writes the preprocessor's items in the text format epp_scan.escript prints for epp:scan_erl_form/1, so both
/// sides compare line by line: tokens with category, line, column, the generated flag and value.
/// </summary>
public static class EppScanFormat
{
    public static List<string> Render(PreprocessedFile file)
    {
        var lines = new List<string>(file.Items.Length);
        foreach (PreprocessedItem item in file.Items)
        {
            switch (item)
            {
                case PreprocessedForm form:
                    lines.Add(Tokens(form.Tokens));
                    break;
                case PreprocessedFileAttribute attribute:
                    lines.Add(Tokens(attribute.Tokens));
                    break;
                case PreprocessedDiagnostic problem:
                    lines.Add($"{(problem.IsWarning ? "W" : "E")} {problem.Diagnostic.Line} {problem.Diagnostic.Column} {problem.Module} {problem.Diagnostic.Message}");
                    break;
                case PreprocessedEof eof:
                    lines.Add($"X {eof.Line} {eof.Column}");
                    break;
            }
        }

        return lines;
    }

    private static string Tokens(IReadOnlyList<Token> tokens)
    {
        var builder = new StringBuilder("T");
        for (int i = 0; i < tokens.Count; i++)
        {
            Token token = tokens[i];
            builder.Append('\t').Append(Category(token)).Append(' ')
                .Append(token.Line.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(token.Column.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(token.Generated ? '1' : '0').Append(' ')
                .Append(Value(token));
        }

        return builder.ToString();
    }

    private static string Category(Token token) => token.Kind switch
    {
        TokenKind.Atom => "atom",
        TokenKind.Var => "var",
        TokenKind.Char => "char",
        TokenKind.Integer => "integer",
        TokenKind.Float => "float",
        TokenKind.String => "string",
        TokenKind.SigilPrefix => "sigil_prefix",
        TokenKind.SigilSuffix => "sigil_suffix",
        TokenKind.Dot => "dot",
        TokenKind.EndOfFile => "eof",
        TokenKind.Symbol => token.Text,
        _ => "bad",
    };

    private static string Value(Token token) => token.Kind switch
    {
        TokenKind.Atom or TokenKind.Var or TokenKind.String or TokenKind.SigilPrefix or TokenKind.SigilSuffix =>
            Codes(token.Value as string ?? ""),
        TokenKind.Integer => ((BigInteger)token.Value!).ToString(CultureInfo.InvariantCulture),
        TokenKind.Char => ((int)token.Value!).ToString(CultureInfo.InvariantCulture),
        TokenKind.Float => BitConverter.DoubleToUInt64Bits((double)token.Value!).ToString(CultureInfo.InvariantCulture),
        _ => "-",
    };

    private static string Codes(string text)
    {
        var builder = new StringBuilder(text.Length * 4);
        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32(text[i], text[++i]);
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(c.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
