using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Decompiler.AbstractCode;

// Expressions, patterns, guards, clauses and annotations: AbstractFormReader.Expressions.cs and ReadAnno, shape for
// shape (absform "Patterns", "Expressions", "Clauses", "Guards"; erl_anno).
public ref partial struct StreamingFormReader
{
    private Expr ReadExpr()
    {
        int arity = _r.EnterTuple();
        if (arity < 2)
        {
            TermSpanReader.Fail();
        }

        return ReadExprBody(_r.ReadAtom(), arity);
    }

    /// <summary>The rest of an expression tuple whose header and tag are read: its annotation and elements; ends the tuple.</summary>
    private Expr ReadExprBody(string tag, int arity)
    {
        var anno = ReadPosition();
        Expr e;
        switch (tag)
        {
            case "atom" when arity == 3: e = new AtomExpr(_r.ReadAtom()); break;
            case "integer" when arity == 3: e = new IntegerExpr(_r.ReadInteger()); break;
            case "float" when arity == 3: e = new FloatExpr(_r.ReadFloat()); break;
            case "char" when arity == 3: e = new CharExpr(_r.ReadInt32()); break;
            case "string" when arity == 3: e = new StringExpr(List(_r.ReadCharList())); break;
            case "var" when arity == 3: e = new VarExpr(_r.ReadAtom()); break;
            case "nil" when arity == 2: e = new NilExpr(); break;
            case "cons" when arity == 4: e = new ConsExpr(ReadExpr(), ReadExpr()); break;
            case "tuple" when arity == 3: e = new TupleExpr(ReadExprs()); break;
            case "match" when arity == 4: e = new MatchExpr(ReadExpr(), ReadExpr()); break;
            case "maybe_match" when arity == 4: e = new MaybeMatchExpr(ReadExpr(), ReadExpr()); break;
            case "op" when arity == 5: e = new BinaryOpExpr(_r.ReadAtom(), ReadExpr(), ReadExpr()); break;
            case "op" when arity == 4: e = new UnaryOpExpr(_r.ReadAtom(), ReadExpr()); break;
            case "catch" when arity == 3: e = new CatchExpr(ReadExpr()); break;
            case "call" when arity == 4: e = new CallExpr(ReadExpr(), ReadExprs()); break;
            case "remote" when arity == 4: e = new RemoteExpr(ReadExpr(), ReadExpr()); break;
            case "record" when arity == 4: e = new RecordExpr(null, _r.ReadAtom(), ReadRecordInits()); break;
            case "record" when arity == 5: e = new RecordExpr(ReadExpr(), _r.ReadAtom(), ReadRecordInits()); break;
            case "record_field" when arity == 5:
                {
                    var record = ReadExpr();
                    string name = _r.ReadAtom();
                    var (field, fieldAnno) = ReadAtomNode();
                    e = new RecordFieldExpr(record, name, field) { FieldAnno = fieldAnno };
                    break;
                }

            case "record_index" when arity == 4:
                {
                    string name = _r.ReadAtom();
                    var (field, fieldAnno) = ReadAtomNode();
                    e = new RecordIndexExpr(name, field) { FieldAnno = fieldAnno };
                    break;
                }

            case "map" when arity == 3: e = new MapExpr(null, ReadAssocs()); break;
            case "map" when arity == 4: e = new MapExpr(ReadExpr(), ReadAssocs()); break;
            case "bin" when arity == 3: e = new BinaryExpr(ReadBinElements()); break;
            case "lc" when arity == 4: e = new ListComprehension(ReadExpr(), ReadQualifiers()); break;
            case "bc" when arity == 4: e = new BinaryComprehension(ReadExpr(), ReadQualifiers()); break;
            case "mc" when arity == 4:
                var template = ReadAssoc();
                e = template.Exact ? Fail<Expr>() : new MapComprehension(template, ReadQualifiers());
                break;
            case "block" when arity == 3: e = new BlockExpr(ReadExprs()); break;
            case "if" when arity == 3: e = new IfExpr(ReadClauses()); break;
            case "case" when arity == 4: e = new CaseExpr(ReadExpr(), ReadClauses()); break;
            case "receive" when arity == 3: e = new ReceiveExpr(ReadClauses(), null, SyntaxList<Expr>.Empty); break;
            case "receive" when arity == 5: e = new ReceiveExpr(ReadClauses(), ReadExpr(), ReadExprs()); break;
            case "try" when arity == 6: e = new TryExpr(ReadExprs(), ReadClauses(), ReadClauses(), ReadExprs()); break;
            case "fun" when arity == 3: e = ReadFun(); break;
            case "named_fun" when arity == 4: e = new NamedFunExpr(_r.ReadAtom(), ReadClauses()); break;
            case "maybe" when arity == 3:
                e = new MaybeExpr(ReadExprs(), null);
                _usesMaybe = true;
                break;
            case "maybe" when arity == 4:
                {
                    var body = ReadExprs();
                    Enter(3);
                    if (_r.ReadAtom() != "else")
                    {
                        TermSpanReader.Fail();
                    }

                    var elseAnno = ReadAnno();
                    e = new MaybeExpr(body, ReadClauses()) { ElseAnno = elseAnno };
                    _r.EndTuple();
                    _usesMaybe = true;
                    break;
                }

            default:
                return Fail<Expr>();
        }

        _r.EndTuple();
        anno.ApplyTo(e);
        return e;
    }

    /// <summary>The X of <c>{'fun', A, X}</c>.</summary>
    private Expr ReadFun()
    {
        int arity = _r.EnterTuple();
        if (arity == 0)
        {
            TermSpanReader.Fail();
        }

        Expr e;
        switch (_r.ReadAtom())
        {
            case "function" when arity == 3:
                e = new LocalFunRefExpr(_r.ReadAtom(), _r.ReadInt32());
                break;
            case "function" when arity == 4 && _r.NextIsAtom:
                // Before R15 the module, name and arity were plain atoms and an integer.
                e = new RemoteFunRefExpr(new AtomExpr(_r.ReadAtom()), new AtomExpr(_r.ReadAtom()), new IntegerExpr(_r.ReadInt32()));
                break;
            case "function" when arity == 4:
                e = new RemoteFunRefExpr(ReadExpr(), ReadExpr(), ReadExpr());
                break;
            case "clauses" when arity == 2:
                e = new FunExpr(ReadClauses());
                break;
            default:
                return Fail<Expr>();
        }

        _r.EndTuple();
        return e;
    }

    private SyntaxList<Expr> ReadExprs()
    {
        int n = _r.EnterList();
        if (n == 0)
        {
            _r.EndList(0);
            return SyntaxList<Expr>.Empty;
        }

        var items = new Expr[n];
        for (int i = 0; i < n; i++)
        {
            items[i] = ReadExpr();
        }

        _r.EndList(n);
        return List(items);
    }

    private SyntaxList<RecordFieldInit> ReadRecordInits()
    {
        int n = _r.EnterList();
        var items = new RecordFieldInit[n];
        for (int i = 0; i < n; i++)
        {
            Enter(4);
            if (_r.ReadAtom() != "record_field")
            {
                TermSpanReader.Fail();
            }

            var anno = ReadAnno();
            items[i] = new RecordFieldInit(ReadExpr(), ReadExpr()) { Anno = anno };
            _r.EndTuple();
        }

        _r.EndList(n);
        return List(items);
    }

    private MapAssoc ReadAssoc()
    {
        Enter(4);
        bool exact = _r.ReadAtom() switch
        {
            "map_field_assoc" => false,
            "map_field_exact" => true,
            _ => Fail<bool>(),
        };
        var anno = ReadAnno();
        var assoc = new MapAssoc(exact, ReadExpr(), ReadExpr()) { Anno = anno };
        _r.EndTuple();
        return assoc;
    }

    private SyntaxList<MapAssoc> ReadAssocs()
    {
        int n = _r.EnterList();
        var items = new MapAssoc[n];
        for (int i = 0; i < n; i++)
        {
            items[i] = ReadAssoc();
        }

        _r.EndList(n);
        return List(items);
    }

    private SyntaxList<BinElement> ReadBinElements()
    {
        int n = _r.EnterList();
        var items = new BinElement[n];
        for (int i = 0; i < n; i++)
        {
            Enter(5);
            if (_r.ReadAtom() != "bin_element")
            {
                TermSpanReader.Fail();
            }

            var anno = ReadAnno();
            var value = ReadExpr();
            Expr? size = IsDefault() ? null : ReadExpr();
            SyntaxList<BinTypeSpecifier>? specs = IsDefault() ? null : (SyntaxList<BinTypeSpecifier>?)ReadBinTypeSpecifiers();
            items[i] = new BinElement(value, size, specs) { Anno = anno };
            _r.EndTuple();
        }

        _r.EndList(n);
        return List(items);
    }

    /// <summary>Reads the atom <c>default</c> if it is next; any other atom is not an expression here.</summary>
    private bool IsDefault()
    {
        if (!_r.NextIsAtom)
        {
            return false;
        }

        return _r.ReadAtom() == "default" || Fail<bool>();
    }

    private SyntaxList<BinTypeSpecifier> ReadBinTypeSpecifiers()
    {
        int n = _r.EnterList();
        var items = new BinTypeSpecifier[n];
        for (int i = 0; i < n; i++)
        {
            if (_r.NextIsAtom)
            {
                items[i] = new BinTypeSpecifier(_r.ReadAtom(), null);
            }
            else
            {
                Enter(2);
                items[i] = new BinTypeSpecifier(_r.ReadAtom(), _r.ReadInt32());
                _r.EndTuple();
            }
        }

        _r.EndList(n);
        return List(items);
    }

    private SyntaxList<Qualifier> ReadQualifiers()
    {
        int n = _r.EnterList();
        var items = new Qualifier[n];
        for (int i = 0; i < n; i++)
        {
            items[i] = ReadQualifier();
        }

        _r.EndList(n);
        return List(items);
    }

    private Qualifier ReadQualifier()
    {
        int arity = _r.EnterTuple();
        if (arity < 2)
        {
            TermSpanReader.Fail();
        }

        string tag = _r.ReadAtom();
        if (arity == 4 && GeneratorShape(tag) is { } shape)
        {
            var anno = ReadAnno();
            Expr pattern = shape.Kind == GeneratorKind.Map ? ReadMapGeneratorPattern() : ReadExpr();
            var generator = new Generator(shape.Kind, shape.Strict, pattern, ReadExpr()) { Anno = anno };
            _r.EndTuple();
            return generator;
        }

        if (arity == 3 && tag == "zip")
        {
            var anno = ReadAnno();
            int n = _r.EnterList();
            var generators = new Generator[n];
            for (int i = 0; i < n; i++)
            {
                generators[i] = ReadQualifier() as Generator ?? Fail<Generator>();
            }

            _r.EndList(n);
            _r.EndTuple();
            return new ZipGenerator(List(generators)) { Anno = anno };
        }

        var test = ReadExprBody(tag, arity);
        var filter = new Filter(test);
        filter.InitAnnoFrom(test);
        return filter;
    }

    /// <summary>A map generator's pattern: <c>{map_field_exact, A, K, V}</c>, or (as the term-tree reader allows) an expression.</summary>
    private Expr ReadMapGeneratorPattern()
    {
        int arity = _r.EnterTuple();
        if (arity < 2)
        {
            TermSpanReader.Fail();
        }

        string tag = _r.ReadAtom();
        if (arity != 4 || tag != "map_field_exact")
        {
            return ReadExprBody(tag, arity);
        }

        var anno = ReadAnno();
        var pattern = new MapGeneratorPattern(ReadExpr(), ReadExpr()) { Anno = anno };
        _r.EndTuple();
        return pattern;
    }

    private static (GeneratorKind Kind, bool Strict)? GeneratorShape(string tag) => tag switch
    {
        "generate" => (GeneratorKind.List, false),
        "generate_strict" => (GeneratorKind.List, true),
        "b_generate" => (GeneratorKind.Binary, false),
        "b_generate_strict" => (GeneratorKind.Binary, true),
        "m_generate" => (GeneratorKind.Map, false),
        "m_generate_strict" => (GeneratorKind.Map, true),
        _ => null,
    };

    private SyntaxList<Clause> ReadClauses()
    {
        int n = _r.EnterList();
        var items = new Clause[n];
        for (int i = 0; i < n; i++)
        {
            Enter(5);
            if (_r.ReadAtom() != "clause")
            {
                TermSpanReader.Fail();
            }

            var anno = ReadAnno();
            var patterns = ReadExprs();
            var guards = ReadGuards();
            items[i] = new Clause(patterns, guards, ReadExprs()) { Anno = anno };
            _r.EndTuple();
        }

        _r.EndList(n);
        return List(items);
    }

    /// <summary>A guard sequence; before R6 a guard was one flat list of tests (AbstractFormReader.ReadGuards).</summary>
    private SyntaxList<SyntaxList<Expr>> ReadGuards()
    {
        int n = _r.EnterList();
        if (n == 0)
        {
            _r.EndList(0);
            return SyntaxList<SyntaxList<Expr>>.Empty;
        }

        SyntaxList<SyntaxList<Expr>> result;
        if (_r.NextIsList)
        {
            var guards = new SyntaxList<Expr>[n];
            for (int i = 0; i < n; i++)
            {
                guards[i] = ReadExprs();
            }

            result = List(guards);
        }
        else
        {
            var tests = new Expr[n];
            for (int i = 0; i < n; i++)
            {
                tests[i] = ReadExpr();
            }

            result = List(new[] { List(tests) });
        }

        _r.EndList(n);
        return result;
    }

    /// <summary>AbstractFormReader.ReadAnno: a line, <c>{Line, Column}</c>, or erl_anno's list.</summary>
    /// <summary>A node's annotation as <see cref="ReadAnno"/> reads it, except that a <c>{Line, Column}</c> is kept
    /// as two numbers (see <see cref="SyntaxNode.InitPosition"/>) rather than an annotation object.</summary>
    private readonly struct Position(Anno? anno, int line, int column, bool lineColumn)
    {
        public void ApplyTo(SyntaxNode node)
        {
            if (lineColumn)
            {
                node.InitPosition(line, column);
            }
            else
            {
                node.InitAnno(anno);
            }
        }
    }

    private Position ReadPosition()
    {
        if (_r.NextIsTuple)
        {
            Enter(2);
            int line = _r.ReadInt32();
            int column = _r.ReadInt32();
            _r.EndTuple();
            return new Position(null, line, column, lineColumn: true);
        }

        return new Position(ReadAnno(), 0, 0, lineColumn: false);
    }

    private Anno? ReadAnno()
    {
        if (_r.NextIsInteger)
        {
            int line = _r.ReadInt32();
            var lines = AbstractFormReader.LineAnnos;
            return line >= 0 && line < lines.Length ? lines[line] : Anno.AtLine(line);
        }

        if (_r.NextIsTuple)
        {
            Enter(2);
            var anno = LineColumn(_r.ReadInt32(), _r.ReadInt32());
            _r.EndTuple();
            return anno;
        }

        int n = _r.EnterList();
        if (n == 0)
        {
            // [] is not an annotation the term-tree reader knows: no annotation.
            _r.EndList(0);
            return null;
        }

        var result = ReadAnnoList(n);
        _r.EndList(n);
        return result;
    }

    /// <summary>Annotations <c>{Line, Column}</c> (what epp gives since OTP 24), shared within the module as the bare
    /// lines are: an annotation is immutable, and one per node was a third of what reading a module allocated.
    /// Direct-mapped; the nodes of a clause are on a few nearby lines.</summary>
    private Anno LineColumn(int line, int column)
    {
        // The keys sit beside the annotations, so a miss (most lookups: positions are nearly all different) does not
        // first load an old annotation from somewhere in the heap to compare it.
        var cache = t_lineColumns ??= new Anno?[LineColumnSlots];
        var keys = t_lineColumnKeys ??= new long[LineColumnSlots];
        long key = ((long)line << 32) | (uint)column;
        int slot = (int)((uint)(line * 61 + column) & (LineColumnSlots - 1));
        if (keys[slot] == key && cache[slot] is { } cached)
        {
            return cached;
        }

        var anno = new Anno(line, column);
        cache[slot] = anno;
        keys[slot] = key;
        return anno;
    }

    private Anno ReadAnnoList(int n)
    {
        int line = 0, column = 0;
        bool generated = false, record = false;
        string? file = null, text = null;
        Span<char> keys = stackalloc char[16];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            var mark = _r.Mark();
            if (!_r.NextIsTuple || _r.EnterTuple() != 2 || !_r.NextIsAtom)
            {
                // Not {Key, Value}: skipped, as the term-tree reader skips it.
                _r.Reset(mark);
                _r.Skip();
                continue;
            }

            char k = '\0';
            switch (_r.ReadAtom())
            {
                case "location":
                    if (ReadAnno() is { } location)
                    {
                        (line, column, k) = (location.Line, location.Column, 'l');
                    }

                    break;
                case "generated":
                    if (_r.NextIsAtom)
                    {
                        string g = _r.ReadAtom();
                        if (g is "true" or "false")
                        {
                            (generated, k) = (g == "true", 'g');
                        }
                    }
                    else
                    {
                        _r.Skip();
                    }

                    break;
                case "file":
                    (file, k) = (AbstractFormReader.Text(_r.ReadCharList()), 'f');
                    break;
                case "text":
                    (text, k) = (AbstractFormReader.Text(_r.ReadCharList()), 't');
                    break;
                case "record":
                    if (_r.NextIsAtom)
                    {
                        if (_r.ReadAtom() == "true")
                        {
                            (record, k) = (true, 'r');
                        }
                    }
                    else
                    {
                        _r.Skip();
                    }

                    break;
                default:
                    _r.Skip();
                    break;
            }

            _r.EndTuple();
            if (k != '\0')
            {
                if (count == keys.Length)
                {
                    TermSpanReader.Fail();
                }

                keys[count++] = k;
            }
        }

        return new Anno(line, column, generated, file, text) { ListKeys = new string(keys[..count]), Record = record };
    }
}
