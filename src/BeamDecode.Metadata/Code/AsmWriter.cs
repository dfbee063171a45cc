using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// Writes a disassembled module in the syntax <c>erlc -S</c> writes (beam_listing.erl module/2): <c>{module, M}.</c>,
/// <c>{exports, [...]}.</c>, <c>{attributes, [...]}.</c>, <c>{labels, N}.</c>, then per function
/// <c>{function, Name, Arity, Entry}.</c> and one instruction term a line. Instructions take the forms beam_asm.erl's
/// make_op/2 consumes (bif/gc_bif/test/...; see <see cref="WriteInstruction"/>), so
/// <c>erlc +from_asm +no_postopt M.S</c> assembles the same Code, atom, import, export, local, literal, string,
/// line and type tables back. Terms print as <c>io_lib:format("~w")</c> does (<see cref="TermWriter"/>).
/// </summary>
public sealed partial class AsmWriter
{
    /// <summary>A writer kept by each thread between modules: its buffers and caches are reused, not reallocated.</summary>
    [ThreadStatic]
    private static AsmWriter? t_idle;

    /// <summary>An output buffer grown past this by a huge module is not kept for the next one.</summary>
    private const int KeptBufferSize = 32 << 20;

    private readonly Utf8Text _sb = new(1 << 16);
    private readonly CodeBuffer _code = new();
    private readonly HintSet _hints = new();
    private readonly ValidatorHints.Scratch _hintScratch = new();
    // ~w text of atoms by atom-table index, for this module: where it starts in _atomBytes (-1: not yet), and its
    // length. An atom that prints bare is copied from the table's bytes; others are rendered by TermWriter once per
    // name for the thread (_nameText), which only names that need quotes or are not ASCII reach.
    private int[] _atomStart = [];
    private int[] _atomLength = [];
    private byte[] _atomBytes = new byte[1 << 14];
    private int _atomBytesUsed;
    private AtomTable _atoms = null!;
    private readonly Dictionary<string, byte[]> _nameText = new(StringComparer.Ordinal);
    // Literal texts of this module, as the atoms' (-1: not yet rendered).
    private int[] _literalStart = [];
    private int[] _literalLength = [];
    private byte[] _literalBytes = new byte[1 << 14];
    private int _literalBytesUsed;
    // Per import of this module, the atom-table indexes of its module and function (0: use the entry's names).
    private int[] _importModule = [];
    private int[] _importFunction = [];
    private int _importCount;
    private readonly StringBuilder _scratch = new();
    private byte[] _plainText = new byte[1 << 12];
    private readonly Dictionary<int, string> _typeText = [];
    private readonly Dictionary<int, int> _functionAt = [];
    private readonly HashSet<int> _contextFunctions = [];
    private BeamFile _beam = null!;
    private CodeHeader _header = null!;
    private int _typeVersion;
    private int _literalCount;
    private int _lastLineIndex = -1;
    private int _lineRepeats;
    private string? _lastFile;
    private byte[] _lastFileText = [];
    private bool _contextFunctionsKnown;

    private AsmWriter()
    {
    }

    /// <summary>The whole module as .S text.</summary>
    public static string Write(AsmModule module, Func<AsmFunction, bool>? include = null)
    {
        string text = "";
        Write(module, include, written => text = Encoding.UTF8.GetString(written));
        return text;
    }

    /// <summary>
    /// Writes the module as UTF-8 .S text to <paramref name="stream"/>; with <paramref name="include"/>, only the
    /// functions it accepts (the header is always written, so the listing says which module it is).
    /// </summary>
    public static void Write(Stream stream, AsmModule module, Func<AsmFunction, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Write(module, include, stream.Write);
    }

    /// <summary>
    /// Disassembles <paramref name="beam"/> and hands its .S text, as UTF-8, to <paramref name="output"/> in one call:
    /// the same text as <see cref="Write(AsmModule, Func{AsmFunction, bool}?)"/> of <see cref="Disassembler.Disassemble"/>,
    /// without building that object model. The code is decoded into buffers the calling thread keeps for its next
    /// module, so a directory of modules costs little more than the text it writes. With <paramref name="include"/>
    /// (name, arity), only the functions it accepts are written, and when it accepts none nothing is: the result is
    /// then false. Malformed bytes throw <see cref="BadBeamFormatException"/> only, as <see cref="Disassembler"/> does.
    /// </summary>
    public static bool Write(BeamFile beam, AsmTextHandler output, Func<AtomTerm, int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(beam);
        ArgumentNullException.ThrowIfNull(output);
        var w = Rent();
        try
        {
            var header = Disassembler.Decode(beam, w._code);
            if (include is not null)
            {
                bool any = false;
                for (int k = 0; k < w._code.FunctionCount && !any; k++)
                {
                    ref readonly var f = ref w._code.Function(k);
                    any = include(f.Name, f.Arity);
                }

                if (!any)
                {
                    return false;
                }
            }

            w.Render(beam, header, include is null ? null : k => include(w._code.Function(k).Name, w._code.Function(k).Arity));
            output(w._sb.Written);
            return true;
        }
        finally
        {
            Return(w);
        }
    }

    private static void Write(AsmModule module, Func<AsmFunction, bool>? include, AsmTextHandler output)
    {
        ArgumentNullException.ThrowIfNull(module);
        var w = Rent();
        try
        {
            w._code.Fill(module);
            w.Render(module.Beam, module.Header, include is null ? null : k => include(module.Functions[k]));
            output(w._sb.Written);
        }
        finally
        {
            Return(w);
        }
    }

    private static AsmWriter Rent()
    {
        var w = t_idle ?? new AsmWriter();
        t_idle = null;
        return w;
    }

    private static void Return(AsmWriter w)
    {
        w._code.Clear();
        w._beam = null!;
        w._header = null!;
        if (w._literalBytes.Length > KeptBufferSize)
        {
            w._literalBytes = new byte[1 << 14];
        }

        if (w._sb.Capacity <= KeptBufferSize)
        {
            w._sb.Clear();
            t_idle = w;
        }
        else
        {
            w._sb.Dispose();
        }
    }

    /// <summary>Prints the module decoded in <see cref="_code"/>; <paramref name="include"/> takes a function's index.</summary>
    private void Render(BeamFile beam, CodeHeader header, Func<int, bool>? include)
    {
        Reset(beam, header);
        int onLoad = FindOnLoad();
        WriteHeader(onLoad);
        for (int k = 0; k < _code.FunctionCount; k++)
        {
            if (include is null || include(k))
            {
                WriteFunction(k, k == onLoad);
            }
        }
    }

    private void Reset(BeamFile beam, CodeHeader header)
    {
        _beam = beam;
        _header = header;
        _sb.Clear();
        _typeVersion = beam.Types is { IsKnownVersion: true } t ? t.Version : 0;
        _typeText.Clear();
        _atoms = beam.Atoms;
        int atomSlots = _atoms.Count + 1;
        if (_atomStart.Length < atomSlots)
        {
            _atomStart = new int[Math.Max(atomSlots, Math.Min(_atomStart.Length * 2, 1 << 20))];
            _atomLength = new int[_atomStart.Length];
        }

        _atomStart.AsSpan(0, atomSlots).Fill(-1);
        _atomBytesUsed = 0;
        _importCount = -1;
        _literalCount = -1;
        _functionAt.Clear();
        _contextFunctions.Clear();
        _contextFunctionsKnown = false;
        _lastLineIndex = -1;
        _lineRepeats = 0;
        _lastFile = null;
        _lastFileText = [];
        if (_nameText.Count > 1 << 16)
        {
            _nameText.Clear();
        }
    }

    /// <summary>The index of the function whose entry label is <paramref name="label"/>, or -1.</summary>
    private int FunctionAt(int label)
    {
        if (_functionAt.Count == 0)
        {
            for (int k = 0; k < _code.FunctionCount; k++)
            {
                _functionAt.TryAdd(_code.Function(k).EntryLabel, k);
            }
        }

        return _functionAt.TryGetValue(label, out int index) ? index : -1;
    }

    /// <summary>
    /// beam_asm.erl on_load/2 turns the attribute <c>-on_load(F/0)</c> into an <c>on_load</c> instruction right after
    /// F's entry label and drops the attribute. Writing it back as the attribute (and not the instruction) gives the
    /// same code, and keeps beam_clean from dropping an unexported on_load function as unused. Returns the
    /// function's index, or -1.
    /// </summary>
    private int FindOnLoad()
    {
        for (int k = 0; k < _code.FunctionCount; k++)
        {
            if (_code.Function(k).Arity == 0 && OnLoadIndex(k) >= 0)
            {
                return k;
            }
        }

        return -1;
    }

    private int OnLoadIndex(int k)
    {
        var code = _code.Code(k);
        int entry = _code.Function(k).EntryLabel;
        for (int i = 0; i + 1 < code.Length; i++)
        {
            if (code[i].DefinedLabel == entry)
            {
                return code[i + 1].Opcode.Number == OpcodeNumbers.OnLoad ? i + 1 : -1;
            }
        }

        return -1;
    }

    private void WriteHeader(int onLoad)
    {
        _sb.Append("{module, "u8);
        _ = _beam.ModuleName; // BD0004 for an empty atom table
        _sb.Append(AtomText(1));
        _sb.Append("}.  %% version = "u8).Append(_header.InstructionSet).Append("\n\n{exports, ["u8);
        var exports = _beam.Exports;
        // Sorted by name, then arity; each name written from its atom-table index in the ExpT entry (beam_asm.erl
        // build_file: name, arity and label as 32-bit words after the count), which the decode above checked.
        var raw = _beam.FindChunk(ChunkId.ExpT) is { } c ? c.Data.Span : default;
        var order = new int[exports.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int c = string.CompareOrdinal(exports[a].Name.Name, exports[b].Name.Name);
            return c != 0 ? c : exports[a].Arity.CompareTo(exports[b].Arity);
        });
        for (int i = 0; i < order.Length; i++)
        {
            _sb.Append(i == 0 ? "{" : ",{");
            int atom = (int)BinaryPrimitives.ReadUInt32BigEndian(raw[(4 + (12 * order[i]))..]);
            _sb.Append(AtomText(atom));
            _sb.Append(',').Append(exports[order[i]].Arity).Append('}');
        }

        _sb.Append("]}.\n\n{attributes, "u8);
        WriteAttributes(onLoad);
        _sb.Append("}.\n\n{labels, "u8).Append(_header.LabelCount).Append("}.\n"u8);
    }

    private void WriteAttributes(int onLoad)
    {
        if (onLoad < 0 && PlainTermText.TryWrite(_beam.FindChunk(ChunkId.Attr), ref _plainText, out int length))
        {
            // The Attr chunk's ~w text straight from its bytes, when it is plain (nearly every module); otherwise the
            // chunk is decoded and printed, with the decoder's diagnostics.
            _sb.Append(_plainText.AsSpan(0, length));
            return;
        }

        var attributes = _beam.Attributes;
        if (onLoad < 0)
        {
            Term(attributes);
            return;
        }

        var onLoadAttribute = new TupleTerm([new AtomTerm("on_load"),
            new ListTerm([new TupleTerm([_code.Function(onLoad).Name, IntegerTerm.Create(0)])], NilTerm.Instance)]);
        var items = attributes is ListTerm { IsProper: true } l ? l.Elements : ImmutableArray<Term>.Empty;
        Term(new ListTerm(items.Add(onLoadAttribute), NilTerm.Instance));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteFunction(int k, bool isOnLoad)
    {
        ref readonly var f = ref _code.Function(k);
        _sb.Append("\n\n{function, "u8);
        FunctionName(f);
        _sb.Append(", "u8).Append(f.Arity).Append(", "u8).Append(f.EntryLabel).Append("}.\n"u8);
        int skip = isOnLoad ? OnLoadIndex(k) : -1;
        var code = _code.Code(k);
        if (!_contextFunctionsKnown)
        {
            ValidatorHints.ContextFunctions(_code, _contextFunctions, _hintScratch);
            _contextFunctionsKnown = true;
        }

        bool hints = ValidatorHints.For(code, f.EntryLabel, f.Arity, _contextFunctions.Contains(f.EntryLabel), _hints, _hintScratch);
        _lastLineIndex = -1;
        for (int i = 0; i < code.Length; i++)
        {
            if (hints)
            {
                _hints.WriteBefore(i, _sb);
            }

            if (i != skip)
            {
                WriteInstruction(code[i]);
            }
        }
    }

    private void Atom(string name) => _sb.Append(NameText(name));

    /// <summary>The ~w text of the atom at 1-based <paramref name="index"/> of this module's table (checked by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> AtomText(int index)
    {
        int start = _atomStart[index];
        if (start < 0)
        {
            start = RenderAtom(index);
        }

        return _atomBytes.AsSpan(start, _atomLength[index]);
    }

    private int RenderAtom(int index)
    {
        var name = _atoms.NameBytes(index);
        int start = _atomBytesUsed;
        int room = (2 * name.Length) + 2;
        if (_atomBytes.Length - start < room)
        {
            Array.Resize(ref _atomBytes, Math.Max(_atomBytes.Length * 2, start + room));
        }

        if (!TermWriter.TryWriteAsciiAtom(name, _atomBytes.AsSpan(start), out int length))
        {
            // Not printable ASCII: the string path (escapes, Latin-1, \x{...}).
            var text = NameText(_atoms[index].Name);
            if (_atomBytes.Length - start < text.Length)
            {
                Array.Resize(ref _atomBytes, Math.Max(_atomBytes.Length * 2, start + text.Length));
            }

            text.CopyTo(_atomBytes.AsSpan(start));
            length = text.Length;
        }

        _atomBytesUsed += length;
        _atomStart[index] = start;
        _atomLength[index] = length;
        return start;
    }

    /// <summary>Whether <paramref name="index"/> is an index of this module's atom table.</summary>
    private bool IsAtomIndex(int index) => (uint)(index - 1) < (uint)_atoms.Count;

    /// <summary>The ~w text of the atom <paramref name="name"/>, kept by the thread for every module after.</summary>
    private byte[] NameText(string name)
    {
        if (!_nameText.TryGetValue(name, out var text))
        {
            text = Encoding.UTF8.GetBytes(TermWriter.Write(new AtomTerm(name)));
            _nameText.Add(name, text);
        }

        return text;
    }

    /// <summary>A term as ~w writes it (TermWriter), through a reused StringBuilder.</summary>
    private void Term(Term term)
    {
        _scratch.Clear();
        TermWriter.Write(_scratch, term);
        _sb.Append(_scratch);
    }

    private void Atom(AtomTerm atom) => Atom(atom.Name);

    /// <summary>Opcode names as ~w atoms ('catch', 'try' need quotes), rendered once for the process.</summary>
    private static readonly byte[][] OpcodeNames = [.. Enumerable.Range(0, OpcodeTable.HighestKnown + 1)
        .Select(static n => OpcodeTable.Find(n) is { } op ? Encoding.UTF8.GetBytes(TermWriter.Write(new AtomTerm(op.Name))) : [])];

    private void OpcodeName(OpcodeInfo op) => _sb.Append(OpcodeNames[op.Number]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Atom(AtomOperand atom)
    {
        if (!IsAtomIndex(atom.Index))
        {
            Atom(atom.Atom.Name);
            return;
        }

        _sb.Append(AtomText(atom.Index));
    }

    /// <summary>A function's name, by its atom-table index when known (no lookup by name).</summary>
    private void FunctionName(in FunctionRange f)
    {
        if (IsAtomIndex(f.NameIndex))
        {
            _sb.Append(AtomText(f.NameIndex));
        }
        else
        {
            Atom(f.Name.Name);
        }
    }

    /// <summary>The function name of an import (bif, gc_bif).</summary>
    private void ImportFunction(ImportOperand imp)
    {
        if (ImportAtoms(imp) is var (_, function) && function > 0)
        {
            _sb.Append(AtomText(function));
        }
        else
        {
            Atom(imp.Import.Function);
        }
    }

    /// <summary>
    /// The atom-table indexes of an import's module and function, read from the ImpT entry (beam_asm.erl
    /// build_file: module, function and arity as 32-bit words after the count) once the table has decoded; (0, 0)
    /// for an operand that is not this module's entry at its index.
    /// </summary>
    private (int Module, int Function) ImportAtoms(ImportOperand imp)
    {
        if (_importCount < 0)
        {
            // Only now: a module that calls nothing never decodes its import table for the writer.
            var imports = _beam.Imports;
            _importCount = imports.Length;
            if (_importModule.Length < _importCount)
            {
                _importModule = new int[Math.Max(_importCount, _importModule.Length * 2)];
                _importFunction = new int[_importModule.Length];
            }

            var raw = _beam.FindChunk(ChunkId.ImpT) is { } c ? c.Data.Span : default;
            for (int i = 0; i < _importCount; i++)
            {
                int at = 4 + (12 * i);
                _importModule[i] = (int)BinaryPrimitives.ReadUInt32BigEndian(raw[at..]);
                _importFunction[i] = (int)BinaryPrimitives.ReadUInt32BigEndian(raw[(at + 4)..]);
            }
        }

        return (uint)imp.Index < (uint)_importCount && ReferenceEquals(_beam.Imports[imp.Index], imp.Import)
            ? (_importModule[imp.Index], _importFunction[imp.Index])
            : (0, 0);
    }

    /// <summary>An import as <c>{extfunc,M,F,A}</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Import(ImportOperand imp)
    {
        _sb.Append("{extfunc,"u8);
        if (ImportAtoms(imp) is var (module, function) && module > 0)
        {
            _sb.Append(AtomText(module)).Append(',').Append(AtomText(function));
        }
        else
        {
            Atom(imp.Import.Module);
            _sb.Append(',');
            Atom(imp.Import.Function);
        }

        _sb.Append(',').Append(imp.Import.Arity).Append('}');
    }

    /// <summary>An Erlang string literal ("..."), ASCII only: anything else as \x{H} so the file reads the same in any encoding.</summary>
    private void ErlangString(string s)
    {
        _sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            int c = rune.Value;
            if (c is '"' or '\\')
            {
                _sb.Append('\\').Append((char)c);
            }
            else if (c is >= 0x20 and < 0x7F)
            {
                _sb.Append((char)c);
            }
            else
            {
                _sb.Append("\\x{"u8).Append(c.ToString("X", CultureInfo.InvariantCulture)).Append('}');
            }
        }

        _sb.Append('"');
    }

    private string TypeTerm(TypedRegister tr)
    {
        if (tr.Type is null || _typeVersion == 0)
        {
            return "any";
        }

        if (!_typeText.TryGetValue(tr.TypeIndex, out var text))
        {
            text = TypeText.Write(tr.Type, _typeVersion);
            _typeText.Add(tr.TypeIndex, text);
        }

        return text;
    }
}
