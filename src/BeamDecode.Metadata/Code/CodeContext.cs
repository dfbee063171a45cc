using System.Collections.Immutable;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// The tables a Code chunk's operands index into, looked up on first use (a module without funs never decodes
/// FunT, one without literals never inflates LitT), and caches of the operands every module repeats (small
/// registers and numbers, each atom) so decoding allocates little more than the instructions themselves.
/// </summary>
internal sealed class CodeContext
{
    // The caches are read directly by OperandReader's fast path, which relies on these sizes: a one-byte value
    // (below 16) is inside every cache, a two-byte one (below 2048) inside UCache, ICache and LabelCache.
    internal const int CachedNegative = 256;
    private const int CachedSmall = 256;
    private const int CachedLarge = 4096;
    private const int TypedRegisterSlots = 256;

    // Labels (and the u operand of label instructions) of big modules go past CachedLarge: those up to
    // CachedOnDemand are made on first use and shared by every module after (two threads may both make one: equal
    // records, either kept).
    private const int CachedOnDemand = 1 << 16;

    internal static readonly XRegister[] XCache = Fill(CachedSmall, static i => new XRegister(i));
    internal static readonly YRegister[] YCache = Fill(CachedSmall, static i => new YRegister(i));
    internal static readonly UnsignedOperand[] UCache = Fill(CachedLarge, static i => new UnsignedOperand(i));
    internal static readonly IntegerOperand[] ICache = Fill(CachedLarge + CachedNegative, static i => new IntegerOperand(i - CachedNegative));
    internal static readonly LabelOperand[] LabelCache = Fill(CachedLarge, static i => new LabelOperand(i));
    private static readonly UnsignedOperand?[] UOnDemand = new UnsignedOperand?[CachedOnDemand];
    private static readonly LabelOperand?[] LabelOnDemand = new LabelOperand?[CachedOnDemand];

    private readonly BeamFile _beam;
    private readonly AtomOperand?[] _atoms;
    private LiteralOperand?[]? _literalOperands;
    private ImportOperand?[]? _importOperands;
    private LambdaOperand?[]? _lambdaOperands;
    private LocationOperand?[]? _locationOperands;
    private TypedRegister?[]? _typedRegisters;

    [ThreadStatic]
    private static TypedRegister?[]? t_typedRegisters;
    private string? _moduleFile;
    private ImmutableArray<ImportEntry>? _imports;
    private ImmutableArray<LambdaEntry>? _lambdas;
    private LiteralTable? _literals;
    private bool _linesRead;
    private LineTable? _lines;
    private bool _typesRead;
    private TypeTable? _types;

    public CodeContext(BeamFile beam, Chunk code)
    {
        _beam = beam;
        Code = code;
        Atoms = beam.Atoms;
        _atoms = new AtomOperand?[Atoms.Count + 1];
    }

    public Chunk Code { get; }

    public AtomTable Atoms { get; }

    public string ModuleName => _beam.ModuleName;

    public ImmutableArray<ImportEntry> Imports => _imports ??= _beam.Imports;

    public ImmutableArray<LambdaEntry> Lambdas => _lambdas ??= _beam.Lambdas;

    public ReadOnlyMemory<byte> Strings => _beam.Strings;

    public bool HasLiterals => _beam.HasChunk(ChunkId.LitT);

    public LiteralTable Literals => _literals ??= _beam.Literals!;

    /// <summary>The Line chunk when present and of version 0 (the only one defined); else null.</summary>
    public LineTable? Lines
    {
        get
        {
            if (!_linesRead)
            {
                _lines = _beam.Lines is { Version: 0 } l ? l : null;
                _linesRead = true;
            }

            return _lines;
        }
    }

    /// <summary>The Type chunk when present and of a version this reader decodes; else null.</summary>
    public TypeTable? Types
    {
        get
        {
            if (!_typesRead)
            {
                _types = _beam.Types is { IsKnownVersion: true } t ? t : null;
                _typesRead = true;
            }

            return _types;
        }
    }

    public static XRegister X(int i) => i < CachedSmall ? XCache[i] : new XRegister(i);

    public static YRegister Y(int i) => i < CachedSmall ? YCache[i] : new YRegister(i);

    public static UnsignedOperand U(long v) => (ulong)v < CachedLarge ? UCache[v]
        : (ulong)v < CachedOnDemand ? UOnDemand[v] ??= new UnsignedOperand(v) : new UnsignedOperand(v);

    public static IntegerOperand I(long v) =>
        (ulong)(v + CachedNegative) < CachedLarge + CachedNegative ? ICache[v + CachedNegative] : new IntegerOperand(v);

    public static LabelOperand Label(int label) => (uint)label < CachedLarge ? LabelCache[label]
        : (uint)label < CachedOnDemand ? LabelOnDemand[label] ??= new LabelOperand(label) : new LabelOperand(label);

    /// <summary>The operand for literal <paramref name="index"/>, shared by every use in the module.</summary>
    public LiteralOperand LiteralOperand(int index, ref BeamReader r, long at)
    {
        var cache = _literalOperands ??= new LiteralOperand?[HasLiterals ? Literals.Count : 0];
        if ((uint)index < (uint)cache.Length && cache[index] is { } hit)
        {
            return hit;
        }

        var op = new LiteralOperand(index, Literal(index, ref r, at));
        cache[index] = op;
        return op;
    }

    /// <summary>The operand for import <paramref name="index"/> (checked by the caller), shared in the module.</summary>
    public ImportOperand ImportOperand(int index) =>
        (_importOperands ??= new ImportOperand?[Imports.Length])[index] ??= new ImportOperand(index, Imports[index]);

    /// <summary>The operand for fun-table entry <paramref name="index"/> (checked by the caller), shared in the module.</summary>
    public LambdaOperand LambdaOperand(int index) =>
        (_lambdaOperands ??= new LambdaOperand?[Lambdas.Length])[index] ??= new LambdaOperand(index, Lambdas[index]);

    /// <summary>The operand for line item <paramref name="index"/> of <see cref="Lines"/> (checked by the caller), shared in the module.</summary>
    public LocationOperand LocationOperand(int index)
    {
        var lines = Lines!;
        var cache = _locationOperands ??= new LocationOperand?[lines.Items.Length];
        if (cache[index] is { } hit)
        {
            return hit;
        }

        // LineTable.FileName makes Module.erl anew on each call for file 0: make it once per module.
        var item = lines.Items[index];
        string file = item.FileIndex == 0 || item.FileIndex > lines.FileNames.Length
            ? _moduleFile ??= lines.FileName(0, ModuleName)
            : lines.FileNames[item.FileIndex - 1];
        return cache[index] = new LocationOperand(index, file, item.Line);
    }

    /// <summary>The typed register for <paramref name="register"/> (an x or y register) and a checked type index,
    /// shared in the module: code passes the same few registers of the same types again and again (one new operand
    /// per use was 1.2 MB over the OTP tree). Direct-mapped, a collision replaces the slot's.</summary>
    public TypedRegister TypedRegister(Operand register, int typeIndex, TypeTable? types)
    {
        int number = register is XRegister x ? x.Index * 2 : ((YRegister)register).Index * 2 + 1;
        var cache = _typedRegisters;
        if (cache is null)
        {
            // The thread's table, emptied for this module (a table per module cost more than the operands it saved).
            cache = _typedRegisters = t_typedRegisters ??= new TypedRegister?[TypedRegisterSlots];
            Array.Clear(cache);
        }

        ref var slot = ref cache[(int)((uint)(number + typeIndex * 61) % TypedRegisterSlots)];
        if (slot is { } hit && hit.TypeIndex == typeIndex && hit.Register == register)
        {
            return hit;
        }

        return slot = new TypedRegister(register, typeIndex, types?.Entries[typeIndex]);
    }

    /// <summary>Atom operand for a 1-based atom index, or throws BD0010.</summary>
    public AtomOperand Atom(long index, ref BeamReader r, long at)
    {
        if (index < 1 || index > Atoms.Count)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"atom index {index} is outside the atom table (1..{Atoms.Count})");
        }

        return _atoms[index] ??= new AtomOperand(Atoms[(int)index], (int)index);
    }

    public Term Literal(long index, ref BeamReader r, long at)
    {
        if (!HasLiterals)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"literal {index} is used but the module has no literal table (LitT)");
        }

        var table = Literals;
        if (index < 0 || index >= table.Count)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"literal index {index} is outside the literal table (0..{table.Count - 1})");
        }

        return table[(int)index];
    }

    private static T[] Fill<T>(int count, Func<int, T> create)
    {
        var a = new T[count];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = create(i);
        }

        return a;
    }
}
