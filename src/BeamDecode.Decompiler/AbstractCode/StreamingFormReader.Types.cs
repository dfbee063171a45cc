using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Decompiler.AbstractCode;

// Types: AbstractFormReader.Types.cs, shape for shape (absform "Types").
public ref partial struct StreamingFormReader
{
    private TypeNode ReadType()
    {
        int arity = _r.EnterTuple();
        if (arity < 2)
        {
            TermSpanReader.Fail();
        }

        string tag = _r.ReadAtom();
        if (tag is "atom" or "integer" or "char" or "op")
        {
            // Singletons and integer operator expressions are read as expressions (erl_pp prints them with lexpr).
            var value = ReadExprBody(tag, arity);
            var singleton = new SingletonType(value);
            singleton.InitAnnoFrom(value);
            return singleton;
        }

        var anno = ReadPosition();
        TypeNode node;
        switch (tag)
        {
            case "var" when arity == 3:
                node = new TypeVar(_r.ReadAtom());
                break;
            case "ann_type" when arity == 3:
                {
                    EnterList(2);
                    var v = ReadType() as TypeVar ?? Fail<TypeVar>();
                    node = new AnnotatedType(v, ReadType());
                    _r.EndList(2);
                    break;
                }

            case "paren_type" when arity == 3:
                // Generated before Erlang/OTP 18: the inner type, with this node's annotation.
                EnterList(1);
                node = ReadType();
                _r.EndList(1);
                break;
            case "user_type" when arity == 4:
                node = new UserType(_r.ReadAtom(), ReadTypes());
                break;
            case "remote_type" when arity == 3:
                {
                    EnterList(3);
                    var (module, moduleAnno) = ReadAtomNode();
                    var (name, nameAnno) = ReadAtomNode();
                    node = new RemoteType(module, name, ReadTypes()) { ModuleAnno = moduleAnno, NameAnno = nameAnno };
                    _r.EndList(3);
                    break;
                }

            case "type" when arity == 4:
                node = ReadBuiltin(_r.ReadAtom());
                break;
            default:
                return Fail<TypeNode>();
        }

        _r.EndTuple();
        anno.ApplyTo(node);
        return node;
    }

    private TypeNode ReadBuiltin(string name)
    {
        if (name is "tuple" or "map" && _r.NextIsAtom)
        {
            if (_r.ReadAtom() != "any")
            {
                TermSpanReader.Fail();
            }

            return name == "tuple" ? new TupleType(null) : new MapType(null);
        }

        int n = _r.EnterList();
        TypeNode node;
        switch (name)
        {
            case "union": node = new UnionType(ReadTypes(n)); break;
            case "tuple": node = new TupleType(ReadTypes(n)); break;
            case "map": node = new MapType(ReadMapFieldTypes(n)); break;
            case "nil" when n == 0: node = new NilType(); break;
            case "range" when n == 2: node = new RangeType(ReadType(), ReadType()); break;
            case "binary" when n == 2: node = new BitStringType(ReadType(), ReadType()); break;
            case "fun" when n == 0: node = new FunType(null, null); break;
            case "fun" when n == 2: node = ReadFunType(); break;
            case "bounded_fun" when n == 2:
                var function = ReadType() as FunType ?? Fail<FunType>();
                node = new BoundedFunType(function, ReadConstraints());
                break;
            case "record" when n >= 1:
                node = ReadRecordType(n);
                break;
            default:
                node = new BuiltinType(name, ReadTypes(n));
                break;
        }

        _r.EndList(n);
        return node;
    }

    /// <summary>The two elements of <c>{type, A, 'fun', [Params, Result]}</c>.</summary>
    private FunType ReadFunType()
    {
        int arity = _r.EnterTuple();
        if (arity is not (3 or 4) || _r.ReadAtom() != "type")
        {
            TermSpanReader.Fail();
        }

        var anno = ReadAnno();
        SyntaxList<TypeNode>? parameters;
        if (arity == 3)
        {
            parameters = _r.ReadAtom() == "any" ? null : Fail<SyntaxList<TypeNode>?>();
        }
        else
        {
            parameters = _r.ReadAtom() == "product" ? ReadTypes() : Fail<SyntaxList<TypeNode>?>();
        }

        _r.EndTuple();
        return new FunType(parameters, ReadType()) { ParametersAnno = anno };
    }

    private SyntaxList<MapFieldType> ReadMapFieldTypes(int n)
    {
        var items = new MapFieldType[n];
        for (int i = 0; i < n; i++)
        {
            Enter(4);
            if (_r.ReadAtom() != "type")
            {
                TermSpanReader.Fail();
            }

            var anno = ReadAnno();
            bool exact = _r.ReadAtom() switch
            {
                "map_field_assoc" => false,
                "map_field_exact" => true,
                _ => Fail<bool>(),
            };
            EnterList(2);
            items[i] = new MapFieldType(exact, ReadType(), ReadType()) { Anno = anno };
            _r.EndList(2);
            _r.EndTuple();
        }

        return List(items);
    }

    /// <summary>The elements of <c>{type, A, record, [Name | Fields]}</c>, <paramref name="n"/> in all.</summary>
    private RecordType ReadRecordType(int n)
    {
        var (name, nameAnno) = ReadAtomNode();
        var fields = new RecordFieldType[n - 1];
        for (int i = 0; i < fields.Length; i++)
        {
            Enter(4);
            if (_r.ReadAtom() != "type")
            {
                TermSpanReader.Fail();
            }

            var anno = ReadAnno();
            if (_r.ReadAtom() != "field_type")
            {
                TermSpanReader.Fail();
            }

            EnterList(2);
            var (field, fieldAnno) = ReadAtomNode();
            fields[i] = new RecordFieldType(field, ReadType()) { Anno = anno, NameAnno = fieldAnno };
            _r.EndList(2);
            _r.EndTuple();
        }

        return new RecordType(name, List(fields)) { NameAnno = nameAnno };
    }

    private SyntaxList<TypeConstraint> ReadConstraints()
    {
        int n = _r.EnterList();
        var items = new TypeConstraint[n];
        for (int i = 0; i < n; i++)
        {
            Enter(4);
            if (_r.ReadAtom() != "type")
            {
                TermSpanReader.Fail();
            }

            var anno = ReadAnno();
            if (_r.ReadAtom() != "constraint")
            {
                TermSpanReader.Fail();
            }

            EnterList(2);
            var (name, nameAnno) = ReadAtomNode();
            items[i] = new TypeConstraint(name, ReadTypes()) { Anno = anno, NameAnno = nameAnno };
            _r.EndList(2);
            _r.EndTuple();
        }

        _r.EndList(n);
        return List(items);
    }

    private SyntaxList<TypeNode> ReadTypes()
    {
        int n = _r.EnterList();
        var types = ReadTypes(n);
        _r.EndList(n);
        return types;
    }

    /// <summary>The <paramref name="n"/> elements of a list already entered, as types.</summary>
    private SyntaxList<TypeNode> ReadTypes(int n)
    {
        if (n == 0)
        {
            return SyntaxList<TypeNode>.Empty;
        }

        var items = new TypeNode[n];
        for (int i = 0; i < n; i++)
        {
            items[i] = ReadType();
        }

        return List(items);
    }

    /// <summary>Starts a list that must have <paramref name="length"/> elements.</summary>
    private void EnterList(int length)
    {
        if (_r.EnterList() != length)
        {
            TermSpanReader.Fail();
        }
    }
}
