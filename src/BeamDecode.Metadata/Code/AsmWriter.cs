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
    private readonly Utf8Text _sb;
    private readonly AsmModule _module;
    // ~w text of atoms: by atom-table index for operands (most of them), by name for the rest.
    private readonly byte[]?[] _atomText;
    private readonly Dictionary<string, byte[]> _nameText = new(StringComparer.Ordinal);
    private byte[]?[]? _literalText;
    private readonly StringBuilder _scratch = new();
    private readonly Dictionary<int, string> _typeText = [];
    private readonly int _typeVersion;
    private int _lastLineIndex = -1;
    private int _lineRepeats;
    private string? _lastFile;
    private byte[] _lastFileText = [];
    private HashSet<int>? _contextFunctions;

    private AsmWriter(Utf8Text sb, AsmModule module)
    {
        _sb = sb;
        _module = module;
        _typeVersion = module.Beam.Types is { IsKnownVersion: true } t ? t.Version : 0;
        _atomText = new byte[]?[module.Beam.Atoms.Count + 1];
    }

    /// <summary>The whole module as .S text.</summary>
    public static string Write(AsmModule module, Func<AsmFunction, bool>? include = null)
    {
        using var text = Render(module, include);
        return text.ToString();
    }

    /// <summary>
    /// Writes the module as UTF-8 .S text to <paramref name="stream"/>; with <paramref name="include"/>, only the
    /// functions it accepts (the header is always written, so the listing says which module it is).
    /// </summary>
    public static void Write(Stream stream, AsmModule module, Func<AsmFunction, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = Render(module, include);
        stream.Write(text.Written);
    }

    private static Utf8Text Render(AsmModule module, Func<AsmFunction, bool>? include)
    {
        ArgumentNullException.ThrowIfNull(module);
        var sb = new Utf8Text((module.Header.CodeLength * 4) + 4096);
        var w = new AsmWriter(sb, module);
        var onLoad = FindOnLoad(module);
        w.WriteHeader(onLoad);
        foreach (var f in module.Functions)
        {
            if (include is null || include(f))
            {
                w.WriteFunction(f, ReferenceEquals(f, onLoad));
            }
        }

        return sb;
    }

    /// <summary>
    /// beam_asm.erl on_load/2 turns the attribute <c>-on_load(F/0)</c> into an <c>on_load</c> instruction right after
    /// F's entry label and drops the attribute. Writing it back as the attribute (and not the instruction) gives the
    /// same code, and keeps beam_clean from dropping an unexported on_load function as unused.
    /// </summary>
    private static AsmFunction? FindOnLoad(AsmModule module)
    {
        foreach (var f in module.Functions)
        {
            if (f.Arity == 0 && OnLoadIndex(f) >= 0)
            {
                return f;
            }
        }

        return null;
    }

    private static int OnLoadIndex(AsmFunction f)
    {
        var code = f.Instructions;
        for (int i = 0; i + 1 < code.Length; i++)
        {
            if (code[i].DefinedLabel == f.EntryLabel)
            {
                return code[i + 1].Opcode.Number == OpcodeNumbers.OnLoad ? i + 1 : -1;
            }
        }

        return -1;
    }

    private void WriteHeader(AsmFunction? onLoad)
    {
        _sb.Append("{module, "u8);
        Atom(_module.Name);
        _sb.Append("}.  %% version = "u8).Append(_module.Header.InstructionSet).Append("\n\n{exports, ["u8);
        var exports = _module.Beam.Exports.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Name.Name, b.Name.Name);
            return c != 0 ? c : a.Arity.CompareTo(b.Arity);
        });
        for (int i = 0; i < exports.Length; i++)
        {
            _sb.Append(i == 0 ? "{" : ",{");
            Atom(exports[i].Name.Name);
            _sb.Append(',').Append(exports[i].Arity).Append('}');
        }

        _sb.Append("]}.\n\n{attributes, "u8);
        WriteAttributes(onLoad);
        _sb.Append("}.\n\n{labels, "u8).Append(_module.Header.LabelCount).Append("}.\n"u8);
    }

    private void WriteAttributes(AsmFunction? onLoad)
    {
        var attributes = _module.Beam.Attributes;
        if (onLoad is null)
        {
            Term(attributes);
            return;
        }

        var onLoadAttribute = new TupleTerm([new AtomTerm("on_load"),
            new ListTerm([new TupleTerm([onLoad.Name, IntegerTerm.Create(0)])], NilTerm.Instance)]);
        var items = attributes is ListTerm { IsProper: true } l ? l.Elements : ImmutableArray<Term>.Empty;
        Term(new ListTerm(items.Add(onLoadAttribute), NilTerm.Instance));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteFunction(AsmFunction f, bool isOnLoad)
    {
        _sb.Append("\n\n{function, "u8);
        Atom(f.Name.Name);
        _sb.Append(", "u8).Append(f.Arity).Append(", "u8).Append(f.EntryLabel).Append("}.\n"u8);
        int skip = isOnLoad ? OnLoadIndex(f) : -1;
        var code = f.Instructions;
        var hints = ValidatorHints.For(f, (_contextFunctions ??= ValidatorHints.ContextFunctions(_module)).Contains(f.EntryLabel));
        _lastLineIndex = -1;
        for (int i = 0; i < code.Length; i++)
        {
            hints?.WriteBefore(i, _sb);

            if (i != skip)
            {
                WriteInstruction(code[i]);
            }
        }
    }

    private void Atom(string name)
    {
        if (!_nameText.TryGetValue(name, out var text))
        {
            text = Encoding.UTF8.GetBytes(TermWriter.Write(new AtomTerm(name)));
            _nameText.Add(name, text);
        }

        _sb.Append(text);
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
        if ((uint)atom.Index >= (uint)_atomText.Length)
        {
            Atom(atom.Atom.Name);
            return;
        }

        _sb.Append(_atomText[atom.Index] ??= Encoding.UTF8.GetBytes(TermWriter.Write(atom.Atom)));
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
