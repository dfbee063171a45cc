using System.Collections.Immutable;
using System.Text;
using static BeamDecode.Metadata.Code.OpcodeNumbers;

namespace BeamDecode.Metadata.Code;

internal static partial class ValidatorHints
{
    private static bool IsSetelementCall(in InsView ins) =>
        ins.Opcode.Number == CallExt && ins.Operands[1] is ImportOperand
        {
            Import: { Arity: 3, Module.Name: "erlang", Function.Name: "setelement" },
        };

    /// <summary>
    /// beam_validator.erl validate_mutation/2 accepts set_tuple_element only in a run that starts with a call to
    /// erlang:setelement/3 and goes on with move, swap, get_tuple_element, line and set_tuple_element; anything
    /// else, an annotation included, ends it. The types the run's get_tuple_element instructions need are stated
    /// before the call instead, as one nested tuple type per y register they read (directly, through moves, or
    /// through elements of elements), whose values the call leaves alone, and for the tuple passed in x1, whose
    /// type the call's result inherits. Returns the run's last index.
    /// </summary>
    private static int SetelementRun(FunctionCode code, int call, HintSet hints)
    {
        // x register -> (root, element path) for values reachable from a y register (root = its number) or from
        // the call's result (root = CallInput: its type is that of the tuple passed in x1, element replaced).
        var paths = new Dictionary<int, (int Root, ImmutableArray<int> Path)> { [0] = (CallInput, []) };
        var trees = new SortedDictionary<int, TupleNode>();
        int end = call;
        for (int i = call + 1; i < code.Length; i++)
        {
            var ins = code[i];
            var ops = ins.Operands;
            bool inRun = true;
            switch (ins.Opcode.Number)
            {
                case Move when ops[1] is XRegister dst:
                    if (Resolve(ops[0], paths) is { } moved)
                    {
                        paths[dst.Index] = moved;
                    }
                    else
                    {
                        paths.Remove(dst.Index);
                    }

                    break;
                case GetTupleElement when ops[1] is UnsignedOperand { Value: var n and < 1 << 24 }:
                    var source = Resolve(ops[0], paths);
                    if (source is { } s)
                    {
                        if (!trees.TryGetValue(s.Root, out var node))
                        {
                            trees[s.Root] = node = new TupleNode();
                        }

                        foreach (int step in s.Path)
                        {
                            node = node.Child(step);
                        }

                        node.Need((int)n + 1);
                    }

                    if (ops[2] is XRegister d)
                    {
                        if (source is { } src)
                        {
                            paths[d.Index] = (src.Root, src.Path.Add((int)n + 1));
                        }
                        else
                        {
                            paths.Remove(d.Index);
                        }
                    }

                    break;
                case Swap when ops[0] is XRegister a && ops[1] is XRegister b:
                    bool hasA = paths.Remove(a.Index, out var pa), hasB = paths.Remove(b.Index, out var pb);
                    if (hasA)
                    {
                        paths[b.Index] = pa;
                    }

                    if (hasB)
                    {
                        paths[a.Index] = pb;
                    }

                    break;
                case Swap:
                    foreach (var reg in ops)
                    {
                        if (reg is XRegister x)
                        {
                            paths.Remove(x.Index);
                        }
                    }

                    break;
                case Move:
                    // Into a y register: the x registers keep what they hold.
                    break;
                case Line or SetTupleElement:
                    break;
                default:
                    inRun = false;
                    break;
            }

            if (!inRun)
            {
                break;
            }

            end = i;
        }

        foreach (var (root, node) in trees)
        {
            hints.Type(call, root == CallInput ? CodeContext.X(1) : CodeContext.Y(root), node.ToString());
        }

        return end;
    }

    private const int CallInput = -1;

    private static (int Root, ImmutableArray<int> Path)? Resolve(Operand op, Dictionary<int, (int, ImmutableArray<int>)> paths) => op switch
    {
        YRegister y => (y.Index, ImmutableArray<int>.Empty),
        XRegister x when paths.TryGetValue(x.Index, out var p) => p,
        TypedRegister tr => Resolve(tr.Register, paths),
        _ => null,
    };

    /// <summary>A tuple type with a minimum size and the element types (1-based) the run reads further.</summary>
    private sealed class TupleNode
    {
        private readonly SortedDictionary<int, TupleNode> _children = [];
        private int _size;

        public void Need(int size) => _size = Math.Max(_size, size);

        public TupleNode Child(int element)
        {
            Need(element);
            if (!_children.TryGetValue(element, out var child))
            {
                _children[element] = child = new TupleNode();
            }

            return child;
        }

        public override string ToString()
        {
            var sb = new StringBuilder("{t_tuple,").Append(_size).Append(",false,#{");
            bool first = true;
            foreach (var (key, child) in _children)
            {
                sb.Append(first ? "" : ",").Append(key).Append(" => ").Append(child);
                first = false;
            }

            return sb.Append("}}").ToString();
        }
    }
}
