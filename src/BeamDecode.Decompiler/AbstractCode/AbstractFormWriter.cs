using System.Collections.Immutable;
using System.Numerics;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Decompiler.AbstractCode;

/// <summary>
/// The syntax model back to Erlang's abstract format (erts/doc "The Abstract Format", stdlib erl_parse.yrl): the
/// inverse of <see cref="AbstractFormReader"/>. With <see cref="TermWriter"/> a form prints exactly as
/// <c>io:format("~w.~n", [Form])</c> prints the form epp or the debug info holds, annotations included (erl_anno:
/// a line, <c>{Line,Column}</c>, or its list form with the items in their original order). Nodes the reader
/// could not read (Unknown*, error markers) have no term of their own: they are written as
/// <c>{beamdecode_unknown,Text}</c> with their ~w text, so they can never be mistaken for real code.
/// </summary>
public sealed partial class AbstractFormWriter
{
    private readonly bool _columns;

    private AbstractFormWriter(bool columns) => _columns = columns;

    /// <summary>Writes annotations as they are: <c>{Line,Column}</c> where the node has a column (what the compiler's
    /// epp call and the debug info hold).</summary>
    public static AbstractFormWriter Default { get; } = new(columns: true);

    /// <summary>Writes every location as its line alone, as <c>epp:parse_file/2</c> without a <c>{location,{1,1}}</c>
    /// option gives them (its default start location is the line 1, erl_scan then records no columns).</summary>
    public static AbstractFormWriter LinesOnly { get; } = new(columns: false);

    /// <summary>The forms of a module as the list epp:parse_file or the debug info gives.</summary>
    public Term WriteModule(ModuleSyntax module) => List(module.Forms.Items, WriteForm);

    public Term WriteForm(Form form)
    {
        var a = WriteAnno(form.Anno);
        return form switch
        {
            ModuleAttribute m => Attribute(a, "module", Atom(m.Name)),
            FunctionListAttribute f => Attribute(a, f.Name, FunctionNames(f.Functions)),
            ImportAttribute i => Attribute(a, "import", Tuple(Atom(i.Module), FunctionNames(i.Functions))),
            FileAttribute f => Attribute(a, "file", Tuple(Chars(f.File), Int(f.LineNumber))),
            RecordAttribute r => Attribute(a, "record", Tuple(Atom(r.Name), List(r.Fields.Items, WriteRecordFieldDecl))),
            TypeAttribute t => Attribute(a, t.Kind, Tuple(Atom(t.Name), WriteType(t.Type), List(t.Parameters.Items, WriteType))),
            SpecAttribute s => Attribute(a, s.Kind, Tuple(
                s.Module is null ? Tuple(Atom(s.Name), Int(s.Arity)) : Tuple(Atom(s.Module), Atom(s.Name), Int(s.Arity)),
                List(s.Types.Items, WriteType))),
            WildAttribute w => Attribute(a, w.Name, TermOfLiteral(w.Value)),
            FunctionDecl f => Tuple(Atom("function"), a, Atom(f.Name), Int(f.Arity), WriteClauses(f.Clauses)),
            EofForm => Tuple(Atom("eof"), a),
            ErrorMarkerForm e => Unknown(e.TermText),
            UnknownForm u => Unknown(u.TermText),
            _ => Unknown(form.GetType().Name),
        };
    }

    private TupleTerm Attribute(Term anno, string name, Term value) => Tuple(Atom("attribute"), anno, Atom(name), value);

    private Term FunctionNames(SyntaxList<FunctionName> names) => List(names.Items, n => Tuple(Atom(n.Name), Int(n.Arity)));

    private Term WriteRecordFieldDecl(RecordFieldDecl f)
    {
        var a = WriteAnno(f.Anno);
        var name = Tuple(Atom("atom"), f.NameAnno.Value is { } na ? WriteAnno(na) : a, Atom(f.Name));
        Term field = f.Default is null
            ? Tuple(Atom("record_field"), a, name)
            : Tuple(Atom("record_field"), a, name, WriteExpr(f.Default));
        return f.Type is null ? field : Tuple(Atom("typed_record_field"), field, WriteType(f.Type));
    }

    /// <summary>An attribute value back to the term erl_parse:abstract/2 wrote it from (the inverse of
    /// <see cref="AbstractFormReader.LiteralFromTerm"/>).</summary>
    public static Term TermOfLiteral(Expr e)
    {
        switch (e)
        {
            case AtomExpr a: return Atom(a.Value);
            case IntegerExpr i: return IntegerTerm.Create(i.Value);
            case CharExpr c: return Int(c.Value);
            case FloatExpr f: return new FloatTerm(f.Value);
            case NilExpr: return NilTerm.Instance;
            case StringExpr s: return Chars(s.Chars);
            case TupleExpr t: return new TupleTerm([.. t.Elements.Items.Select(TermOfLiteral)]);
            case ConsExpr:
                var elements = ImmutableArray.CreateBuilder<Term>();
                Expr tail = e;
                while (true)
                {
                    if (tail is ConsExpr cons)
                    {
                        elements.Add(TermOfLiteral(cons.Head));
                        tail = cons.Tail;
                    }
                    else if (tail is StringExpr { Chars.Count: > 0 } str)
                    {
                        foreach (int ch in str.Chars)
                        {
                            elements.Add(Int(ch));
                        }

                        tail = new NilExpr();
                    }
                    else
                    {
                        break;
                    }
                }

                return new ListTerm(elements.ToImmutable(), tail is StringExpr ? NilTerm.Instance : TermOfLiteral(tail));
            case MapExpr { Source: null } m:
                return MapTerm.Create(m.Associations.Items.Select(p => new KeyValuePair<Term, Term>(TermOfLiteral(p.Key), TermOfLiteral(p.Value))));
            case BinaryExpr b when BinaryOfLiteral(b) is { } bits: return bits;
            case UnaryOpExpr { Operator: "-", Operand: IntegerExpr n }: return IntegerTerm.Create(-n.Value);
            case UnaryOpExpr { Operator: "-", Operand: FloatExpr n }: return new FloatTerm(-n.Value);
            default: return Unknown(e is UnknownExpr u ? u.TermText : e.GetType().Name);
        }
    }

    /// <summary>A binary literal: string segments and byte-sized integers, the last possibly of 1..7 bits.</summary>
    private static BitStringTerm? BinaryOfLiteral(BinaryExpr b)
    {
        var bytes = ImmutableArray.CreateBuilder<byte>();
        int lastBits = 8;
        for (int k = 0; k < b.Elements.Count; k++)
        {
            var el = b.Elements[k];
            if (el.Specifiers is not null || lastBits != 8)
            {
                return null;
            }

            switch (el.Value, el.Size)
            {
                case (StringExpr s, null):
                    foreach (int ch in s.Chars)
                    {
                        bytes.Add((byte)ch);
                    }

                    break;
                case (IntegerExpr i, null) when i.Value >= 0 && i.Value <= 255:
                    bytes.Add((byte)i.Value);
                    break;
                case (IntegerExpr i, IntegerExpr { Value: var size }) when size >= 1 && size <= 7 && i.Value >= 0 && i.Value < (BigInteger.One << (int)size):
                    lastBits = (int)size;
                    bytes.Add((byte)((int)i.Value << (8 - lastBits)));
                    break;
                default:
                    return null;
            }
        }

        return bytes.Count == 0 ? BitStringTerm.Empty : new BitStringTerm(bytes.ToImmutable(), lastBits);
    }

    private static readonly Term[] LineTerms = CreateLineTerms(1 << 16);

    private static Term[] CreateLineTerms(int count)
    {
        var terms = new Term[count];
        for (int i = 0; i < count; i++)
        {
            terms[i] = IntegerTerm.Create(i);
        }

        return terms;
    }

    /// <summary>
    /// erl_anno's term: a bare line; <c>{Line,Column}</c>; or, when the annotation has more than a location, the
    /// list form with its items in the order read (<see cref="Anno.ListKeys"/>), else in the order erl_anno's
    /// set/3 leaves them after setting generated, file and text on a plain location (each set prepends).
    /// A node without an annotation gets line 0, erl_anno:new(0).
    /// </summary>
    public Term WriteAnno(Anno? anno)
    {
        if (anno is null)
        {
            return LineTerms[0];
        }

        string? keys = anno.ListKeys;
        if (keys is null && (anno.Generated || anno.File is not null || anno.Text is not null || anno.Record))
        {
            keys = (anno.Text is null ? "" : "t") + (anno.File is null ? "" : "f") + (anno.Record ? "r" : "") + (anno.Generated ? "g" : "") + "l";
        }

        if (keys is null)
        {
            return Location(anno);
        }

        var items = ImmutableArray.CreateBuilder<Term>(keys.Length);
        foreach (char k in keys)
        {
            items.Add(k switch
            {
                'l' => Tuple(Atom("location"), Location(anno)),
                'g' => Tuple(Atom("generated"), Atom(anno.Generated ? "true" : "false")),
                'f' => Tuple(Atom("file"), Chars(anno.File ?? "")),
                't' => Tuple(Atom("text"), Chars(anno.Text ?? "")),
                _ => Tuple(Atom("record"), Atom(anno.Record ? "true" : "false")),
            });
        }

        return items.Count == 0 ? NilTerm.Instance : new ListTerm(items.MoveToImmutable(), NilTerm.Instance);
    }

    private Term Location(Anno anno) => anno.Column > 0 && _columns
        ? Tuple(Int(anno.Line), Int(anno.Column))
        : (anno.Line >= 0 && anno.Line < LineTerms.Length ? LineTerms[anno.Line] : Int(anno.Line));

    private static Term Unknown(string text) => Tuple(Atom("beamdecode_unknown"), Chars(text));

    // Term builders.

    private static readonly Dictionary<string, AtomTerm> CommonAtoms = CreateCommonAtoms();

    private static Dictionary<string, AtomTerm> CreateCommonAtoms()
    {
        var atoms = new Dictionary<string, AtomTerm>(StringComparer.Ordinal);
        foreach (string name in (string[])["attribute", "function", "clause", "var", "atom", "integer", "float", "char", "string", "nil",
                     "cons", "tuple", "match", "op", "call", "remote", "record", "record_field", "record_index", "map", "map_field_assoc",
                     "map_field_exact", "bin", "bin_element", "default", "case", "if", "receive", "try", "fun", "named_fun", "block",
                     "catch", "lc", "bc", "mc", "generate", "b_generate", "m_generate", "type", "user_type", "remote_type", "ann_type",
                     "union", "product", "any", "true", "false", "location", "generated", "file", "text", "eof", "spec", "export",
                     "maybe", "maybe_match", "else", "bounded_fun", "constraint", "is_subtype", "field_type", "typed_record_field", "_"])
        {
            atoms[name] = new AtomTerm(name);
        }

        return atoms;
    }

    private static AtomTerm Atom(string name) => CommonAtoms.TryGetValue(name, out var a) ? a : new AtomTerm(name);

    private static Term Int(int value) => value >= 0 && value < LineTerms.Length ? LineTerms[value] : IntegerTerm.Create(value);

    private static TupleTerm Tuple(Term a, Term b) => new(ImmutableArray.Create(a, b));

    private static TupleTerm Tuple(Term a, Term b, Term c) => new(ImmutableArray.Create(a, b, c));

    private static TupleTerm Tuple(Term a, Term b, Term c, Term d) => new(ImmutableArray.Create(a, b, c, d));

    private static TupleTerm Tuple(params Term[] items) => new(ImmutableArray.Create(items));

    private static Term List<T>(ImmutableArray<T> items, Func<T, Term> write)
    {
        if (items.IsDefaultOrEmpty)
        {
            return NilTerm.Instance;
        }

        var builder = ImmutableArray.CreateBuilder<Term>(items.Length);
        foreach (var item in items)
        {
            builder.Add(write(item));
        }

        return new ListTerm(builder.MoveToImmutable(), NilTerm.Instance);
    }

    /// <summary>A string as Erlang's list of code points ([] when empty).</summary>
    private static Term Chars(string text)
    {
        if (text.Length == 0)
        {
            return NilTerm.Instance;
        }

        var builder = ImmutableArray.CreateBuilder<Term>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Add(IntegerTerm.Create(char.ConvertToUtf32(text[i], text[i + 1])));
                i++;
            }
            else
            {
                builder.Add(Int(text[i]));
            }
        }

        return new ListTerm(builder.ToImmutable(), NilTerm.Instance);
    }

    private static Term Chars(SyntaxList<int> chars)
    {
        if (chars.Count == 0)
        {
            return NilTerm.Instance;
        }

        var builder = ImmutableArray.CreateBuilder<Term>(chars.Count);
        foreach (int c in chars)
        {
            builder.Add(Int(c));
        }

        return new ListTerm(builder.MoveToImmutable(), NilTerm.Instance);
    }
}
