using System.Globalization;
using System.Numerics;
using System.Text;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Syntax.Tests.Parsing;

/// <summary>
/// A compact text of preprocessed items for tests: one line per item; tokens as <c>text@line:col</c> (column 0:
/// line only), -file attributes as <c>file("F",N)@line:col</c>, errors as <c>E line:col module: message</c>.
/// </summary>
public static class PreprocessorRendering
{
    public static string Render(PreprocessedFile file, string? stripDir = null)
    {
        var builder = new StringBuilder();
        foreach (PreprocessedItem item in file.Items)
        {
            switch (item)
            {
                case PreprocessedForm form:
                    builder.AppendJoin(' ', form.Tokens.Select(t => Strip(Token(t), stripDir))).Append('\n');
                    break;
                case PreprocessedFileAttribute attribute:
                    builder.Append(CultureInfo.InvariantCulture,
                        $"file(\"{Strip(attribute.File, stripDir)}\",{attribute.FileLine})@{attribute.Line}:{attribute.Column}{(attribute.Generated ? " generated" : "")}\n");
                    break;
                case PreprocessedDiagnostic problem:
                    builder.Append(CultureInfo.InvariantCulture,
                        $"{(problem.IsWarning ? "W" : "E")} {problem.Diagnostic.Line}:{problem.Diagnostic.Column} {problem.Module}: {Strip(problem.Diagnostic.Message, stripDir)}\n");
                    break;
                case PreprocessedEof eof:
                    builder.Append(CultureInfo.InvariantCulture, $"eof@{eof.Line}:{eof.Column}\n");
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Strip(string text, string? dir) => dir is null ? text : text.Replace(dir + "/", "", StringComparison.Ordinal);

    private static string Token(Token token)
    {
        string text = token.Kind switch
        {
            TokenKind.Atom => Quote((string)token.Value!, '\''),
            TokenKind.Var => (string)token.Value!,
            TokenKind.String => Quote((string)token.Value!, '"'),
            TokenKind.Integer => ((BigInteger)token.Value!).ToString(CultureInfo.InvariantCulture),
            TokenKind.Char => "$" + char.ConvertFromUtf32((int)token.Value!),
            TokenKind.Float => ((double)token.Value!).ToString("R", CultureInfo.InvariantCulture),
            TokenKind.Dot => ".",
            _ => token.Text,
        };
        return $"{text}@{token.Line}:{token.Column}";
    }

    private static string Quote(string value, char quote)
    {
        bool plain = quote == '\'' && value.Length > 0 && char.IsAsciiLetterLower(value[0])
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '@');
        return plain ? value : quote + value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace(quote.ToString(), "\\" + quote) + quote;
    }
}
