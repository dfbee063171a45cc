using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Decompiler.AbstractCode;

/// <summary>
/// Reads the abstract code of a Dbgi or Abst chunk straight from its external-term-format bytes into the syntax
/// model, without the <see cref="Term"/> tree in between (that tree, built and dropped per module, was most of what
/// <c>source</c> allocated). It follows <see cref="AbstractFormReader"/> shape for shape and builds the same nodes,
/// but only for well-formed abstract code: at the first shape for which <see cref="AbstractFormReader"/> would report
/// a diagnostic, or bytes <see cref="TermReader"/> would refuse, it gives up (<see cref="TryRead"/> returns null)
/// and the caller takes the term-tree path, which then reports exactly what it always did. So on any input the
/// result is that of <see cref="TermReader"/> + <see cref="AbstractFormReader"/>; this reader only makes the common
/// case cheaper.
/// </summary>
public ref partial struct StreamingFormReader
{
    private TermSpanReader _r;

    private const int LineColumnSlots = 1024;

    /// <summary>Set when a maybe expression was read (see <see cref="AbstractFormReader.ReadModule"/>).</summary>
    private bool _usesMaybe;

    /// <summary>Recent <c>{Line, Column}</c> annotations and their keys (see LineColumn), per thread: annotations are
    /// immutable and compared by value, so one read may give another module's equal one.</summary>
    [ThreadStatic]
    private static Anno?[]? t_lineColumns;

    [ThreadStatic]
    private static long[]? t_lineColumnKeys;

    private StreamingFormReader(ReadOnlySpan<byte> term, TermReaderOptions options)
    {
        _r = new TermSpanReader(term, options);
        _usesMaybe = false;
    }

    /// <summary>
    /// The module read from a debug-info chunk's bytes (Dbgi <c>{debug_info_v1, Backend, {Forms, Options}}</c>, or the
    /// Abst chunk's <c>{Tag, Forms}</c>), as <see cref="DebugInfo.DecodePayload"/> then
    /// <see cref="AbstractFormReader.ReadPayload"/> would give it with no diagnostic; null when they would report
    /// something (or the bytes take a shape this reader leaves to them).
    /// </summary>
    public static ModuleSyntax? TryRead(ReadOnlySpan<byte> chunk, bool dbgi, TermReaderOptions? options = null)
    {
        options ??= TermReaderOptions.Default;
        if (chunk.Length < 2 || chunk[0] != 131)
        {
            return null;
        }

        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> term;
            bool compressed = chunk[1] == 80;
            if (compressed)
            {
                // COMPRESSED: 80, uint32 size, zlib data; inflated within the same budget TermReader uses.
                if (chunk.Length < 6)
                {
                    return null;
                }

                uint size = BinaryPrimitives.ReadUInt32BigEndian(chunk[2..6]);
                rented = Inflater.ZlibRented(chunk[6..], size, options.MaxInflatedBytes, 0, null);
                term = rented.AsSpan(0, (int)size);
            }
            else
            {
                term = chunk[1..];
            }

            var reader = new StreamingFormReader(term, options);
            var module = reader.ReadTop(dbgi);
            // TermReader refuses trailing bytes inside a compressed term (outside it, it ignores them).
            return compressed && !reader._r.AtEnd ? null : module;
        }
        catch (Exception e) when (e is UnexpectedTermException or BadBeamFormatException)
        {
            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private ModuleSyntax ReadTop(bool dbgi)
    {
        if (!dbgi)
        {
            return ReadPayload();
        }

        // DebugInfo.DecodePayload takes element 3 of {debug_info_v1, Backend, Data}; the kind (checked before) says
        // it is that tuple.
        if (_r.EnterTuple() != 3)
        {
            TermSpanReader.Fail();
        }

        _r.Skip();
        _r.Skip();
        var module = ReadPayload();
        _r.EndTuple();
        return module;
    }

    /// <summary>AbstractFormReader.ReadPayload: <c>{Tag, Forms}</c>, <c>{Forms, Options}</c> or the forms.</summary>
    private ModuleSyntax ReadPayload()
    {
        if (!_r.NextIsTuple)
        {
            return ReadModule();
        }

        if (_r.EnterTuple() != 2)
        {
            TermSpanReader.Fail();
        }

        ModuleSyntax module;
        if (_r.NextIsAtom)
        {
            if (_r.ReadAtom() is not ("raw_abstract_v1" or "abstract_v1" or "abstract_v2"))
            {
                TermSpanReader.Fail();
            }

            module = ReadModule();
        }
        else
        {
            module = ReadModule();
            _r.Skip();
        }

        _r.EndTuple();
        return module;
    }

    private ModuleSyntax ReadModule()
    {
        int n = _r.EnterList();
        var result = new List<Form>(n + 1);
        for (int i = 0; i < n; i++)
        {
            result.Add(ReadForm());
        }

        _r.EndList(n);
        // As AbstractFormReader.ReadModule: put back the -feature(maybe_expr, enable) epp consumed.
        int module = result.FindIndex(f => f is ModuleAttribute);
        if (_usesMaybe && module >= 0 && !result.Any(f => f is WildAttribute { Name: "feature" }))
        {
            result.Insert(module + 1, new WildAttribute("feature", new TupleExpr([new AtomExpr("maybe_expr"), new AtomExpr("enable")])));
        }

        return new ModuleSyntax(new SyntaxList<Form>(result));
    }

    private Form ReadForm()
    {
        int arity = _r.EnterTuple();
        if (arity == 0)
        {
            TermSpanReader.Fail();
        }

        string tag = _r.ReadAtom();
        Form form;
        switch (tag)
        {
            case "attribute" when arity == 4:
                var anno = ReadAnno();
                form = ReadAttribute(_r.ReadAtom(), anno);
                break;
            case "function" when arity == 5:
                var fanno = ReadAnno();
                string name = _r.ReadAtom();
                int fa = _r.ReadInt32();
                form = new FunctionDecl(name, fa, ReadClauses()) { Anno = fanno };
                break;
            case "eof" when arity == 2:
                form = new EofForm { Anno = ReadAnno() };
                break;
            default:
                TermSpanReader.Fail();
                return null;
        }

        _r.EndTuple();
        return form;
    }

    private Form ReadAttribute(string name, Anno? anno)
    {
        switch (name)
        {
            case "module":
                return new ModuleAttribute(_r.ReadAtom()) { Anno = anno };
            case "export" or "export_type" or "optional_callbacks" or "nifs":
                return new FunctionListAttribute(name, FunctionNames()) { Anno = anno };
            case "import":
                Enter(2);
                var import = new ImportAttribute(_r.ReadAtom(), FunctionNames()) { Anno = anno };
                _r.EndTuple();
                return import;
            case "file":
                Enter(2);
                var file = new FileAttribute(AbstractFormReader.Text(_r.ReadCharList()), _r.ReadInt32()) { Anno = anno };
                _r.EndTuple();
                return file;
            case "record":
                Enter(2);
                string record = _r.ReadAtom();
                int n = _r.EnterList();
                var fields = new RecordFieldDecl[n];
                for (int i = 0; i < n; i++)
                {
                    fields[i] = ReadRecordFieldDecl();
                }

                _r.EndList(n);
                _r.EndTuple();
                return new RecordAttribute(record, List(fields)) { Anno = anno };
            case "type" or "opaque" or "nominal":
                Enter(3);
                string type = _r.ReadAtom();
                var body = ReadType();
                int np = _r.EnterList();
                var parameters = new TypeVar[np];
                for (int i = 0; i < np; i++)
                {
                    parameters[i] = ReadType() as TypeVar ?? Fail<TypeVar>();
                }

                _r.EndList(np);
                _r.EndTuple();
                return new TypeAttribute(name, type, List(parameters), body) { Anno = anno };
            case "spec" or "callback":
                return ReadSpec(name, anno);
            default:
                // erl_parse:abstract of any term: read as a term and turned into a literal as the term-tree path does.
                var reader = new AbstractFormReader();
                var value = reader.LiteralFromTerm(_r.ReadTerm());
                return reader.Diagnostics.Count == 0 ? new WildAttribute(name, value) { Anno = anno } : Fail<Form>();
        }
    }

    private SyntaxList<FunctionName> FunctionNames()
    {
        int n = _r.EnterList();
        var names = new FunctionName[n];
        for (int i = 0; i < n; i++)
        {
            Enter(2);
            names[i] = new FunctionName(_r.ReadAtom(), _r.ReadInt32());
            _r.EndTuple();
        }

        _r.EndList(n);
        return List(names);
    }

    private SpecAttribute ReadSpec(string kind, Anno? anno)
    {
        Enter(2);
        int arity = _r.EnterTuple();
        string? module = arity == 3 ? _r.ReadAtom() : arity == 2 ? null : Fail<string>();
        string name = _r.ReadAtom();
        int a = _r.ReadInt32();
        _r.EndTuple();
        var types = ReadTypes();
        _r.EndTuple();
        return new SpecAttribute(kind, module, name, a, types) { Anno = anno };
    }

    private RecordFieldDecl ReadRecordFieldDecl()
    {
        int arity = _r.EnterTuple();
        if (arity == 0)
        {
            TermSpanReader.Fail();
        }

        string tag = _r.ReadAtom();
        RecordFieldDecl field;
        switch (tag)
        {
            case "typed_record_field" when arity == 3:
                var inner = ReadRecordFieldDecl();
                field = inner with { Type = ReadType() };
                break;
            case "record_field" when arity is 3 or 4:
                var anno = ReadAnno();
                var (name, nameAnno) = ReadAtomNode();
                field = new RecordFieldDecl(name, arity == 4 ? ReadExpr() : null, null) { Anno = anno, NameAnno = nameAnno };
                break;
            default:
                return Fail<RecordFieldDecl>();
        }

        _r.EndTuple();
        return field;
    }

    /// <summary><c>{atom, A, Name}</c>: the name and its annotation.</summary>
    private (string Name, Anno? Anno) ReadAtomNode()
    {
        Enter(3);
        if (_r.ReadAtom() != "atom")
        {
            TermSpanReader.Fail();
        }

        var anno = ReadAnno();
        string name = _r.ReadAtom();
        _r.EndTuple();
        return (name, anno);
    }

    /// <summary>Starts a tuple that must have <paramref name="arity"/> elements.</summary>
    private void Enter(int arity)
    {
        if (_r.EnterTuple() != arity)
        {
            TermSpanReader.Fail();
        }
    }

    private static SyntaxList<T> List<T>(T[] items) =>
        items.Length == 0 ? SyntaxList<T>.Empty : new SyntaxList<T>(ImmutableCollectionsMarshal.AsImmutableArray(items));

    private static T Fail<T>()
    {
        TermSpanReader.Fail();
        return default!;
    }
}
