using System.Collections.Immutable;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;
using static BeamDecode.Decompiler.AbstractCode.TermShapes;

namespace BeamDecode.Decompiler.AbstractCode;

/// <summary>
/// Reads the Erlang abstract format (erts absform, "The Abstract Format"; the tuples erl_parse.yrl builds) into the
/// syntax model. Every shape the format documents has a node; a term of any other shape becomes an Unknown* node
/// carrying its <c>~w</c> text, plus a diagnostic naming it: nothing is dropped silently. One reader per module:
/// it collects the diagnostics.
/// </summary>
public sealed partial class AbstractFormReader
{
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>Set when a maybe expression was read: its module needs the maybe_expr feature.</summary>
    private bool _usesMaybe;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>The forms of a debug-info payload: erl_abstract_code's <c>{Forms, Options}</c> (Dbgi), or the
    /// Abst chunk's <c>{raw_abstract_v1 | abstract_v1 | abstract_v2, Forms}</c>, or a bare form list.</summary>
    public static (ModuleSyntax Module, IReadOnlyList<Diagnostic> Diagnostics) ReadPayload(Term payload)
    {
        var reader = new AbstractFormReader();
        Term forms = payload switch
        {
            TupleTerm { Arity: 2 } t when t[0] is AtomTerm { Name: "raw_abstract_v1" or "abstract_v1" or "abstract_v2" } => t[1],
            TupleTerm { Arity: 2 } t => t[0],
            _ => payload,
        };
        return (reader.ReadModule(forms), reader.Diagnostics);
    }

    public ModuleSyntax ReadModule(Term forms)
    {
        if (ProperList(forms) is not { } items)
        {
            Report(DiagnosticId.BadAbstractCode, $"the abstract code is not a list of forms: {Short(forms)}", 0);
            return new ModuleSyntax(SyntaxList<Form>.Empty);
        }

        var result = new List<Form>(items.Length + 1);
        foreach (var item in items)
        {
            result.Add(ReadForm(item));
        }

        // epp consumes -feature(maybe_expr, enable) (OTP 25, 26 need it for maybe ... end), so the forms lack it;
        // put it back after -module, without a line (the printer keeps it on the -module line for --keep-lines).
        int module = result.FindIndex(f => f is ModuleAttribute);
        if (_usesMaybe && module >= 0 && !result.Any(f => f is WildAttribute { Name: "feature" }))
        {
            result.Insert(module + 1, new WildAttribute("feature", new TupleExpr([new AtomExpr("maybe_expr"), new AtomExpr("enable")])));
        }

        return new ModuleSyntax(new SyntaxList<Form>(result));
    }

    public Form ReadForm(Term t)
    {
        if (t is TupleTerm tt)
        {
            switch (Tag(t))
            {
                case "attribute" when tt.Arity == 4 && tt[2] is AtomTerm name:
                    return ReadAttribute(ReadAnno(tt[1]), name.Name, tt[3], t);
                case "function" when tt.Arity == 5 && tt[2] is AtomTerm fname && SmallInt(tt[3]) is { } arity:
                    return new FunctionDecl(fname.Name, arity, ReadClauses(tt[4])) { Anno = ReadAnno(tt[1]) };
                case "eof" when tt.Arity == 2:
                    return new EofForm { Anno = ReadAnno(tt[1]) };
                case "error" when tt.Arity == 2:
                case "warning" when tt.Arity == 2:
                    Report(DiagnosticId.UnknownForm, $"{Tag(t)} marker left in the forms: {Short(t)}", 0);
                    return new ErrorMarkerForm(Tag(t) == "warning", t.ToString());
            }
        }

        Report(DiagnosticId.UnknownForm, $"unknown form: {Short(t)}", 0);
        return new UnknownForm(t.ToString());
    }

    private Form ReadAttribute(Anno? anno, string name, Term value, Term whole)
    {
        Form? form = name switch
        {
            "module" when value is AtomTerm m => new ModuleAttribute(m.Name),
            "export" or "export_type" or "optional_callbacks" or "nifs" when FunctionNames(value) is { } fs => new FunctionListAttribute(name, fs),
            "import" when value is TupleTerm { Arity: 2 } imp && imp[0] is AtomTerm im && FunctionNames(imp[1]) is { } ifs => new ImportAttribute(im.Name, ifs),
            "file" when value is TupleTerm { Arity: 2 } f && CharList(f[0]) is { } file && SmallInt(f[1]) is { } line =>
                new FileAttribute(Text(file), line),
            "record" when value is TupleTerm { Arity: 2 } r && r[0] is AtomTerm rn && ProperList(r[1]) is { } fields =>
                new RecordAttribute(rn.Name, [.. fields.Select(ReadRecordFieldDecl)]),
            "type" or "opaque" or "nominal" when value is TupleTerm { Arity: 3 } ty && ty[0] is AtomTerm tn && ProperList(ty[2]) is { } ps =>
                new TypeAttribute(name, tn.Name, [.. ps.Select(p => ReadType(p) as TypeVar ?? BadTypeVar(p))], ReadType(ty[1])),
            "spec" or "callback" when value is TupleTerm { Arity: 2 } sp && ProperList(sp[1]) is { } types => ReadSpec(name, sp[0], types),
            "module" or "export" or "export_type" or "nifs" or "import" or "file" or "record" or "type" or "opaque" or "spec" or "callback" => null,
            _ => new WildAttribute(name, LiteralFromTerm(value)),
        };
        if (form is null)
        {
            // erl_pp writes optional_callbacks it cannot read as F/A with erl_parse:abstract; others are malformed.
            if (name == "optional_callbacks")
            {
                return new WildAttribute(name, LiteralFromTerm(value)) { Anno = anno };
            }

            Report(DiagnosticId.UnknownForm, $"malformed -{name} attribute: {Short(whole)}", anno?.Line ?? 0);
            return new UnknownForm(whole.ToString()) { Anno = anno };
        }

        return form with { Anno = anno };
    }

    private static SyntaxList<FunctionName>? FunctionNames(Term t)
    {
        if (ProperList(t) is not { } items)
        {
            return null;
        }

        var names = new List<FunctionName>(items.Length);
        foreach (var item in items)
        {
            if (item is not TupleTerm { Arity: 2 } fa || fa[0] is not AtomTerm f || SmallInt(fa[1]) is not { } a)
            {
                return null;
            }

            names.Add(new FunctionName(f.Name, a));
        }

        return new SyntaxList<FunctionName>(names);
    }

    private TypeVar BadTypeVar(Term t)
    {
        Report(DiagnosticId.MalformedNode, $"type parameter is not a variable: {Short(t)}", 0);
        return new TypeVar("_");
    }

    private RecordFieldDecl ReadRecordFieldDecl(Term t)
    {
        var anno = t is TupleTerm { Arity: > 1 } x ? ReadAnno(x[1]) : null;
        if (IsTagged(t, "typed_record_field", 3) && t is TupleTerm typed)
        {
            var inner = ReadRecordFieldDecl(typed[1]);
            return inner with { Type = ReadType(typed[2]) };
        }

        if (t is TupleTerm { Arity: 3 or 4 } f && Tag(t) == "record_field" && f[2] is TupleTerm { Arity: 3 } n && n[2] is AtomTerm name)
        {
            return new RecordFieldDecl(name.Name, f.Arity == 4 ? ReadExpr(f[3]) : null, null) { Anno = anno, NameAnno = ReadAnno(n[1]) };
        }

        Report(DiagnosticId.MalformedNode, $"unknown record field declaration: {Short(t)}", anno?.Line ?? 0);
        return new RecordFieldDecl("beamdecode unknown field: " + t, null, null);
    }

    private Form? ReadSpec(string kind, Term head, ImmutableArray<Term> types)
    {
        var read = new SyntaxList<TypeNode>(types.Select(ReadType));
        return head switch
        {
            TupleTerm { Arity: 2 } fa when fa[0] is AtomTerm f && SmallInt(fa[1]) is { } a => new SpecAttribute(kind, null, f.Name, a, read),
            TupleTerm { Arity: 3 } mfa when mfa[0] is AtomTerm m && mfa[1] is AtomTerm f && SmallInt(mfa[2]) is { } a => new SpecAttribute(kind, m.Name, f.Name, a, read),
            _ => null,
        };
    }

    /// <summary>An attribute's value as a literal expression, as erl_parse:abstract/2 builds it for erl_pp
    /// (strings as strings when every element is a printable character).</summary>
    public Expr LiteralFromTerm(Term t)
    {
        switch (t)
        {
            case AtomTerm a: return new AtomExpr(a.Name);
            case IntegerTerm i: return new IntegerExpr(i.Value);
            case FloatTerm f: return new FloatExpr(f.Value);
            case NilTerm: return new NilExpr();
            case TupleTerm tt: return new TupleExpr([.. tt.Elements.Select(LiteralFromTerm)]);
            case ListTerm l:
                if (l.IsProper && CharList(l) is { } chars && Syntax.Printing.ErlangLiterals.IsPrintableString([.. chars.Select(c => new System.Numerics.BigInteger(c))]))
                {
                    return new StringExpr(new SyntaxList<int>(chars));
                }

                Expr tail = LiteralFromTerm(l.Tail);
                for (int k = l.Elements.Length - 1; k >= 0; k--)
                {
                    tail = new ConsExpr(LiteralFromTerm(l.Elements[k]), tail);
                }

                return tail;
            case MapTerm m: return new MapExpr(null, [.. m.Pairs.Select(p => new MapAssoc(false, LiteralFromTerm(p.Key), LiteralFromTerm(p.Value)))]);
            case BitStringTerm b: return BinaryLiteral(b);
            default:
                Report(DiagnosticId.UnknownExpression, $"attribute value has no literal syntax: {Short(t)}", 0);
                return new UnknownExpr(t.ToString());
        }
    }

    private static BinaryExpr BinaryLiteral(BitStringTerm b)
    {
        // erl_parse:abstract/2 writes a binary of printable Latin-1 characters as <<"text">>.
        if (b.IsBinary && b.Bytes.Length > 0 && b.Bytes.All(c => c is >= 32 and < 127 or >= 160 or (byte)'\n' or (byte)'\t'))
        {
            return new BinaryExpr([new BinElement(new StringExpr([.. b.Bytes.Select(c => (int)c)]), null, null)]);
        }

        var els = new List<BinElement>();
        int whole = b.IsBinary ? b.Bytes.Length : b.Bytes.Length - 1;
        for (int i = 0; i < whole; i++)
        {
            els.Add(new BinElement(new IntegerExpr(b.Bytes[i]), null, null));
        }

        if (!b.IsBinary)
        {
            int bits = b.BitsInLastByte;
            els.Add(new BinElement(new IntegerExpr(b.Bytes[^1] >> (8 - bits)), new IntegerExpr(bits), null));
        }

        return new BinaryExpr(new SyntaxList<BinElement>(els));
    }

    /// <summary>Annotations that are a bare line, shared: most nodes of a line carry the same one.</summary>
    internal static readonly Anno[] LineAnnos = CreateLineAnnos(1 << 16);

    private static Anno[] CreateLineAnnos(int count)
    {
        var annos = new Anno[count];
        for (int i = 0; i < count; i++)
        {
            annos[i] = Anno.AtLine(i);
        }

        return annos;
    }

    /// <summary>erl_anno: a line, <c>{Line, Column}</c>, or a list with location, generated, file and text.</summary>
    public static Anno? ReadAnno(Term t)
    {
        switch (t)
        {
            case IntegerTerm:
                return SmallInt(t) is { } line ? (line >= 0 && line < LineAnnos.Length ? LineAnnos[line] : Anno.AtLine(line)) : null;
            case TupleTerm { Arity: 2 } lc when SmallInt(lc[0]) is { } l && SmallInt(lc[1]) is { } c:
                return new Anno(l, c);
            case ListTerm list:
                var anno = new Anno(0);
                var keys = new System.Text.StringBuilder(list.Elements.Length);
                foreach (var item in list.Elements)
                {
                    if (item is not TupleTerm { Arity: 2 } kv || kv[0] is not AtomTerm key)
                    {
                        continue;
                    }

                    (anno, char k) = key.Name switch
                    {
                        "location" when ReadAnno(kv[1]) is { } loc => (anno with { Line = loc.Line, Column = loc.Column }, 'l'),
                        "generated" when kv[1] is AtomTerm { Name: "true" or "false" } g => (anno with { Generated = g.Name == "true" }, 'g'),
                        "file" when CharList(kv[1]) is { } f => (anno with { File = Text(f) }, 'f'),
                        "text" when CharList(kv[1]) is { } x => (anno with { Text = Text(x) }, 't'),
                        "record" when kv[1] is AtomTerm { Name: "true" } => (anno with { Record = true }, 'r'),
                        _ => (anno, '\0'),
                    };
                    if (k != '\0')
                    {
                        keys.Append(k);
                    }
                }

                return anno with { ListKeys = keys.ToString() };
            default:
                return null;
        }
    }

    /// <summary>The UTF-16 text of code points; a lone surrogate or out-of-range value becomes U+FFFD.</summary>
    internal static string Text(IEnumerable<int> chars) =>
        string.Concat(chars.Select(c => c is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(c) : "\uFFFD"));

    private void Report(string id, string message, int line) => _diagnostics.Add(new Diagnostic(id, message, line));

    /// <summary>The ~w text, cut to a length that fits one diagnostic line.</summary>
    private static string Short(Term t)
    {
        string s = t.ToString();
        return s.Length <= 200 ? s : s[..200] + "...";
    }
}
