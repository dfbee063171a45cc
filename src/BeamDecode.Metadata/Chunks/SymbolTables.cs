using System.Collections.Immutable;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// Decoders for the fixed-width symbol tables: ImpT (3 words an entry), ExpT and LocT (3 words), FunT (6 words).
/// Layouts: beam_asm.erl build_file/…; checks as in erts beam_file.c (indexes within the atom table, arity 0..255).
/// </summary>
public static class SymbolTables
{
    /// <summary>Highest arity the emulator allows (MAX_ARG).</summary>
    public const int MaxArity = 255;

    public static ImmutableArray<ImportEntry> DecodeImports(Chunk chunk, AtomTable atoms)
    {
        var rows = new ImportRows(chunk, atoms);
        var result = ImmutableArray.CreateBuilder<ImportEntry>(rows.Count);
        while (rows.Next(out int module, out int function, out int arity))
        {
            result.Add(new ImportEntry(atoms[module], atoms[function], arity));
        }

        return result.MoveToImmutable();
    }

    public static ImmutableArray<FunctionEntry> DecodeFunctions(Chunk chunk, AtomTable atoms)
    {
        var rows = new FunctionRows(chunk, atoms);
        var result = ImmutableArray.CreateBuilder<FunctionEntry>(rows.Count);
        while (rows.Next(out int name, out int arity, out int label))
        {
            result.Add(new FunctionEntry(atoms[name], arity, label));
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// ImpT entry by entry, with every check <see cref="DecodeImports"/> makes, as atom indexes: for a host that writes
    /// the names straight from the atom table's bytes (info --json) instead of making an entry and atoms per import.
    /// </summary>
    public ref struct ImportRows
    {
        private readonly AtomTable _atoms;
        private BeamReader _r;
        private int _left;

        public ImportRows(Chunk chunk, AtomTable atoms)
        {
            _atoms = atoms;
            _r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
            Count = _left = _r.ReadCount(12, "import");
        }

        public int Count { get; }

        /// <summary>The next entry (1-based atom indexes, checked against the table); false after the last.</summary>
        public bool Next(out int module, out int function, out int arity)
        {
            if (_left == 0)
            {
                module = function = arity = 0;
                return false;
            }

            _left--;
            module = AtomIndex(ref _r, _atoms, "import module");
            function = AtomIndex(ref _r, _atoms, "import function");
            arity = Arity(ref _r);
            return true;
        }
    }

    /// <summary>ExpT or LocT entry by entry, with every check <see cref="DecodeFunctions"/> makes (see
    /// <see cref="ImportRows"/>).</summary>
    public ref struct FunctionRows
    {
        private readonly AtomTable _atoms;
        private BeamReader _r;
        private int _left;

        public FunctionRows(Chunk chunk, AtomTable atoms)
        {
            _atoms = atoms;
            _r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
            Count = _left = _r.ReadCount(12, "function");
        }

        public int Count { get; }

        /// <summary>The next entry (1-based atom index of its name); false after the last.</summary>
        public bool Next(out int name, out int arity, out int label)
        {
            if (_left == 0)
            {
                name = arity = label = 0;
                return false;
            }

            _left--;
            name = AtomIndex(ref _r, _atoms, "function name");
            arity = Arity(ref _r);
            label = Label(ref _r);
            return true;
        }
    }

    public static ImmutableArray<LambdaEntry> DecodeLambdas(Chunk chunk, AtomTable atoms)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        int count = r.ReadCount(24, "lambda");
        var result = ImmutableArray.CreateBuilder<LambdaEntry>(count);
        for (int i = 0; i < count; i++)
        {
            var function = Atom(ref r, atoms, "lambda function");
            int arity = Arity(ref r);
            int label = Label(ref r);
            int index = r.ReadInt32();
            int numFree = r.ReadInt32();
            uint oldUniq = r.ReadUInt32();
            result.Add(new LambdaEntry(function, arity, label, index, numFree, oldUniq));
        }

        return result.MoveToImmutable();
    }

    /// <summary>The number of FunT entries, with every check <see cref="DecodeLambdas"/> makes but without making
    /// the entries or their name atoms (info prints only the count).</summary>
    public static int CountLambdas(Chunk chunk, AtomTable atoms)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        int count = r.ReadCount(24, "lambda");
        for (int i = 0; i < count; i++)
        {
            AtomIndex(ref r, atoms, "lambda function");
            Arity(ref r);
            Label(ref r);
            r.ReadInt32();
            r.ReadInt32();
            r.ReadUInt32();
        }

        return count;
    }

    private static AtomTerm Atom(ref BeamReader r, AtomTable atoms, string what) => atoms[AtomIndex(ref r, atoms, what)];

    /// <summary>A 1-based atom index, checked against the table.</summary>
    private static int AtomIndex(ref BeamReader r, AtomTable atoms, string what)
    {
        long at = r.Offset;
        uint index = r.ReadUInt32();
        if (index < 1 || index > atoms.Count)
        {
            r.ThrowBadAt(DiagnosticId.BadIndex, at, $"{what} atom index {index} is outside the atom table (1..{atoms.Count})");
        }

        return (int)index;
    }

    private static int Arity(ref BeamReader r)
    {
        long at = r.Offset;
        uint arity = r.ReadUInt32();
        if (arity > MaxArity)
        {
            r.ThrowBadAt(DiagnosticId.BadChunk, at, $"arity {arity} exceeds {MaxArity}");
        }

        return (int)arity;
    }

    private static int Label(ref BeamReader r)
    {
        long at = r.Offset;
        int label = r.ReadInt32();
        if (label < 0)
        {
            r.ThrowBadAt(DiagnosticId.BadChunk, at, $"negative label {label}");
        }

        return label;
    }
}
