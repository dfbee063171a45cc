using System.Buffers;
using System.Globalization;
using System.Text;

namespace BeamDecode.Metadata.Terms;

public static partial class TermWriter
{
    /// <summary>The node name of an Erlang runtime started without distribution: its own pids print as &lt;0.N.S&gt;.</summary>
    private const string LocalNode = "nonode@nohost";

    /// <summary>
    /// Appends <paramref name="term"/> as <c>io_lib:format("~w", [Term])</c> writes it in OTP 25
    /// (io_lib:write1/3 with depth -1 and encoding latin1).
    /// </summary>
    /// <remarks>
    /// Nesting is walked with an explicit stack rather than recursion, so any depth prints; the output
    /// itself is what bounds the work.
    /// </remarks>
    public static void Write(StringBuilder sb, Term term)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(term);

        var stack = new FrameStack();
        Term? next = term;
        while (true)
        {
            if (next is not null)
            {
                Open(sb, next, ref stack);
            }

            if (stack.Count == 0)
            {
                return;
            }

            next = Advance(sb, ref stack.Top, ref stack);
        }
    }

    /// <summary>Writes a scalar whole, or the opening of a compound and pushes a frame for its parts.</summary>
    private static void Open(StringBuilder sb, Term term, ref FrameStack stack)
    {
        switch (term)
        {
            case IntegerTerm i:
                WriteInteger(sb, i);
                break;
            case FloatTerm f:
                WriteFloat(sb, f.Value);
                break;
            case AtomTerm a:
                WriteAtom(sb, a.Name);
                break;
            case NilTerm:
                sb.Append("[]");
                break;
            case TupleTerm t when t.Arity == 0:
                sb.Append("{}");
                break;
            case TupleTerm t:
                sb.Append('{');
                stack.Push(t);
                break;
            case ListTerm l:
                sb.Append('[');
                stack.Push(l);
                break;
            case MapTerm m when m.Count == 0:
                sb.Append("#{}");
                break;
            case MapTerm m:
                // io_lib:write_map/3 walks maps:iterator/1, which for a map of up to 32 keys (a flatmap) is
                // key order, the order MapTerm keeps. A larger map iterates in its internal hash order instead.
                sb.Append("#{");
                stack.Push(m);
                break;
            case BitStringTerm b:
                WriteBitString(sb, b);
                break;
            case PidTerm p:
                // pid_to_list/1 (erl_printf_term.c, PID_DEF): <Channel.Number.Serial>.
                sb.Append('<');
                AppendChannel(sb, p.Node);
                sb.Append('.').Append(p.Id).Append('.').Append(p.Serial).Append('>');
                break;
            case PortTerm p:
                // port_to_list/1: #Port<Channel.Number>, the number 64 bits wide since OTP 24.
                sb.Append("#Port<");
                AppendChannel(sb, p.Node);
                sb.Append('.').Append(p.Id).Append('>');
                break;
            case ReferenceTerm r:
                WriteReference(sb, r);
                break;
            case FunTerm f:
                // fun_to_list/1 of a local fun (erl_printf_term.c, FUN_DEF): #Fun<Module.OldIndex.OldUniq>, the
                // module name as raw bytes. The two numbers are the encoded OldIndex and OldUniq.
                sb.Append("#Fun<");
                AppendUtf8BytesAsChars(sb, f.Module.Name);
                sb.Append('.');
                stack.Push(f);
                break;
            case ExportTerm { Module: AtomTerm m, Function: AtomTerm fn, Arity: IntegerTerm arity }:
                // fun_to_list/1 of an external fun: "fun M:F/A", atoms quoted by the runtime's rules.
                sb.Append("fun ");
                WriteErtsAtom(sb, m.Name);
                sb.Append(':');
                WriteErtsAtom(sb, fn.Name);
                sb.Append('/');
                Open(sb, arity, ref stack);
                break;
            case ExportTerm e:
                // Not something erl can hold (binary_to_term wants two atoms), but a hand-built term can:
                // print its parts with ~w so nothing is hidden.
                sb.Append("fun ");
                stack.Push(e);
                break;
            default:
                throw new ArgumentException($"Unknown term type {term.GetType()}.", nameof(term));
        }
    }

    /// <summary>Writes the separator before the next part of the compound on top and returns that part, or closes the
    /// compound, pops it and returns null.</summary>
    private static Term? Advance(StringBuilder sb, ref Frame frame, ref FrameStack stack)
    {
        int index = frame.Index++;
        switch (frame.Term)
        {
            case TupleTerm t:
                // io_lib:write1/3 and write_tuple/4: elements separated by ',' without spaces.
                if (index < t.Arity)
                {
                    if (index > 0)
                    {
                        sb.Append(',');
                    }

                    return t.Elements[index];
                }

                sb.Append('}');
                break;
            case ListTerm l:
                // io_lib:write_tail/3: ',' between elements, '|' before an improper tail.
                if (index < l.Elements.Length)
                {
                    if (index > 0)
                    {
                        sb.Append(',');
                    }

                    return l.Elements[index];
                }

                if (index == l.Elements.Length)
                {
                    switch (l.Tail)
                    {
                        case NilTerm:
                            break;
                        case ListTerm more:
                            // A hand-built [a | [b]] is the list [a, b]: continue with the tail's elements.
                            sb.Append(',');
                            frame.Term = more;
                            frame.Index = 1;
                            return more.Elements[0];
                        default:
                            sb.Append('|');
                            return l.Tail;
                    }
                }

                sb.Append(']');
                break;
            case MapTerm m:
                // io_lib:write_map_assoc/4: "K => V", pairs separated by ','.
                if (index < 2 * m.Count)
                {
                    var pair = m.Pairs[index >> 1];
                    if ((index & 1) == 0)
                    {
                        if (index > 0)
                        {
                            sb.Append(',');
                        }

                        return pair.Key;
                    }

                    sb.Append(" => ");
                    return pair.Value;
                }

                sb.Append('}');
                break;
            case FunTerm f:
                if (index == 0)
                {
                    return f.OldIndex;
                }

                if (index == 1)
                {
                    sb.Append('.');
                    return f.OldUniq;
                }

                sb.Append('>');
                break;
            case ExportTerm e:
                if (index == 0)
                {
                    return e.Module;
                }

                if (index == 1)
                {
                    sb.Append(':');
                    return e.Function;
                }

                if (index == 2)
                {
                    sb.Append('/');
                    return e.Arity;
                }

                break;
        }

        stack.Pop();
        return null;
    }

    /// <summary>The decimal text of 0..255.</summary>
    private static readonly string[] SmallIntegers =
        [.. Enumerable.Range(0, 256).Select(static n => n.ToString(CultureInfo.InvariantCulture))];

    /// <summary>io_lib:write1/3: integer_to_list/1, plain decimal of any size.</summary>
    private static void WriteInteger(StringBuilder sb, IntegerTerm i)
    {
        if (i.TryGetInt64(out long small))
        {
            if ((ulong)small < (ulong)SmallIntegers.Length)
            {
                // Strings are lists of these: one table lookup instead of formatting each character's code.
                sb.Append(SmallIntegers[small]);
            }
            else
            {
                sb.Append(small);
            }

            return;
        }

        // A bignum literal can run to 150 000 digits: format into a pooled buffer rather than a fresh string.
        // Decimal digits: bits * log10(2), plus sign and slack.
        int size = (int)(i.Value.GetBitLength() * 0.30103) + 3;
        char[] buffer = ArrayPool<char>.Shared.Rent(size);
        if (i.Value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture))
        {
            sb.Append(buffer, 0, written);
        }
        else
        {
            sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
        }

        ArrayPool<char>.Shared.Return(buffer);
    }

    /// <summary>io_lib:write_binary/2: every byte in decimal, then a trailing partial byte as Value:Bits. Never a
    /// string: that is ~p's business.</summary>
    private static void WriteBitString(StringBuilder sb, BitStringTerm b)
    {
        sb.Append("<<");
        var bytes = b.Bytes.AsSpan();
        int full = b.IsBinary ? bytes.Length : bytes.Length - 1;
        for (int i = 0; i < full; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(bytes[i]);
        }

        if (!b.IsBinary)
        {
            // <<X:L>> = B for the last L bits: the high bits of the last byte, shifted down.
            if (full > 0)
            {
                sb.Append(',');
            }

            int bits = b.BitsInLastByte;
            sb.Append(bytes[full] >> (8 - bits)).Append(':').Append(bits);
        }

        sb.Append(">>");
    }

    /// <summary>
    /// ref_to_list/1 (erl_printf_term.c, REF_DEF/EXTERNAL_REF_DEF): #Ref&lt;Channel.W(n-1)...W0&gt;, id words from
    /// the last encoded. A local ordinary reference always holds three words (ERTS_REF_NUMBERS), so binary_to_term
    /// pads a shorter local one with zeros and it prints with three; a remote one prints the words it has.
    /// </summary>
    private static void WriteReference(StringBuilder sb, ReferenceTerm r)
    {
        sb.Append("#Ref<");
        AppendChannel(sb, r.Node);
        var ids = r.Ids.AsSpan();
        if (IsLocal(r.Node))
        {
            for (int pad = ids.Length; pad < 3; pad++)
            {
                sb.Append(".0");
            }
        }

        for (int i = ids.Length - 1; i >= 0; i--)
        {
            sb.Append('.').Append(ids[i]);
        }

        sb.Append('>');
    }

    private static bool IsLocal(AtomTerm node) => string.Equals(node.Name, LocalNode, StringComparison.Ordinal);

    /// <summary>
    /// The first field of a pid, port or reference. erts prints the node's channel number: 0 for the local node,
    /// otherwise the index of the node name in that runtime's atom table (dist_entry_channel_no in erl_node_tables.h),
    /// which differs from run to run and cannot be derived from the term. The local node is taken to be nonode@nohost
    /// (what an undistributed erl is); for any other node the node name is written instead of a meaningless number.
    /// </summary>
    private static void AppendChannel(StringBuilder sb, AtomTerm node)
    {
        if (IsLocal(node))
        {
            sb.Append('0');
        }
        else
        {
            WriteAtom(sb, node.Name);
        }
    }

    private struct Frame
    {
        public Term Term;
        public int Index;
    }

    /// <summary>A growable stack of frames; nothing is allocated for a term without compounds.</summary>
    private struct FrameStack
    {
        private Frame[]? _items;

        public int Count { get; private set; }

        public readonly ref Frame Top => ref _items![Count - 1];

        public void Push(Term term)
        {
            _items ??= new Frame[8];
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count++] = new Frame { Term = term, Index = 0 };
        }

        public void Pop() => _items![--Count] = default;
    }
}
