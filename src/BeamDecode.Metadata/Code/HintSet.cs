using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// The annotations <see cref="ValidatorHints"/> wants before each instruction of a function, written out without
/// the ones the validator needs no longer: a type stated for a register stays known until an instruction writes
/// that register (or a call, a frame change or a label, where paths merge, forgets it), so a repeat is dropped; and
/// of several tuple sizes wanted from one register in a row the largest is stated once.
/// </summary>
internal sealed class HintSet
{
    private const string TuplePrefix = "{t_tuple,";

    private static readonly string[] XText = RegisterTexts('x');
    private static readonly string[] YText = RegisterTexts('y');

    // Per instruction, the first and last of its hints in _typeHints / _otherHints (linked by Next, in the order
    // they were asked for); -1: none. The arrays and lists are reused from function to function.
    private FunctionCode _code;
    private readonly List<TypeHint> _typeHints = [];
    private readonly List<OtherHint> _otherHints = [];
    private int[] _typeHead = new int[256];
    private int[] _typeTail = new int[256];
    private int[] _otherHead = new int[256];
    private int[] _otherTail = new int[256];
    private bool _headsReady;
    // Register key -> the type the validator knows, and that type's leading tuple size (-1: not a tuple).
    private readonly Dictionary<int, (string Type, long Leading)> _known = [];

    /// <summary>Starts over for the function <paramref name="code"/>.</summary>
    public void Reset(FunctionCode code)
    {
        _code = code;
        _typeHints.Clear();
        _otherHints.Clear();
        _headsReady = false;
        _known.Clear();
    }

    /// <summary>Whether any annotation was asked for.</summary>
    public bool IsEmpty => _typeHints.Count == 0 && _otherHints.Count == 0;

    /// <summary>States that <paramref name="op"/> (an x or y register, maybe typed) has <paramref name="type"/> before instruction <paramref name="i"/>.</summary>
    public void Type(int i, Operand op, string type)
    {
        switch (op is TypedRegister tr ? tr.Register : op)
        {
            case XRegister x:
                AddType(i, new TypeHint(x.Index, Text(XText, 'x', x.Index), type, TupleSize(type) ?? -1));
                break;
            case YRegister y:
                AddType(i, new TypeHint(-1 - y.Index, Text(YText, 'y', y.Index), type, TupleSize(type) ?? -1));
                break;
        }
    }

    /// <summary>Any other annotation (a whole term, without the final period), written after the type hints of instruction <paramref name="i"/>.</summary>
    public void Add(int i, string annotation)
    {
        PrepareHeads();
        int at = _otherHints.Count;
        _otherHints.Add(new OtherHint(annotation));
        if (_otherHead[i] < 0)
        {
            _otherHead[i] = at;
        }
        else
        {
            var tail = _otherHints[_otherTail[i]];
            _otherHints[_otherTail[i]] = tail with { Next = at };
        }

        _otherTail[i] = at;
    }

    private void AddType(int i, TypeHint hint)
    {
        PrepareHeads();
        int at = _typeHints.Count;
        _typeHints.Add(hint);
        if (_typeHead[i] < 0)
        {
            _typeHead[i] = at;
        }
        else
        {
            var tail = _typeHints[_typeTail[i]];
            _typeHints[_typeTail[i]] = tail with { Next = at };
        }

        _typeTail[i] = at;
    }

    private void PrepareHeads()
    {
        if (_headsReady)
        {
            return;
        }

        int n = _code.Length;
        if (_typeHead.Length < n)
        {
            int size = Math.Max(n, _typeHead.Length * 2);
            _typeHead = new int[size];
            _typeTail = new int[size];
            _otherHead = new int[size];
            _otherTail = new int[size];
        }

        _typeHead.AsSpan(0, n).Fill(-1);
        _otherHead.AsSpan(0, n).Fill(-1);
        _headsReady = true;
    }

    /// <summary>
    /// Writes the annotations for instruction <paramref name="i"/>; call it for every instruction in order, as it
    /// tracks which types the validator knows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteBefore(int i, Utf8Text sb)
    {
        var known = _known;
        if (_headsReady)
        {
            for (int h = _typeHead[i]; h >= 0; h = _typeHints[h].Next)
            {
                var (key, register, wanted, size, _) = _typeHints[h];
                string type = wanted;
                if (size >= 0 && Widest(i, key, size) is var widest && widest != size)
                {
                    size = widest;
                    type = $"{TuplePrefix}{size},false,#{{}}}}";
                }

                // A known type implies the wanted one when they are equal, or both are tuples and the known one is at
                // least as large.
                if (known.TryGetValue(key, out var have) && (have.Type == type || (size >= 0 && have.Leading >= size)))
                {
                    continue;
                }

                sb.Append("    {'%',{var_info,"u8).Append(register).Append(",[{type,"u8).Append(type).Append("}]}}.\n"u8);
                known[key] = (type, size >= 0 ? size : LeadingTupleSize(type) ?? -1);
            }

            for (int h = _otherHead[i]; h >= 0; h = _otherHints[h].Next)
            {
                sb.Append("    "u8).Append(_otherHints[h].Annotation).Append(".\n"u8);
            }
        }

        if (known.Count == 0)
        {
            return;
        }

        if (_code.Number(i) == OpcodeNumbers.Label && _code[i].DefinedLabel is not null)
        {
            known.Clear();
            return;
        }

        var ins = _code[i];
        foreach (int key in known.Keys)
        {
            if (Invalidates(ins, key))
            {
                // Removing the current key while enumerating is allowed for Dictionary (since .NET Core 3.0).
                known.Remove(key);
            }
        }
    }

    /// <summary>
    /// The largest plain tuple size wanted from register <paramref name="key"/> from here to where it changes
    /// (<paramref name="size"/> when no later one is larger).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Widest(int start, int key, long size)
    {
        var code = _code;
        for (int j = start; j < code.Length; j++)
        {
            if (j > start && ((code.Number(j) == OpcodeNumbers.Label && code[j].DefinedLabel is not null) || Invalidates(code[j - 1], key)))
            {
                break;
            }

            if (!_headsReady)
            {
                continue;
            }

            for (int h = _typeHead[j]; h >= 0; h = _typeHints[h].Next)
            {
                var hint = _typeHints[h];
                if (hint.Key == key && hint.Size > size)
                {
                    size = hint.Size;
                }
            }
        }

        return size;
    }

    private static string[] RegisterTexts(char kind)
    {
        var texts = new string[256];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = $"{{{kind},{i}}}";
        }

        return texts;
    }

    private static string Text(string[] cache, char kind, int index) =>
        index < cache.Length ? cache[index] : $"{{{kind},{index}}}";

    /// <summary>The size of a plain <c>{t_tuple,N,false,#{}}</c>, else null.</summary>
    private static long? TupleSize(string type) =>
        type.StartsWith(TuplePrefix, StringComparison.Ordinal) && type.EndsWith(",false,#{}}", StringComparison.Ordinal)
            ? LeadingTupleSize(type)
            : null;

    /// <summary>The size of any <c>{t_tuple,N,...}</c>, nested element types included, else null.</summary>
    private static long? LeadingTupleSize(string type)
    {
        if (!type.StartsWith(TuplePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        int comma = type.IndexOf(',', TuplePrefix.Length);
        return comma > 0 && long.TryParse(type.AsSpan(TuplePrefix.Length, comma - TuplePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            ? n
            : null;
    }

    /// <summary>
    /// Whether the instruction may change what register <paramref name="key"/> holds. Calls and exception or receive
    /// bookkeeping replace x registers without naming them, frame changes renumber or clear y registers; otherwise a
    /// register is changed where it appears outside the operand positions the instruction only reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Invalidates(in InsView ins, int key)
    {
        int op = ins.Opcode.Number;
        bool isX = key >= 0;
        if (isX && (ins.Operands.Length == 0 || ClobbersX(op)))
        {
            return true;
        }

        if (!isX && op is 12 or 13 or 14 or 15 or 17 or 18 or 136 or 172)
        {
            // allocate*, init, deallocate, trim, init_yregs.
            return true;
        }

        var ops = ins.Operands;
        for (int k = 0; k < ops.Length; k++)
        {
            if (!IsReadOnly(op, k) && Mentions(ops[k], key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Calls (local, remote, fun, apply), exception and receive instructions, which set x registers implicitly.</summary>
    private static bool ClobbersX(int op) => op is (>= 4 and <= 8) or 75 or 78 or 112 or 113 or 178
        or (>= 20 and <= 26) or 62 or 63 or 104 or 105 or 106 or (>= 173 and <= 176) or 160 or 161;

    /// <summary>Operand positions the hinted instructions only read (beam_validator's view of them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsReadOnly(int op, int k) => op switch
    {
        64 => k == 0,                                   // move Src Dst
        96 => k == 0,                                   // fmove Src FR
        60 or 58 or 157 => true,                        // select_tuple_arity, test_arity, has_map_fields
        65 => k == 0,                                   // get_list Src H T
        162 or 163 => k == 0,                           // get_hd/get_tl Src Dst
        66 => k <= 1,                                   // get_tuple_element Src N Dst
        158 => k <= 1,                                  // get_map_elements Fail Src [Key, Dst...]
        154 or 155 => k is 0 or 1 or 3,                 // put_map_* Fail Src Dst Live List
        165 or 167 => k != 1,                           // bs_get_tail/bs_get_position Ctx Dst Live
        168 => true,                                    // bs_set_position Ctx Pos
        (>= 39 and <= 57) or 77 or 114 or 115 or 129 or 156 or 159 => true, // comparisons and type tests
        121 or 131 or 132 or 120 or 139 or 141 or 143 => true, // bit syntax tests without a destination
        117 or 118 or 119 or 138 or 140 or 142 => !IsLast(op, k), // bs_get_*: all but Dst
        153 or 1 or 2 => true,                          // line, label, func_info
        _ => false,
    };

    private static bool IsLast(int op, int k) => k == (OpcodeTable.Find(op)?.Arity ?? 0) - 1;

    private static bool Mentions(Operand op, int key) => op switch
    {
        XRegister x => key == x.Index,
        YRegister y => key == -1 - y.Index,
        TypedRegister tr => Mentions(tr.Register, key),
        ListOperand list => MentionsAny(list, key),
        _ => false,
    };

    private static bool MentionsAny(ListOperand list, int key)
    {
        foreach (var item in list.Items)
        {
            if (Mentions(item, key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A type wanted for a register; <see cref="Size"/> is the size of a plain tuple type, else -1.</summary>
    private readonly record struct TypeHint(int Key, string Register, string Type, long Size, int Next = -1);

    private readonly record struct OtherHint(string Annotation, int Next = -1);
}
