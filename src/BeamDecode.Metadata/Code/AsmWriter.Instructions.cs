using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using static BeamDecode.Metadata.Code.OpcodeNumbers;

namespace BeamDecode.Metadata.Code;

public sealed partial class AsmWriter
{
    /// <summary>
    /// One instruction as beam_asm.erl's make_op/2 takes it (read backwards; beam_disasm.erl resolve_inst/4 does the
    /// same mapping for its own output): bif0/1/2/3 -> <c>{bif,Name,Fail,Args,Dst}</c>, gc_bif1/2/3 ->
    /// <c>{gc_bif,Name,Fail,Live,Args,Dst}</c>, float arithmetic -> <c>{bif,fadd,...}</c>, raise ->
    /// <c>{bif,raise,{f,0},Args,{x,0}}</c>, type and comparison tests -> <c>{test,Op,Fail,Args}</c> and the bit-syntax
    /// tests with a live count and a destination -> <c>{test,Op,Fail,Live,Args,Dst}</c>, make_fun2/3 and call_fun2 with
    /// the fun's label, bs_add with its operand list; every other opcode <c>{Name,Op1,...}</c> (or the bare name).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteInstruction(in InsView ins)
    {
        var ops = ins.Operands;
        int op = ins.Opcode.Number;
        if (op == Label)
        {
            _sb.Append("  {label,"u8).Append(((UnsignedOperand)ops[0]).Value).Append("}.\n"u8);
            return;
        }

        _sb.Append("    "u8);
        if (!HasOwnForm[op])
        {
            WriteGeneric(ins);
            return;
        }

        switch (op)
        {
            case Bif0 or Bif1 or Bif2 or Bif3 when ops[op == Bif0 ? 0 : 1] is ImportOperand bif:
                // Bif0 cannot fail: beam_asm only matches {bif,Name,{f,_},[],Dst}.
                Open("bif");
                ImportFunction(bif);
                _sb.Append(',');
                if (op == Bif0)
                {
                    _sb.Append("{f,0},[],"u8);
                    Operand(ops[1]);
                }
                else
                {
                    Operand(ops[0]);
                    _sb.Append(',');
                    List(ops, 2, ops.Length - 3);
                    _sb.Append(',');
                    Operand(ops[^1]);
                }

                break;
            case GcBif1 or GcBif2 or GcBif3 when ops[2] is ImportOperand gcBif:
                Open("gc_bif");
                ImportFunction(gcBif);
                _sb.Append(',');
                Operand(ops[0]);
                _sb.Append(',');
                Operand(ops[1]);
                _sb.Append(',');
                List(ops, 3, ops.Length - 4);
                _sb.Append(',');
                Operand(ops[^1]);
                break;
            case FAdd or FSub or FMul or FDiv or FNegate:
                Open("bif");
                OpcodeName(ins.Opcode);
                _sb.Append(',');
                Operand(ops[0]);
                _sb.Append(',');
                List(ops, 1, ops.Length - 2);
                _sb.Append(',');
                Operand(ops[^1]);
                break;
            case Raise:
                Open("bif");
                _sb.Append("raise,{f,0},"u8);
                List(ops, 0, 2);
                _sb.Append(",{x,0}"u8);
                break;
            case HasMapFields:
                OpenTest(ins);
                Operand(ops[0]);
                _sb.Append(',');
                Operand(ops[1]);
                _sb.Append(',');
                Operand(ops[2]);
                break;
            case BsStartMatch2 or BsStartMatch3 or BsGetInteger2 or BsGetFloat2 or BsGetBinary2
                or BsGetUtf8 or BsGetUtf16 or BsGetUtf32:
                // Generic [Fail, Src, Live, Rest..., Dst] is written {test,Op,Fail,Live,[Src|Rest],Dst}.
                OpenTest(ins);
                Operand(ops[0]);
                _sb.Append(',');
                Operand(ops[2]);
                _sb.Append(",["u8);
                Operand(ops[1]);
                for (int i = 3; i < ops.Length - 1; i++)
                {
                    _sb.Append(',');
                    Operand(ops[i]);
                }

                _sb.Append("],"u8);
                Operand(ops[^1]);
                break;
            case var _ when IsPlainTest(op):
                OpenTest(ins);
                Operand(ops[0]);
                _sb.Append(',');
                List(ops, 1, ops.Length - 1);
                break;
            case BsAdd:
                Open("bs_add");
                Operand(ops[0]);
                _sb.Append(',');
                List(ops, 1, 3);
                _sb.Append(',');
                Operand(ops[4]);
                break;
            case MakeFun2 when ops[0] is LambdaOperand fun:
                // beam_ssa_codegen writes the fun index and old uniq as 0; beam_asm recomputes both from the label.
                Open("make_fun2");
                _sb.Append("{f,"u8).Append(fun.Lambda.Label).Append("},0,0,"u8).Append(fun.Lambda.NumFree);
                break;
            case MakeFun3 when ops[0] is LambdaOperand fun:
                Open("make_fun3");
                _sb.Append("{f,"u8).Append(fun.Lambda.Label).Append("},0,0,"u8);
                Operand(ops[1]);
                _sb.Append(',');
                Operand(ops[2]);
                break;
            case CallFun2 when ops[0] is LambdaOperand fun && ops[2] is TypedRegister tr:
                // beam_asm asserts the fun's type names its target: #tr{t=#t_fun{target={Name,TotalArity}}}.
                Open("call_fun2");
                _sb.Append("{f,"u8).Append(fun.Lambda.Label).Append("},"u8);
                Operand(ops[1]);
                _sb.Append(",{tr,"u8);
                Operand(tr.Register);
                _sb.Append(",{t_fun,"u8);
                Operand(ops[1]);
                _sb.Append(",{"u8);
                Atom(fun.Lambda.Function);
                _sb.Append(',').Append(fun.Lambda.Arity).Append("},any}}"u8);
                break;
            case BsMatch when ops[2] is ListOperand commands && TryWriteBsMatch(ops, commands):
                break;
            default:
                WriteGeneric(ins);
                return;
        }

        _sb.Append("}.\n"u8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteGeneric(in InsView ins)
    {
        var ops = ins.Operands;
        if (ops.Length == 0)
        {
            OpcodeName(ins.Opcode);
            _sb.Append(".\n"u8);
            return;
        }

        _sb.Append('{');
        OpcodeName(ins.Opcode);
        foreach (var o in ops)
        {
            _sb.Append(',');
            Operand(o);
        }

        _sb.Append("}."u8);
        if (ins.Opcode.Number is Call or CallOnly or CallLast && ops[1] is LabelOperand target
            && FunctionAt(target.Label) is >= 0 and var callee)
        {
            // beam_listing.erl format_asm_call/4 notes the callee of a local call.
            _sb.Append(" % "u8);
            FunctionName(_code.Function(callee));
            _sb.Append('/').Append(_code.Function(callee).Arity);
        }

        _sb.Append('\n');
    }

    /// <summary>
    /// bs_match (OTP 26+): the list is the flattened commands (beam_asm.erl encode_arg({commands,...})), each an
    /// atom and a fixed number of operands; written back as <c>{commands,[{Cmd,...},...]}</c>. An unknown command
    /// keeps the plain <c>{list,...}</c> form, which encodes the same bytes.
    /// </summary>
    private bool TryWriteBsMatch(ReadOnlySpan<Operand> ops, ListOperand commands)
    {
        var items = commands.Items;
        for (int i = 0; i < items.Length; i += 1 + CommandArity(items[i]))
        {
            if (CommandArity(items[i]) < 0 || i + CommandArity(items[i]) >= items.Length)
            {
                return false;
            }
        }

        Open("bs_match");
        Operand(ops[0]);
        _sb.Append(',');
        Operand(ops[1]);
        _sb.Append(",{commands,["u8);
        for (int i = 0; i < items.Length;)
        {
            int n = CommandArity(items[i]);
            _sb.Append(i == 0 ? "{" : ",{");
            Atom((AtomOperand)items[i]);
            for (int k = 1; k <= n; k++)
            {
                _sb.Append(',');
                Operand(items[i + k]);
            }

            _sb.Append('}');
            i += 1 + n;
        }

        _sb.Append("]}"u8);
        return true;
    }

    /// <summary>Operands after the command atom (OTP 26 genop.tab, bs_match): -1 for an unknown command.</summary>
    private static int CommandArity(Operand op) => op is AtomOperand { Atom.Name: var name }
        ? name switch
        {
            "ensure_at_least" => 2,
            "ensure_exactly" => 1,
            "binary" or "integer" => 5,
            "skip" => 1,
            "get_tail" => 3,
            "=:=" => 3,
            _ => -1,
        }
        : -1;

    /// <summary>Opcodes a case of <see cref="WriteInstruction"/> names; the others (most instructions) go straight to
    /// <see cref="WriteGeneric"/>.</summary>
    private static readonly bool[] HasOwnForm = MakeHasOwnForm();

    private static bool[] MakeHasOwnForm()
    {
        var own = new bool[256];
        foreach (int op in (ReadOnlySpan<int>)[Bif0, Bif1, Bif2, Bif3, GcBif1, GcBif2, GcBif3, FAdd, FSub, FMul, FDiv,
            FNegate, Raise, HasMapFields, BsStartMatch2, BsStartMatch3, BsGetInteger2, BsGetFloat2, BsGetBinary2,
            BsGetUtf8, BsGetUtf16, BsGetUtf32, BsAdd, MakeFun2, MakeFun3, CallFun2, BsMatch])
        {
            own[op] = true;
        }

        for (int op = 0; op < own.Length; op++)
        {
            own[op] |= IsPlainTest(op);
        }

        return own;
    }

    /// <summary>Tests whose generic form is [Fail | Args], written <c>{test,Op,Fail,Args}</c>.</summary>
    private static bool IsPlainTest(int op) => op is (>= IsLt and <= TestArity)
        or IsFunction or (>= BsStartMatch and <= BsTestTail) or IsBoolean or IsFunction2 or BsSkipBits2
        or BsTestTail2 or IsBitstr or BsTestUnit or BsMatchString or BsSkipUtf8 or BsSkipUtf16 or BsSkipUtf32
        or IsMap or IsTaggedTuple or IsAnyNativeRecord or IsNativeRecord or IsRecordAccessible;

    private void Open(string name) => _sb.Append('{').Append(name).Append(',');

    private void OpenTest(in InsView ins)
    {
        _sb.Append("{test,"u8);
        OpcodeName(ins.Opcode);
        _sb.Append(',');
    }

    /// <summary>Writes <c>[ops[start], ..., ops[start+count-1]]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void List(ReadOnlySpan<Operand> ops, int start, int count)
    {
        _sb.Append('[');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _sb.Append(',');
            }

            Operand(ops[start + i]);
        }

        _sb.Append(']');
    }
}
