using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Conformance.Tests.ErlParse;

/// <summary>One form of the ground truth: epp's tokens and erl_parse:parse_form/1's answer ({ok,Form} or {error,Info}).</summary>
public sealed record TruthForm(IReadOnlyList<Token> Tokens, Term Result);

/// <summary>One file of the ground truth; <see cref="EppFailure"/> set when epp could not open it.</summary>
public sealed record TruthFile(string Path, IReadOnlyList<TruthForm> Forms, string? EppFailure);

/// <summary>
/// Runs erl_parse_truth.escript (one Erlang node for all files) and reads its output back: the tokens become our
/// <see cref="Token"/> records, exactly as erl_scan categorized and located them.
/// </summary>
public static class ErlParseTruth
{
    public static IReadOnlyList<TruthFile> Run(IReadOnlyList<string> erlFiles)
    {
        string escript = ErlangTool.Escript;
        string dir = ErlangTool.CreateTempDirectory("erl-parse-truth");
        try
        {
            string list = Path.Combine(dir, "files.txt");
            string output = Path.Combine(dir, "truth.bin");
            File.WriteAllText(list, string.Join('\n', erlFiles) + "\n", new UTF8Encoding(false));
            string script = Path.Combine(AppContext.BaseDirectory, "ErlParse", "erl_parse_truth.escript");
            ErlangTool.Run(escript, [script, list, output], TimeSpan.FromMinutes(10));
            return Read(File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<TruthFile> Read(byte[] data)
    {
        var records = new List<(int Offset, int Length)>();
        for (int at = 0; at + 4 <= data.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            records.Add((at + 4, length));
            at += 4 + length;
        }

        var files = new TruthFile[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            var (offset, length) = records[i];
            var term = (TupleTerm)TermReader.Decode(data.AsSpan(offset, length));
            string path = Encoding.UTF8.GetString(((BitStringTerm)term[0]).Bytes.AsSpan());
            if (term[1] is not ListTerm and not NilTerm)
            {
                files[i] = new TruthFile(path, [], term[1].ToString());
                return;
            }

            var forms = new List<TruthForm>();
            foreach (var item in Elements(term[1]))
            {
                var pair = (TupleTerm)item;
                forms.Add(new TruthForm([.. Elements(pair[0]).Select(ToToken)], pair[1]));
            }

            files[i] = new TruthFile(path, forms, null);
        });
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    private static IEnumerable<Term> Elements(Term list) => list is ListTerm l ? l.Elements : [];

    /// <summary>An erl_scan token tuple as our token: {Category, Anno} or {Category, Anno, Value}.</summary>
    public static Token ToToken(Term t)
    {
        var tuple = (TupleTerm)t;
        string category = ((AtomTerm)tuple[0]).Name;
        var anno = AbstractFormReader.ReadAnno(tuple[1]) ?? new Syntax.Anno(0);
        Term? value = tuple.Arity > 2 ? tuple[2] : null;
        (TokenKind kind, object? v) = category switch
        {
            "atom" => (TokenKind.Atom, (object?)((AtomTerm)value!).Name),
            "var" => (TokenKind.Var, ((AtomTerm)value!).Name),
            "integer" => (TokenKind.Integer, ((IntegerTerm)value!).Value),
            "float" => (TokenKind.Float, ((FloatTerm)value!).Value),
            "char" => (TokenKind.Char, (int)((IntegerTerm)value!).Value),
            "string" => (TokenKind.String, Text(value!)),
            "sigil_prefix" => (TokenKind.SigilPrefix, ((AtomTerm)value!).Name),
            "sigil_suffix" => (TokenKind.SigilSuffix, Text(value!)),
            "dot" => (TokenKind.Dot, null),
            _ => (TokenKind.Symbol, null),
        };
        // Our tokens carry their source text; erl_scan keeps it in the anno only where epp asks (quoted atoms
        // spelled like feature keywords), which is all the parser needs of it.
        string text = kind == TokenKind.Symbol ? category : anno.Text ?? v?.ToString() ?? category;
        return new Token(kind, default, text, v, anno.Line, anno.Column) { Generated = anno.Generated };
    }

    private static string Text(Term chars)
    {
        var sb = new StringBuilder();
        foreach (var c in Elements(chars))
        {
            int cp = (int)((IntegerTerm)c).Value;
            sb.Append(cp is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(cp) : "\uFFFD");
        }

        return sb.ToString();
    }
}
