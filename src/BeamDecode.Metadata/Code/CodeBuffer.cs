using System.Runtime.CompilerServices;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// A module's Code chunk decoded into flat, reusable arrays: one <see cref="Slot"/> per instruction, every operand
/// in one shared <see cref="Operand"/> array, and the function ranges. The operands themselves are mostly shared
/// objects (<see cref="CodeContext"/> caches registers, small numbers, labels, atoms, literals, imports), so
/// decoding a module into a buffer that a worker thread reuses allocates almost nothing: this is the form the
/// assembly writer prints from, where the <see cref="AsmModule"/> object model would allocate an
/// <see cref="Instruction"/> and an operand array per instruction (about 245 MB for the OTP tree).
/// </summary>
internal sealed class CodeBuffer
{
    private Slot[] _slots = new Slot[1024];
    // The opcode numbers again, one byte each: the loops that only look at opcodes (hints, function splitting) read
    // these rather than each slot's OpcodeInfo.
    private byte[] _numbers = new byte[1024];
    private Operand[] _operands = new Operand[4096];
    private FunctionRange[] _functions = new FunctionRange[64];

    public int Count { get; private set; }

    public int FunctionCount { get; private set; }

    /// <summary>Instruction <paramref name="i"/> of the module.</summary>
    public InsView this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ref readonly var s = ref _slots[i];
            return new InsView(s.Opcode, _operands, s.First, s.Count, s.Offset);
        }
    }

    public ref readonly FunctionRange Function(int k) => ref _functions[k];

    /// <summary>The opcode number of instruction <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Number(int i) => _numbers[i];

    /// <summary>The instructions of function <paramref name="k"/>, indexed from 0.</summary>
    public FunctionCode Code(int k) => new(this, _functions[k].Start, _functions[k].End - _functions[k].Start);

    public void Clear()
    {
        // Drop the operand references so a buffer kept by an idle thread holds no module alive.
        Array.Clear(_operands, 0, _operandCount);
        Count = 0;
        FunctionCount = 0;
        _operandCount = 0;
    }

    private int _operandCount;

    /// <summary>Room for <paramref name="arity"/> operands of the next instruction (filled by the caller, then <see cref="Add"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<Operand> Reserve(int arity)
    {
        if (_operands.Length - _operandCount < arity)
        {
            Array.Resize(ref _operands, Math.Max(_operands.Length * 2, _operandCount + arity));
        }

        return _operands.AsSpan(_operandCount, arity);
    }

    /// <summary>Appends an instruction whose operands were written into the last <see cref="Reserve"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(OpcodeInfo opcode, int arity, long offset)
    {
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _numbers, _slots.Length);
        }

        _numbers[Count] = (byte)opcode.Number;
        _slots[Count++] = new Slot(opcode, _operandCount, arity, offset);
        _operandCount += arity;
    }

    public void AddFunction(in FunctionRange f)
    {
        if (FunctionCount == _functions.Length)
        {
            Array.Resize(ref _functions, _functions.Length * 2);
        }

        _functions[FunctionCount++] = f;
    }

    /// <summary>Fills the buffer from an existing object model (the writer's entry point for <see cref="AsmModule"/>).</summary>
    public void Fill(AsmModule module)
    {
        Clear();
        foreach (var f in module.Functions)
        {
            int start = Count;
            int info = -1;
            foreach (var ins in f.Instructions)
            {
                var ops = ins.Operands;
                if (info < 0 && ins.Opcode.Number == OpcodeNumbers.FuncInfo)
                {
                    info = Count;
                }

                ops.AsSpan().CopyTo(Reserve(ops.Length));
                Add(ins.Opcode, ops.Length, ins.Offset);
            }

            int nameIndex = info >= 0 && this[info].Operands is [_, AtomOperand name, ..] && ReferenceEquals(name.Atom, f.Name) ? name.Index : -1;
            AddFunction(new FunctionRange(f.Name, nameIndex, f.Arity, f.EntryLabel, start, info, Count));
        }
    }

    private readonly record struct Slot(OpcodeInfo Opcode, int First, int Count, long Offset);
}

/// <summary>
/// One function of a <see cref="CodeBuffer"/>: instructions <see cref="Start"/> to <see cref="End"/> (exclusive) of
/// the module, its <c>func_info</c> at <see cref="Info"/>.
/// </summary>
/// <see cref="NameIndex"/> is the name's atom-table index (-1 when not known).
internal readonly record struct FunctionRange(AtomTerm Name, int NameIndex, int Arity, int EntryLabel, int Start, int Info, int End);

/// <summary>
/// One instruction of a <see cref="CodeBuffer"/>, the same surface as <see cref="Instruction"/> with the operands as
/// a span of the buffer's operand array.
/// </summary>
internal readonly struct InsView
{
    private readonly Operand[] _operands;
    private readonly int _first;
    private readonly int _count;

    public InsView(OpcodeInfo opcode, Operand[] operands, int first, int count, long offset)
    {
        Opcode = opcode;
        _operands = operands;
        _first = first;
        _count = count;
        Offset = offset;
    }

    public OpcodeInfo Opcode { get; }

    public long Offset { get; }

    public ReadOnlySpan<Operand> Operands
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_operands, _first, _count);
    }

    /// <summary>The label a <c>label</c> instruction defines, else null.</summary>
    public int? DefinedLabel => Opcode.Number == OpcodeNumbers.Label && _operands[_first] is UnsignedOperand { Value: var v } ? (int)v : null;
}

/// <summary>The instructions of one function in a <see cref="CodeBuffer"/>, indexed from 0.</summary>
internal readonly struct FunctionCode
{
    private readonly CodeBuffer _buffer;
    private readonly int _start;

    public FunctionCode(CodeBuffer buffer, int start, int length)
    {
        _buffer = buffer;
        _start = start;
        Length = length;
    }

    public int Length { get; }

    public InsView this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _buffer[_start + i];
    }

    /// <summary>The opcode number of instruction <paramref name="i"/> (no <see cref="InsView"/> made).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Number(int i) => _buffer.Number(_start + i);
}
