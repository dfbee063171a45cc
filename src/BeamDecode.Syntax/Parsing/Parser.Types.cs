using System.Numerics;
using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

// Types: erl_parse.yrl's top_type, type, fun_type, map_pair_type, field_type, binary_type, type_sigs, type_sig and
// type_guard, with build_type/build_gen_type (erl_internal:is_type/2 picks type or user_type), lift_unions/2,
// build_constraint/2 and build_bin_type/2.
public sealed partial class Parser
{
    /// <summary>top_types -> top_type (',' top_type)*.</summary>
    private SyntaxList<TypeNode> ParseTopTypes()
    {
        var list = new List<TypeNode>();
        do
        {
            list.Add(ParseTopType());
        }
        while (Accept(","));
        return new SyntaxList<TypeNode>(list);
    }

    /// <summary>top_type -> var '::' top_type | type '|' top_type | type.</summary>
    private TypeNode ParseTopType()
    {
        Enter();
        try
        {
            var t = Peek;
            if (t.Kind == TokenKind.Var && PeekAt(1).IsSymbol("::"))
            {
                Next();
                Next();
                var var = new TypeVar(NameOf(t)) { Anno = AnnoOf(t) };
                return new AnnotatedType(var, ParseTopType()) { Anno = AnnoOf(t) };
            }

            var left = ParseTypeOperators();
            if (!Accept("|"))
            {
                return left;
            }

            // lift_unions/2: a union on the right (even a parenthesized one) is flattened into this one.
            var right = ParseTopType();
            var alternatives = right is UnionType u ? [left, .. u.Alternatives] : new List<TypeNode> { left, right };
            return new UnionType(new SyntaxList<TypeNode>(alternatives)) { Anno = FirstAnno(left) };
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// type with its operators: '..' (Nonassoc 200), add_op (Left 400), mult_op (Left 500), prefix_op (Unary 600).
    /// An operator application is a singleton integer type: {op,...} of expressions (absform "Types").
    /// </summary>
    private TypeNode ParseTypeOperators()
    {
        var first = ParseTypeOperand();
        if (!IsTypeOperator(Peek, out int prec))
        {
            return first;
        }

        var operands = new List<TypeNode> { first };
        var precs = new List<int> { PrimaryPrecedence };
        var ops = new List<(Token Token, int Prec)>();
        do
        {
            // All three levels are left-associative or non-associative: reduce what binds at least as tightly.
            while (ops.Count > 0 && ops[^1].Prec >= prec)
            {
                ReduceType(operands, precs, ops);
            }

            // '..' is non-associative: its left operand cannot be another range.
            if (prec == 200 && precs[^1] == 200)
            {
                throw SyntaxError(Peek);
            }

            ops.Add((Next(), prec));
            operands.Add(ParseTypeOperand());
            precs.Add(PrimaryPrecedence);
        }
        while (IsTypeOperator(Peek, out prec));

        while (ops.Count > 0)
        {
            ReduceType(operands, precs, ops);
        }

        return operands[0];
    }

    private void ReduceType(List<TypeNode> operands, List<int> precs, List<(Token Token, int Prec)> ops)
    {
        var (token, prec) = ops[^1];
        ops.RemoveAt(ops.Count - 1);
        var right = operands[^1];
        var left = operands[^2];
        operands.RemoveRange(operands.Count - 2, 2);
        precs.RemoveRange(precs.Count - 2, 2);
        // type '..' type : {type,?anno('$1'),range,[L,R]} (the left type's own anno); ?mkop2 for the others.
        TypeNode node = token.Text == ".."
            ? new RangeType(left, right) { Anno = left.Anno }
            : new SingletonType(new BinaryOpExpr(token.Text, TypeAsExpr(left), TypeAsExpr(right)) { Anno = AnnoOf(token) }) { Anno = AnnoOf(token) };
        operands.Add(node);
        precs.Add(prec);
    }

    private static bool IsTypeOperator(Token t, out int prec)
    {
        prec = t.Kind != TokenKind.Symbol ? 0 : t.Text switch
        {
            ".." => 200,
            "+" or "-" or "bor" or "bxor" or "bsl" or "bsr" or "or" or "xor" => 400,
            "*" or "/" or "div" or "rem" or "band" or "and" => 500,
            _ => 0,
        };
        return prec != 0;
    }

    /// <summary>The expression a type operand is in {op,...}: an integer, char or atom singleton, a variable, or an
    /// operator application (absform reads all of them as expressions).</summary>
    private static Expr TypeAsExpr(TypeNode t) => t switch
    {
        SingletonType s => s.Value,
        TypeVar v => new VarExpr(v.Name) { Anno = v.Anno },
        _ => new UnknownExpr(t.ToString()) { Anno = t.Anno },
    };

    /// <summary>prefix_op type, or a type.</summary>
    private TypeNode ParseTypeOperand()
    {
        var t = Peek;
        if (IsPrefixOperator(t))
        {
            Next();
            Enter();
            try
            {
                var operand = ParseTypeOperand();
                return new SingletonType(new UnaryOpExpr(t.Text, TypeAsExpr(operand)) { Anno = AnnoOf(t) }) { Anno = AnnoOf(t) };
            }
            finally
            {
                Leave();
            }
        }

        return ParseTypePrimary();
    }

    private TypeNode ParseTypePrimary()
    {
        var t = Next();
        var anno = AnnoOf(t);
        switch (t.Kind)
        {
            case TokenKind.Var:
                return new TypeVar(NameOf(t)) { Anno = anno };
            case TokenKind.Integer:
                return new SingletonType(new IntegerExpr(t.Value is BigInteger i ? i : 0) { Anno = anno }) { Anno = anno };
            case TokenKind.Char:
                return new SingletonType(new CharExpr(t.Value is int c ? c : 0) { Anno = anno }) { Anno = anno };
            case TokenKind.Atom:
                return ParseNamedType(t);
            case TokenKind.Symbol:
                break;
            default:
                throw SyntaxError(t);
        }

        switch (t.Text)
        {
            case "(":
            {
                var inner = ParseTopType();
                Expect(")");
                return inner;
            }

            case "[":
            {
                if (Accept("]"))
                {
                    return new NilType { Anno = anno };
                }

                var element = ParseTopType();
                if (Accept(","))
                {
                    Expect("...");
                    Expect("]");
                    return new BuiltinType("nonempty_list", [element]) { Anno = anno };
                }

                Expect("]");
                return new BuiltinType("list", [element]) { Anno = anno };
            }

            case "#":
                return IsNext("{") ? ParseMapType(anno) : ParseRecordType(anno);
            case "{":
            {
                var elements = IsNext("}") ? SyntaxList<TypeNode>.Empty : ParseTopTypes();
                Expect("}");
                return new TupleType(elements) { Anno = anno };
            }

            case "<<":
                return ParseBinaryType(anno);
            case "fun":
            {
                Expect("(");
                if (Accept(")"))
                {
                    return new FunType(null, null) { Anno = anno };
                }

                var fun = ParseFunType();
                Expect(")");
                return fun;
            }
        }

        throw SyntaxError(t);
    }

    /// <summary>atom, atom '(' [top_types] ')' and atom ':' atom '(' [top_types] ')'.</summary>
    private TypeNode ParseNamedType(Token name)
    {
        var anno = AnnoOf(name);
        string n = NameOf(name);
        if (IsNext(":"))
        {
            Next();
            var typeName = Expect(TokenKind.Atom);
            Expect("(");
            var args = IsNext(")") ? SyntaxList<TypeNode>.Empty : ParseTopTypes();
            Expect(")");
            return new RemoteType(n, NameOf(typeName), args) { Anno = anno, ModuleAnno = anno, NameAnno = AnnoOf(typeName) };
        }

        if (!Accept("("))
        {
            return new SingletonType(new AtomExpr(n) { Anno = anno }) { Anno = anno };
        }

        if (Accept(")"))
        {
            // build_gen_type/1
            return n switch
            {
                "tuple" => new TupleType(null) { Anno = anno },
                "map" => new MapType(null) { Anno = anno },
                _ => BuildType(n, SyntaxList<TypeNode>.Empty, anno),
            };
        }

        var arguments = ParseTopTypes();
        Expect(")");
        return BuildType(n, arguments, anno);
    }

    /// <summary>build_type/2: {type,...} for a predefined type (erl_internal:is_type/2), else {user_type,...}.</summary>
    private TypeNode BuildType(string name, SyntaxList<TypeNode> args, Anno anno)
    {
        if (!IsPredefinedType(name, args.Count))
        {
            return new UserType(name, args) { Anno = anno };
        }

        return name == "nil" ? new NilType { Anno = anno } : new BuiltinType(name, args) { Anno = anno };
    }

    /// <summary>erl_internal:is_type/2 of the release (dynamic/0 from OTP 26).</summary>
    private bool IsPredefinedType(string name, int arity) => arity switch
    {
        0 => name is "any" or "arity" or "atom" or "binary" or "bitstring" or "bool" or "boolean" or "byte" or "char"
            or "float" or "function" or "identifier" or "integer" or "iodata" or "iolist" or "list" or "map"
            or "maybe_improper_list" or "mfa" or "module" or "neg_integer" or "nil" or "no_return" or "node"
            or "non_neg_integer" or "none" or "nonempty_binary" or "nonempty_bitstring" or "nonempty_list"
            or "nonempty_maybe_improper_list" or "nonempty_string" or "number" or "pid" or "port" or "pos_integer"
            or "reference" or "string" or "term" or "timeout" or "tuple"
            || (name == "dynamic" && _options.OtpRelease >= 26),
        1 => name is "list" or "nonempty_list",
        2 => name is "maybe_improper_list" or "nonempty_improper_list" or "nonempty_maybe_improper_list",
        _ => false,
    };

    /// <summary>'#' '{' [map_pair_types] '}'; map_pair_type -> top_type '=&gt;' top_type | top_type ':=' top_type.</summary>
    private MapType ParseMapType(Anno anno)
    {
        Expect("{");
        var fields = new List<MapFieldType>();
        if (!IsNext("}"))
        {
            do
            {
                var key = ParseTopType();
                var op = Peek;
                if (!op.IsSymbol("=>") && !op.IsSymbol(":="))
                {
                    throw SyntaxError(op);
                }

                Next();
                fields.Add(new MapFieldType(op.Text == ":=", key, ParseTopType()) { Anno = AnnoOf(op) });
            }
            while (Accept(","));
        }

        Expect("}");
        return new MapType(new SyntaxList<MapFieldType>(fields)) { Anno = anno };
    }

    /// <summary>'#' atom '{' [field_types] '}'; field_type -> atom '::' top_type.</summary>
    private RecordType ParseRecordType(Anno anno)
    {
        var name = Expect(TokenKind.Atom);
        Expect("{");
        var fields = new List<RecordFieldType>();
        if (!IsNext("}"))
        {
            do
            {
                var f = Expect(TokenKind.Atom);
                Expect("::");
                fields.Add(new RecordFieldType(NameOf(f), ParseTopType()) { Anno = AnnoOf(f), NameAnno = AnnoOf(f) });
            }
            while (Accept(","));
        }

        Expect("}");
        return new RecordType(NameOf(name), new SyntaxList<RecordFieldType>(fields)) { Anno = anno, NameAnno = AnnoOf(name) };
    }

    /// <summary>binary_type: <c>&lt;&lt;&gt;&gt;</c>, <c>&lt;&lt;_:M&gt;&gt;</c>, <c>&lt;&lt;_:_*N&gt;&gt;</c>, <c>&lt;&lt;_:M, _:_*N&gt;&gt;</c>; a missing
    /// part is abstract2(0, Anno): the integer 0 annotated with the line of '&lt;&lt;' only.</summary>
    private BitStringType ParseBinaryType(Anno anno)
    {
        TypeNode Zero() => new SingletonType(new IntegerExpr(0) { Anno = Anno.AtLine(anno.Line) }) { Anno = Anno.AtLine(anno.Line) };
        if (Accept(">>"))
        {
            return new BitStringType(Zero(), Zero()) { Anno = anno };
        }

        TypeNode? size = null;
        TypeNode? unit = null;
        var v = Expect(TokenKind.Var);
        CheckBinaryTypeVar(v);
        Expect(":");
        if (Peek.Kind == TokenKind.Var && PeekAt(1).IsSymbol("*"))
        {
            unit = ParseUnitType();
        }
        else
        {
            size = ParseTypeOperators();
            if (Accept(","))
            {
                CheckBinaryTypeVar(Expect(TokenKind.Var));
                Expect(":");
                unit = ParseUnitType();
            }
        }

        Expect(">>");
        return new BitStringType(size ?? Zero(), unit ?? Zero()) { Anno = anno };
    }

    /// <summary>bin_unit_type -> var ':' var '*' type (after the first var and ':').</summary>
    private TypeNode ParseUnitType()
    {
        CheckBinaryTypeVar(Expect(TokenKind.Var));
        Expect("*");
        return ParseTypeOperators();
    }

    /// <summary>build_bin_type/2: the variables of a binary type must be '_'.</summary>
    private static void CheckBinaryTypeVar(Token v)
    {
        if (NameOf(v) != "_")
        {
            throw Error(DiagnosticId.ParserBadType, "Bad binary type", v);
        }
    }

    /// <summary>fun_type -> '(' '...' ')' '-&gt;' top_type | '(' [top_types] ')' '-&gt;' top_type: all parts take the
    /// anno of '('.</summary>
    private FunType ParseFunType()
    {
        var open = Expect("(");
        var anno = AnnoOf(open);
        SyntaxList<TypeNode>? parameters;
        if (Accept("..."))
        {
            parameters = null;
        }
        else
        {
            parameters = IsNext(")") ? SyntaxList<TypeNode>.Empty : ParseTopTypes();
        }

        Expect(")");
        Expect("->");
        return new FunType(parameters, ParseTopType()) { Anno = anno, ParametersAnno = anno };
    }

    /// <summary>type_sigs -> type_sig (';' type_sig)*; type_sig -> fun_type ['when' type_guards].</summary>
    private SyntaxList<TypeNode> ParseTypeSigs()
    {
        var list = new List<TypeNode>();
        do
        {
            var fun = ParseFunType();
            if (Accept("when"))
            {
                var constraints = new List<TypeConstraint>();
                do
                {
                    constraints.Add(ParseTypeGuard());
                }
                while (Accept(","));
                list.Add(new BoundedFunType(fun, new SyntaxList<TypeConstraint>(constraints)) { Anno = fun.Anno });
            }
            else
            {
                list.Add(fun);
            }
        }
        while (Accept(";"));
        return new SyntaxList<TypeNode>(list);
    }

    /// <summary>type_guard -> atom '(' top_types ')' (build_compat_constraint: only is_subtype(Var, T)) |
    /// var '::' top_type (build_constraint).</summary>
    private TypeConstraint ParseTypeGuard()
    {
        var t = Next();
        TypeNode lhs;
        TypeNode type;
        if (t.Kind == TokenKind.Atom)
        {
            Expect("(");
            var args = ParseTopTypes();
            Expect(")");
            if (NameOf(t) != "is_subtype" || args.Count != 2)
            {
                throw Error(DiagnosticId.ParserBadType, $"unsupported constraint {Printing.ErlangLiterals.Atom(NameOf(t))}", t);
            }

            if (args[0] is not TypeVar)
            {
                throw Error(DiagnosticId.ParserBadType, "bad type variable", args[0], t);
            }

            lhs = args[0];
            type = args[1];
        }
        else if (t.Kind == TokenKind.Var)
        {
            Expect("::");
            lhs = new TypeVar(NameOf(t)) { Anno = AnnoOf(t) };
            type = ParseTopType();
        }
        else
        {
            throw SyntaxError(t);
        }

        if (lhs is TypeVar { Name: "_" })
        {
            throw Error(DiagnosticId.ParserBadType, "bad type variable", lhs, t);
        }

        var constraintAnno = FirstAnno(lhs);
        return new TypeConstraint("is_subtype", [lhs, type]) { Anno = constraintAnno, NameAnno = constraintAnno };
    }
}
