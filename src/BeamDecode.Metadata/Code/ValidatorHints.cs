using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using static BeamDecode.Metadata.Code.OpcodeNumbers;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// The annotations a .S needs so that erlc accepts it again. erlc runs beam_validator before assembling, and the
/// validator accepts some instructions only if it knows more than the instructions say: the type of a register
/// (get_tuple_element wants a tuple of the right size), that a call cannot fail (else an exception edge reaches a
/// handler with a killed y register), that a function's parameter may be a match context. The compiler states
/// these with <c>{'%',...}</c> annotations (beam_validator.erl validate_var_info/3, find_parameter_info/2,
/// remove_fragility), which beam_asm drops (make_op({'%',_})): the binary keeps none. This pass states, before an
/// instruction, exactly what the instruction itself requires, which the original code satisfied at run time; and
/// it places a no-op annotation where one of the passes erlc still runs with +no_postopt (beam_a, beam_z) would
/// otherwise rewrite an instruction pair the original compilation left alone. Annotations add no bytes.
/// </summary>
internal static partial class ValidatorHints
{
    private const int Move = 64, GetList = 65, GetTupleElement = 66, SetTupleElement = 67, Jump = 61, CallFun = 75,
        Fmove = 96, SelectTupleArity = 60, Apply = 112, ApplyLast = 113, LoopRec = 23, IsEqExact = 43,
        PutMapAssoc = 154, PutMapExact = 155, GetMapElements = 158, GetHd = 162, GetTl = 163, BsGetTail = 165,
        BsGetPosition = 167, BsSetPosition = 168, Swap = 169, BsStartMatch4 = 170, Catch = 62, CatchEnd = 63,
        Try = 104, TryEnd = 105, TryCase = 106, RemoveMessage = 21, LoopRecEnd = 24;

    private const string Tuple0 = "{t_tuple,0,false,#{}}", Cons = "{t_cons,any,any}", Map = "{t_map,any,any}",
        Context = "{t_bs_context,1}", ProperList = "{t_list,any,nil}", Boolean = "{t_atom,[false,true]}",
        Integer = "{t_integer,any}", Bitstring = "{t_bitstring,1}";

    /// <summary>Collections a thread reuses from one function and module to the next.</summary>
    internal sealed class Scratch
    {
        public readonly HashSet<int> Handlers = [];
        public readonly List<int> Calls = [];
        public readonly Dictionary<int, int> ByEntry = [];
        public int[] CallsStart = new int[64];
    }

    /// <summary>
    /// Fills <paramref name="hints"/> with the annotation lines to write before each instruction of a function;
    /// false when there are none.
    /// </summary>
    /// <param name="code">The function's instructions.</param>
    /// <param name="entryLabel">Its entry label.</param>
    /// <param name="arity">Its arity.</param>
    /// <param name="acceptsContext">Whether its parameters may be match contexts (<see cref="ContextFunctions"/>).</param>
    /// <param name="hints">Reset and filled.</param>
    /// <param name="scratch">Reused collections.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool For(FunctionCode code, int entryLabel, int arity, bool acceptsContext, HintSet hints, Scratch scratch)
    {
        hints.Reset(code);
        bool hasLines = false;
        var handlers = scratch.Handlers;
        handlers.Clear();
        for (int n = 0; n < code.Length; n++)
        {
            int op = code.Number(n);
            hasLines |= op == Line;
            if (op is Try or Catch && code[n].Operands[1] is LabelOperand { Label: var handler })
            {
                handlers.Add(handler);
            }
        }

        int runEnd = -1;
        int openTries = 0;
        bool receiving = false;
        int previous = 0;
        for (int i = 0; i < code.Length; i++)
        {
            int op = code.Number(i);
            bool quiet = Quiet[op] && !AffectsNext[previous] && !receiving;
            previous = op;
            if (quiet)
            {
                // Nothing below applies to this instruction (most of them): see Quiet.
                continue;
            }

            var ins = code[i];
            openTries += ins.Opcode.Number switch
            {
                Try or Catch => 1,
                TryEnd or TryCase or CatchEnd when openTries > 0 => -1,
                _ => 0,
            };
            if (i > 0 && NeverReturns(code[i - 1], ins, handlers))
            {
                hints.Add(i, "{'%',{var_info,{x,0},[{type,none}]}}");
            }

            if (i <= runEnd)
            {
                // Inside a setelement run no annotation may appear (see SetelementRun).
                continue;
            }

            // Without line instructions (+no_line_info) there is no telling: state every safe type.
            bool provenSafe = openTries > 0 || !hasLines || i == 0 || code.Number(i - 1) != Line;
            if (IsSetelementCall(ins))
            {
                if (provenSafe)
                {
                    SetelementInRange(code, i, hints);
                }

                runEnd = SetelementRun(code, i, hints);
                continue;
            }

            Required(ins, hints, i);
            if (provenSafe)
            {
                CannotFail(ins, hints, i);
            }

            // From loop_rec to remove_message (or the end of the receive loop) x0 holds the message in place.
            receiving = ins.Opcode.Number switch
            {
                LoopRec => true,
                RemoveMessage or LoopRecEnd => false,
                _ => receiving,
            };
            if (receiving)
            {
                Durable(ins, hints, i);
            }

            if (i > 0 && RewrittenPair(code[i - 1], ins))
            {
                hints.Add(i, "{'%',{beamdecode,keep}}");
            }
        }

        if (acceptsContext)
        {
            Parameters(code, entryLabel, arity, hints);
        }

        return !hints.IsEmpty;
    }

    /// <summary>
    /// Opcodes none of the checks in <see cref="For"/> looks at, unless the instruction before affects this one
    /// (<see cref="AffectsNext"/>) or a receive is looking at a message: everything but try/catch bookkeeping, the
    /// receive markers, calls and BIFs (<see cref="CannotFail"/>, <see cref="IsSetelementCall"/>), the instructions
    /// <see cref="Required"/> states a type for, and move and swap (<see cref="RewrittenPair"/>).
    /// </summary>
    private static readonly bool[] Quiet = MakeQuiet();

    /// <summary>Opcodes that make the next instruction worth a look: calls (<see cref="NeverReturns"/>) and the first
    /// instruction of a <see cref="RewrittenPair"/>.</summary>
    private static readonly bool[] AffectsNext = MakeAffectsNext();

    private static bool[] MakeQuiet()
    {
        var quiet = new bool[256];
        quiet.AsSpan().Fill(true);
        foreach (int op in (ReadOnlySpan<int>)[Try, Catch, TryEnd, TryCase, CatchEnd, LoopRec, RemoveMessage, LoopRecEnd,
            CallExt, CallExtLast, CallExtOnly, Bif1, Bif2, GcBif1, GcBif2, GcBif3, Move, Swap,
            Fmove, SelectTupleArity, TestArity, GetList, GetHd, GetTl, GetTupleElement, HasMapFields, GetMapElements,
            PutMapAssoc, PutMapExact, BsGetTail, BsGetPosition, BsSetPosition, BsStartMatch4, BsTestTail2, BsTestUnit,
            BsSkipBits2, BsMatchString, BsGetInteger2, BsGetFloat2, BsGetBinary2, BsMatch])
        {
            quiet[op] = false;
        }

        for (int op = BsGetUtf8; op <= BsSkipUtf32; op++)
        {
            quiet[op] = false;
        }

        return quiet;
    }

    private static bool[] MakeAffectsNext()
    {
        var affects = new bool[256];
        foreach (int op in (ReadOnlySpan<int>)[Call, CallExt, CallFun, CallFun2, Apply, IsEqExact, GetList])
        {
            affects[op] = true;
        }

        return affects;
    }

    /// <summary>beam_validator.erl assert_type/3: the type an instruction demands of a register operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Required(in InsView ins, HintSet hints, int i)
    {
        var ops = ins.Operands;
        switch (ins.Opcode.Number)
        {
            case Fmove when ops[1] is FloatRegister:
                hints.Type(i, ops[0], "{t_float,any}");
                break;
            case SelectTupleArity:
                hints.Type(i, ops[0], Tuple0);
                break;
            case TestArity:
                hints.Type(i, ops[1], Tuple0);
                break;
            case GetList or GetHd or GetTl:
                hints.Type(i, ops[0], Cons);
                break;
            case GetTupleElement when ops[1] is UnsignedOperand { Value: var n }:
                hints.Type(i, ops[0], TupleOfSize(n + 1));
                break;
            case HasMapFields or GetMapElements or PutMapAssoc or PutMapExact:
                hints.Type(i, ops[1], Map);
                break;
            case BsGetTail or BsGetPosition or BsSetPosition:
                hints.Type(i, ops[0], Context);
                break;
            case BsStartMatch4 when ops[0] is AtomOperand { Atom.Name: "resume" }:
                hints.Type(i, ops[2], Context);
                break;
            case BsTestTail2 or BsTestUnit or BsSkipBits2 or BsMatchString or BsGetInteger2 or BsGetFloat2
                or BsGetBinary2 or (>= BsGetUtf8 and <= BsSkipUtf32) or BsMatch:
                hints.Type(i, ops[1], Context);
                break;
        }
    }

    /// <summary>
    /// A call followed by a jump to, or a fall into, a try/catch handler label never returns: control cannot reach
    /// a handler but by an exception (beam_validator.erl validate_branch/2 rejects it). The compiler knew, and told
    /// the validator with a <c>none</c> type for the result (validate_var_info/3 then kills the state).
    /// </summary>
    private static bool NeverReturns(in InsView call, in InsView next, HashSet<int> handlers) =>
        call.Opcode.Number is Call or CallExt or CallFun or CallFun2 or Apply
        && (next.DefinedLabel is { } l ? handlers.Contains(l)
            : next.Opcode.Number == Jump && next.Operands[0] is LabelOperand { Label: var target } && handlers.Contains(target));

    /// <summary>
    /// A guard-less BIF call with no line instruction before it is one the compiler proved cannot fail (it gives
    /// every call that can raise a line, for the stack trace); inside a try or catch, a call the compiler proved
    /// safe may still have a line, and there the exception edge matters (the handler may read y registers the code
    /// before the call already killed). beam_validator only drops the edge when the argument types make
    /// beam_call_types:will_succeed/3 say yes; these are those types.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CannotFail(in InsView ins, HintSet hints, int i)
    {
        var ops = ins.Operands;
        switch (ins.Opcode.Number)
        {
            case Bif1 or Bif2 when ops[0] is LabelOperand { Label: 0 } && ops[1] is ImportOperand bif:
                Safe(bif, ops, 2, hints, i);
                break;
            case GcBif1 or GcBif2 or GcBif3 when ops[0] is LabelOperand { Label: 0 } && ops[2] is ImportOperand bif:
                Safe(bif, ops, 3, hints, i);
                break;
            case CallExt or CallExtLast or CallExtOnly when ops[1] is ImportOperand call:
                string?[] types = SafeTypes(call);
                for (int k = 0; k < types.Length; k++)
                {
                    if (types[k] is { } t)
                    {
                        hints.Type(i, CodeContext.X(k), t);
                    }
                }

                break;
        }
    }

    private static void Safe(ImportOperand bif, ReadOnlySpan<Operand> ops, int firstArg, HintSet hints, int i)
    {
        string?[] types = SafeTypes(bif);
        for (int k = 0; k < types.Length && firstArg + k < ops.Length - 1; k++)
        {
            if (types[k] is { } t)
            {
                hints.Type(i, ops[firstArg + k], t);
            }
        }
    }

    /// <summary>Argument types under which beam_call_types.erl will_succeed/3 (OTP 25) answers yes.</summary>
    private static string?[] SafeTypes(ImportOperand op)
    {
        var imp = op.Import;
        if (imp.Module.Name != "erlang")
        {
            return [];
        }

        return (imp.Function.Name, imp.Arity) switch
        {
            ("++", 2) => AppendTypes,
            ("--", 2) => SubtractTypes,
            ("and" or "or", 2) => BooleanPair,
            ("band" or "bor" or "bxor", 2) => IntegerPair,
            ("bit_size" or "byte_size", 1) => OneBitstring,
            ("hd" or "tl", 1) => OneCons,
            ("is_map_key", 2) => IsMapKeyTypes,
            ("length", 1) => OneProperList,
            ("map_size", 1) => OneMap,
            ("not", 1) => OneBoolean,
            ("tuple_size", 1) => OneTuple,
            _ => [],
        };
    }

    // The answers of SafeTypes, allocated once (it is asked for every remote call and guard BIF).
    private static readonly string?[] AppendTypes = [ProperList, null], SubtractTypes = [ProperList, ProperList],
        BooleanPair = [Boolean, Boolean], IntegerPair = [Integer, Integer], OneBitstring = [Bitstring], OneCons = [Cons],
        IsMapKeyTypes = [null, Map], OneProperList = [ProperList], OneMap = [Map], OneBoolean = [Boolean], OneTuple = [Tuple0];

    /// <summary>
    /// setelement/3 cannot fail when its index is a known integer within the tuple's size (beam_call_types.erl
    /// will_succeed/3); the index is the integer last moved into x0 in the same block.
    /// </summary>
    private static void SetelementInRange(FunctionCode code, int call, HintSet hints)
    {
        for (int i = call - 1; i >= 0 && code[i].DefinedLabel is null; i--)
        {
            var ops = code[i].Operands;
            if (code[i].Opcode.Number == Move && ops[1] is XRegister { Index: 0 })
            {
                if (ops[0] is IntegerOperand { Value: var index } && index >= 1 && index < 1 << 24)
                {
                    hints.Type(call, CodeContext.X(1), TupleOfSize((long)index));
                }

                return;
            }
        }
    }

    /// <summary>
    /// While a receive looks at a message, arguments of a call may be references into it, which the validator deems
    /// fragile; the compiler never passes one unless it knows the callee keeps no reference (prim_eval.S says so
    /// with <c>{'%',{remove_fragility,Reg}}</c>), so the arguments of such a call are declared durable.
    /// </summary>
    private static void Durable(in InsView ins, HintSet hints, int i)
    {
        var ops = ins.Operands;
        long args = ins.Opcode.Number switch
        {
            Call or CallLast or CallOnly or CallExt or CallExtLast or CallExtOnly or Apply or ApplyLast
                when ops[0] is UnsignedOperand { Value: var a } => a + (ins.Opcode.Number is Apply or ApplyLast ? 2 : 0),
            CallFun when ops[0] is UnsignedOperand { Value: var a } => a + 1,
            CallFun2 when ops[1] is UnsignedOperand { Value: var a } => a,
            _ => 0,
        };
        for (int k = 0; k < args && k < 1024; k++)
        {
            hints.Add(i, k < RemoveFragility.Length ? RemoveFragility[k] : $"{{'%',{{remove_fragility,{{x,{k}}}}}}}");
        }
    }

    /// <summary>
    /// Pairs beam_a.erl rename_instrs/1 or beam_z.erl undo_renames/1 would fuse: an is_eq_exact test followed by a
    /// move of its second operand into its first (beam_a drops the move), and get_list followed by a swap of its
    /// two destinations (beam_z folds the swap into the get_list). Compilation leaves such pairs when later passes
    /// create them; an annotation between the two keeps them.
    /// </summary>
    private static bool RewrittenPair(in InsView prev, in InsView ins)
    {
        var a = prev.Operands;
        var b = ins.Operands;
        return (prev.Opcode.Number, ins.Opcode.Number) switch
        {
            (IsEqExact, Move) => Equals(a[1], b[1]) && Equals(a[2], b[0]),
            (GetList, Swap) => (Equals(a[1], b[0]) && Equals(a[2], b[1])) || (Equals(a[1], b[1]) && Equals(a[2], b[0])),
            _ => false,
        };
    }

    /// <summary>
    /// The entry labels of the functions that may be passed a match context: those that work on one (any bit syntax
    /// instruction that reads a context), and, to a fixed point, those that call one of them (a context can only be
    /// passed on to a local function; it is not a durable term). Fills <paramref name="set"/>. Of functions that
    /// share an entry label (malformed code), the calls of the last one count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ContextFunctions(CodeBuffer module, HashSet<int> set, Scratch scratch)
    {
        set.Clear();
        var calls = scratch.Calls;
        calls.Clear();
        var byEntry = scratch.ByEntry;
        byEntry.Clear();
        if (scratch.CallsStart.Length < module.FunctionCount + 1)
        {
            scratch.CallsStart = new int[module.FunctionCount + 1];
        }

        var starts = scratch.CallsStart;
        for (int k = 0; k < module.FunctionCount; k++)
        {
            ref readonly var f = ref module.Function(k);
            starts[k] = calls.Count;
            for (int i = f.Start; i < f.End; i++)
            {
                int op = module.Number(i);
                if (op is BsGetTail or BsGetPosition or BsSetPosition or BsStartMatch4 or BsTestTail2 or BsTestUnit
                    or BsSkipBits2 or BsMatchString or BsGetInteger2 or BsGetFloat2 or BsGetBinary2
                    or (>= BsGetUtf8 and <= BsSkipUtf32) or BsMatch)
                {
                    set.Add(f.EntryLabel);
                }
                else if (op is Call or CallLast or CallOnly && module[i].Operands[1] is LabelOperand { Label: var target })
                {
                    calls.Add(target);
                }
            }

            byEntry[f.EntryLabel] = k;
        }

        starts[module.FunctionCount] = calls.Count;
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var (caller, k) in byEntry)
            {
                if (!set.Contains(caller) && CallsAny(calls, starts[k], starts[k + 1], set))
                {
                    changed = set.Add(caller);
                }
            }
        }
    }

    private static bool CallsAny(List<int> calls, int start, int end, HashSet<int> set)
    {
        for (int i = start; i < end; i++)
        {
            if (set.Contains(calls[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A function that may be passed a match context declares that its parameters accept one (beam_validator.erl
    /// verify_arg_type/4 rejects passing one otherwise), after the first instruction's own hints: the annotations
    /// that follow the entry label are read as parameter info, keyed by register, the last one winning. A function
    /// whose body starts with a jump gets none, as the validator takes that jump as "always fails" (always_fails/1).
    /// </summary>
    private static void Parameters(FunctionCode code, int entryLabel, int arity, HintSet hints)
    {
        for (int i = 0; i + 1 < code.Length; i++)
        {
            if (code[i].DefinedLabel != entryLabel)
            {
                continue;
            }

            int first = i + 1;
            if (code[first].Opcode.Number == Jump || arity == 0)
            {
                return;
            }

            for (int k = 0; k < arity; k++)
            {
                hints.Add(first, AcceptsContext[k]);
            }

            return;
        }
    }

    private static readonly string[] RemoveFragility =
        [.. Enumerable.Range(0, 256).Select(static k => $"{{'%',{{remove_fragility,{{x,{k}}}}}}}")];

    private static readonly string[] AcceptsContext =
        [.. Enumerable.Range(0, 256).Select(static k => $"{{'%',{{var_info,{{x,{k}}},[accepts_match_context]}}}}")];

    private static readonly string[] SmallTuples = Enumerable.Range(0, 64).Select(static n => $"{{t_tuple,{n},false,#{{}}}}").ToArray();

    private static string TupleOfSize(long size) => size < SmallTuples.Length ? SmallTuples[size] : $"{{t_tuple,{size},false,#{{}}}}";
}
