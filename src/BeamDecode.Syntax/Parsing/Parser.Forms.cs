using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

// Attributes: erl_parse.yrl's attribute, attr_val, typed_attr_val, typed_record_fields, typed_exprs, type_spec and
// spec_fun, with build_attribute/2, build_typed_attribute/2, build_type_spec/2, farity_list/1, record_tuple/1 and
// record_fields/1. Every attribute takes the anno of its name (the atom after '-').
public sealed partial class Parser
{
    private Form ParseAttribute()
    {
        Next(); // '-'
        var name = Peek;
        if (name.Kind != TokenKind.Atom)
        {
            throw SyntaxError(name);
        }

        Next();
        string attr = NameOf(name);
        if (attr is "spec" or "callback")
        {
            return ParseSpec(name);
        }

        // '-' atom '(' typed_attr_val ')' | '-' atom attr_val with attr_val -> '(' expr ',' exprs ')': try the
        // parenthesized shapes first; '(' E ')' followed by more than the full stop is an expression that merely
        // starts with a parenthesis, so parse again from the '('.
        int start = _pos;
        if (Accept("("))
        {
            var e1 = ParseExpr();
            if (Accept("::"))
            {
                var type = ParseTopType();
                Expect(")");
                return BuildTypedAttribute(name, e1, type, null);
            }

            if (Accept(","))
            {
                var form = ParseAttributeRest(name, e1);
                Expect(")");
                return form;
            }

            if (IsNext(")") && PeekAt(1).Kind == TokenKind.Dot)
            {
                Next();
                return BuildAttribute(name, [e1]);
            }

            _pos = start;
        }

        var e = ParseExpr();
        if (Accept("::"))
        {
            return BuildTypedAttribute(name, e, ParseTopType(), null);
        }

        return Accept(",") ? ParseAttributeRest(name, e) : BuildAttribute(name, [e]);
    }

    /// <summary>After <c>E ,</c>: attr_val's <c>exprs</c>, or typed_record_fields (a tuple with at least one
    /// <c>E :: Type</c>, which makes the attribute a typed record declaration).</summary>
    private Form ParseAttributeRest(Token name, Expr first)
    {
        if (IsNext("{"))
        {
            int start = _pos;
            var open = Next();
            var elements = new List<(Expr Expr, TypeNode? Type)>();
            bool typed = false;
            if (!IsNext("}"))
            {
                do
                {
                    var e = ParseExpr();
                    TypeNode? type = null;
                    if (Accept("::"))
                    {
                        type = ParseTopType();
                        typed = true;
                    }

                    elements.Add((e, type));
                }
                while (Accept(","));
            }

            Expect("}");
            if (typed)
            {
                return BuildTypedAttribute(name, first, null, (AnnoOf(open), elements));
            }

            _pos = start;
        }

        var values = new List<Expr> { first };
        values.AddRange(ParseExprList());
        return BuildAttribute(name, values);
    }

    /// <summary>build_typed_attribute/2: a typed record declaration or a type definition.</summary>
    private Form BuildTypedAttribute(Token name, Expr head, TypeNode? type, (Anno Anno, List<(Expr Expr, TypeNode? Type)> Fields)? record)
    {
        string attr = NameOf(name);
        var anno = AnnoOf(name);
        if (record is { } r && attr == "record" && head is AtomExpr recordName)
        {
            var fields = new List<RecordFieldDecl>(r.Fields.Count);
            foreach (var (e, t) in r.Fields)
            {
                var field = RecordField(e);
                fields.Add(t is null ? field : field with { Type = t });
            }

            return new RecordAttribute(recordName.Value, new SyntaxList<RecordFieldDecl>(fields)) { Anno = anno };
        }

        bool isTypeAttr = attr is "type" or "opaque" || (attr == "nominal" && _options.OtpRelease >= 28);
        if (type is not null && isTypeAttr && head is CallExpr { Function: AtomExpr typeName } call)
        {
            var parameters = new List<TypeVar>(call.Arguments.Count);
            foreach (var arg in call.Arguments)
            {
                if (arg is VarExpr { Name: "_" })
                {
                    throw Error(DiagnosticId.ParserBadType, "bad type variable", arg, name);
                }
            }

            foreach (var arg in call.Arguments)
            {
                parameters.Add(arg is VarExpr v
                    ? new TypeVar(v.Name) { Anno = v.Anno }
                    : throw Error(DiagnosticId.ParserBadType, "bad type variable", FirstAnnoNode(arg), name));
            }

            return new TypeAttribute(attr, typeName.Value, new SyntaxList<TypeVar>(parameters), type) { Anno = anno };
        }

        if (attr is "record" or "type" or "opaque" || isTypeAttr)
        {
            throw Error(DiagnosticId.ParserBadAttribute, $"bad {attr} declaration", name);
        }

        throw Error(DiagnosticId.ParserBadAttribute, "bad attribute", name);
    }

    /// <summary>build_type_spec/2: <c>-spec [Mod:]Name Sigs</c>, the arity taken from the first signature.</summary>
    private SpecAttribute ParseSpec(Token kind)
    {
        bool parenthesized = Accept("(");
        var first = Expect(TokenKind.Atom);
        string? module = null;
        string function = NameOf(first);
        if (Accept(":"))
        {
            module = function;
            function = NameOf(Expect(TokenKind.Atom));
        }

        var sigs = ParseTypeSigs();
        if (parenthesized)
        {
            Expect(")");
        }

        // find_arity_from_specs/1 (a '(...)' signature has no product: erl_parse crashes on it; we refuse it).
        var fun = sigs[0] switch
        {
            BoundedFunType b => b.Function,
            FunType f => f,
            _ => null,
        };
        if (fun?.Parameters is not { } parameters)
        {
            throw Error(DiagnosticId.ParserBadAttribute, $"bad {NameOf(kind)} declaration", kind);
        }

        return new SpecAttribute(NameOf(kind), module, function, parameters.Count, sigs) { Anno = AnnoOf(kind) };
    }

    /// <summary>build_attribute/2.</summary>
    private Form BuildAttribute(Token name, List<Expr> values)
    {
        string attr = NameOf(name);
        var anno = AnnoOf(name);
        switch (attr)
        {
            case "module":
                if (values[0] is AtomExpr module)
                {
                    if (values.Count == 1)
                    {
                        return new ModuleAttribute(module.Value) { Anno = anno };
                    }

                    if (values.Count == 2)
                    {
                        // A parameterized module (R16 and older): {Module, [Var]}; the model has no node for it.
                        return new UnknownForm($"{{attribute,module,{{{module.Value},{VarList(values[1])}}}}}") { Anno = anno };
                    }
                }

                throw BadDeclaration(values[0], "module", name);
            case "export":
                if (values.Count == 1)
                {
                    return new FunctionListAttribute("export", FarityList(values[0], name)) { Anno = anno };
                }

                throw BadDeclaration(values[1], "export", name);
            case "import":
                if (values.Count == 2 && values[0] is AtomExpr importModule)
                {
                    return new ImportAttribute(importModule.Value, FarityList(values[1], name)) { Anno = anno };
                }

                throw BadDeclaration(values.Count > 1 ? values[1] : values[0], "import", name);
            case "record":
                if (values.Count == 2 && values[0] is AtomExpr recordName)
                {
                    if (values[1] is not TupleExpr tuple)
                    {
                        throw Error(DiagnosticId.ParserBadAttribute, "bad record declaration", FirstAnnoNode(values[1]), name);
                    }

                    var fields = new List<RecordFieldDecl>(tuple.Elements.Count);
                    foreach (var e in tuple.Elements)
                    {
                        fields.Add(RecordField(e));
                    }

                    return new RecordAttribute(recordName.Value, new SyntaxList<RecordFieldDecl>(fields)) { Anno = anno };
                }

                throw BadDeclaration(values[0], "record", name);
            case "file":
                if (values.Count == 2 && values[0] is StringExpr file && values[1] is IntegerExpr line)
                {
                    return new FileAttribute(CharsToString(file.Chars), (int)line.Value) { Anno = anno };
                }

                throw BadDeclaration(values[0], "file", name);
        }

        if (values.Count != 1)
        {
            throw Error(DiagnosticId.ParserBadAttribute, "bad attribute", FirstAnnoNode(values[1]), name);
        }

        if (attr is "doc" or "moduledoc" && _options.OtpRelease >= 27 && !IsDocValue(values[0]))
        {
            throw BadDeclaration(values[0], "doc", name);
        }

        var term = attr is "doc" or "moduledoc" && _options.OtpRelease >= 27 && values[0] is MapExpr docMap
            ? DocMapTerm(docMap, attr == "doc", name)
            : AttributeTerm(values[0], name);
        if (attr is "export_type" or "optional_callbacks" or "nifs" && FunctionNamesOf(term) is { } names)
        {
            return new FunctionListAttribute(attr, names) { Anno = anno };
        }

        if (attr is "export_type" or "nifs" or "import" or "type" or "opaque")
        {
            // Not the shape the abstract format documents: AbstractFormReader keeps such a form as unknown too.
            return new UnknownForm($"{{attribute,{attr},{term}}}") { Anno = anno };
        }

        return new WildAttribute(attr, term) { Anno = anno };
    }

    /// <summary>build_attribute/2 for doc and moduledoc (OTP 27): a boolean, hidden, a string, a binary, a map or
    /// <c>{file, String}</c>.</summary>
    private static bool IsDocValue(Expr e) => e switch
    {
        AtomExpr { Value: "true" or "false" or "hidden" } => true,
        StringExpr or BinaryExpr or MapExpr { Source: null } => true,
        TupleExpr { Elements: [AtomExpr { Value: "file" }, StringExpr] } => true,
        _ => false,
    };

    private static SyntaxList<FunctionName>? FunctionNamesOf(Expr term)
    {
        var names = new List<FunctionName>();
        var e = term;
        while (e is ConsExpr { Head: TupleExpr { Elements: [AtomExpr f, IntegerExpr a] } } cons && a.Value >= int.MinValue && a.Value <= int.MaxValue)
        {
            names.Add(new FunctionName(f.Value, (int)a.Value));
            e = cons.Tail;
        }

        return e is NilExpr ? new SyntaxList<FunctionName>(names) : (SyntaxList<FunctionName>?)null;
    }

    /// <summary>farity_list/1: a list of Name/Arity.</summary>
    private SyntaxList<FunctionName> FarityList(Expr e, Token at)
    {
        var names = new List<FunctionName>();
        while (e is ConsExpr cons)
        {
            if (cons.Head is not BinaryOpExpr { Operator: "/" } slash)
            {
                break;
            }

            if (slash.Left is not AtomExpr f)
            {
                throw Error(DiagnosticId.ParserBadAttribute, "bad function name", FirstAnnoNode(slash.Left), at);
            }

            if (slash.Right is not IntegerExpr a)
            {
                throw Error(DiagnosticId.ParserBadAttribute, "bad function arity", FirstAnnoNode(slash.Right), at);
            }

            names.Add(new FunctionName(f.Value, a.Value >= int.MinValue && a.Value <= int.MaxValue ? (int)a.Value : 0));
            e = cons.Tail;
        }

        if (e is not NilExpr)
        {
            throw Error(DiagnosticId.ParserBadAttribute, "bad Name/Arity", FirstAnnoNode(e), at);
        }

        return new SyntaxList<FunctionName>(names);
    }

    private string VarList(Expr e)
    {
        var names = new List<string>();
        while (e is ConsExpr { Head: VarExpr v } cons)
        {
            names.Add(v.Name);
            e = cons.Tail;
        }

        if (e is not NilExpr)
        {
            throw new ParseError(DiagnosticId.ParserBadAttribute, "bad variable list", Peek) { Line = FirstAnno(e)?.Line, Column = FirstAnno(e)?.Column };
        }

        return "[" + string.Join(",", names) + "]";
    }

    /// <summary>record_fields/1: <c>f</c>, <c>f = Default</c> (each annotated with the field atom).</summary>
    private RecordFieldDecl RecordField(Expr e) => e switch
    {
        AtomExpr a => new RecordFieldDecl(a.Value, null, null) { Anno = a.Anno, NameAnno = a.Anno },
        MatchExpr { Left: AtomExpr a } m => new RecordFieldDecl(a.Value, m.Right, null) { Anno = a.Anno, NameAnno = a.Anno },
        _ => throw new ParseError(DiagnosticId.ParserBadAttribute, "bad record field", Peek) { Line = FirstAnno(e)?.Line, Column = FirstAnno(e)?.Column },
    };

    private ParseError BadDeclaration(Expr at, string what, Token fallback) =>
        Error(DiagnosticId.ParserBadAttribute, $"bad {what} declaration", FirstAnnoNode(at), fallback);

    /// <summary>A stand-in node carrying first_anno of <paramref name="e"/>, for ret_abstr_err's location.</summary>
    private SyntaxNode FirstAnnoNode(Expr e) => new NilExpr { Anno = FirstAnno(e) };

    private static string CharsToString(SyntaxList<int> chars)
    {
        var sb = new System.Text.StringBuilder(chars.Count);
        foreach (int c in chars)
        {
            sb.Append(c is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(c) : "\uFFFD");
        }

        return sb.ToString();
    }
}
