using System.Numerics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The BIFs and operators an -if condition may use on constants, evaluated as erl_eval does (stdlib erl_internal.erl
/// guard_bif/2 and bif/2 for which are allowed). Values: BigInteger, double, <see cref="ConditionEvaluator.Atom"/>,
/// object[] (tuple) and List&lt;object&gt; (list). Failures throw <see cref="ConditionEvaluator.EvaluationException"/>.
/// </summary>
internal static class GuardBifs
{
    public static bool IsGuardBif(string name, int arity) => (name, arity) switch
    {
        ("abs" or "bit_size" or "byte_size" or "ceil" or "float" or "floor" or "hd" or "length" or "map_size" or "node"
            or "round" or "size" or "tl" or "trunc" or "tuple_size" or "is_atom" or "is_binary" or "is_bitstring"
            or "is_boolean" or "is_float" or "is_function" or "is_integer" or "is_list" or "is_map" or "is_number"
            or "is_pid" or "is_port" or "is_reference" or "is_tuple", 1) => true,
        ("binary_part" or "element" or "is_function" or "is_map_key" or "map_get" or "is_record", 2) => true,
        ("binary_part" or "is_record", 3) => true,
        ("node" or "self", 0) => true,
        _ => false,
    };

    /// <summary>erl_internal:bif/2 for the auto-imported BIFs that are not guard BIFs (a call to one is not a guard).</summary>
    public static bool IsBif(string name, int arity) => IsGuardBif(name, arity) || (name switch
    {
        "apply" or "atom_to_binary" or "atom_to_list" or "binary_to_atom" or "binary_to_existing_atom"
            or "binary_to_float" or "binary_to_integer" or "binary_to_list" or "binary_to_term" or "bitstring_to_list"
            or "check_process_code" or "date" or "delete_module" or "demonitor" or "disconnect_node" or "erase"
            or "error" or "exit" or "float_to_binary" or "float_to_list" or "garbage_collect" or "get" or "get_keys"
            or "group_leader" or "halt" or "integer_to_binary" or "integer_to_list" or "iolist_size"
            or "iolist_to_binary" or "is_alive" or "is_process_alive" or "link" or "list_to_atom"
            or "list_to_binary" or "list_to_bitstring" or "list_to_existing_atom" or "list_to_float"
            or "list_to_integer" or "list_to_pid" or "list_to_port" or "list_to_ref" or "list_to_tuple" or "load_module"
            or "make_ref" or "max" or "min" or "monitor" or "monitor_node" or "nodes" or "now" or "open_port"
            or "pid_to_list" or "port_close" or "port_command" or "port_connect" or "port_control"
            or "pre_loaded" or "process_flag" or "process_info" or "processes" or "purge_module" or "put"
            or "register" or "registered" or "setelement" or "spawn" or "spawn_link" or "spawn_monitor"
            or "spawn_opt" or "split_binary" or "statistics" or "term_to_binary" or "throw" or "time"
            or "tuple_to_list" or "unlink" or "unregister" or "whereis" or "atom_to_binary" => true,
        _ => false,
    });

    private static ConditionEvaluator.EvaluationException Fail() => new();

    private static ConditionEvaluator.Atom Bool(bool value) => new(value ? "true" : "false");

    private static bool IsBool(object value, out bool b)
    {
        b = value is ConditionEvaluator.Atom { Name: "true" };
        return value is ConditionEvaluator.Atom { Name: "true" or "false" };
    }

    public static object Unary(string op, object value)
    {
        switch (op)
        {
            case "-":
                return value switch { BigInteger i => -i, double d => -d, _ => throw Fail() };
            case "+":
                return value is BigInteger or double ? value : throw Fail();
            case "bnot":
                return value is BigInteger n ? -n - 1 : throw Fail();
            default:
                return IsBool(value, out bool b) ? Bool(!b) : throw Fail();
        }
    }

    public static object BinaryOp(string op, object left, object right)
    {
        switch (op)
        {
            case "==": return Bool(Compare(left, right, exact: false) == 0);
            case "/=": return Bool(Compare(left, right, exact: false) != 0);
            case "=:=": return Bool(Compare(left, right, exact: true) == 0);
            case "=/=": return Bool(Compare(left, right, exact: true) != 0);
            case "<": return Bool(Compare(left, right, exact: false) < 0);
            case ">": return Bool(Compare(left, right, exact: false) > 0);
            case "=<": return Bool(Compare(left, right, exact: false) <= 0);
            case ">=": return Bool(Compare(left, right, exact: false) >= 0);
            case "and" or "or" or "xor":
                if (!IsBool(left, out bool l) || !IsBool(right, out bool r))
                {
                    throw Fail();
                }

                return Bool(op == "and" ? l && r : op == "or" ? l || r : l ^ r);
        }

        if (left is BigInteger a && right is BigInteger b)
        {
            return op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => b.IsZero ? throw Fail() : (double)a / (double)b,
                "div" => b.IsZero ? throw Fail() : BigInteger.Divide(a, b),
                "rem" => b.IsZero ? throw Fail() : BigInteger.Remainder(a, b),
                "band" => a & b,
                "bor" => a | b,
                "bxor" => a ^ b,
                "bsl" => b > 100_000 ? throw Fail() : b >= 0 ? a << (int)b : a >> (int)BigInteger.Min(-b, 100_000),
                "bsr" => b < -100_000 ? throw Fail() : b >= 0 ? a >> (int)BigInteger.Min(b, 100_000) : a << (int)(-b),
                _ => throw Fail(),
            };
        }

        if (left is BigInteger or double && right is BigInteger or double)
        {
            double x = ToDouble(left);
            double y = ToDouble(right);
            double result = op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => y == 0 ? throw Fail() : x / y,
                _ => throw Fail(),
            };
            return double.IsFinite(result) ? result : throw Fail();
        }

        throw Fail();
    }

    private static double ToDouble(object value) => value is BigInteger i ? (double)i : (double)value;

    public static object Call(string name, List<object> args)
    {
        object Arg(int i) => args[i];
        switch (name, args.Count)
        {
            case ("is_atom", 1): return Bool(Arg(0) is ConditionEvaluator.Atom);
            case ("is_integer", 1): return Bool(Arg(0) is BigInteger);
            case ("is_float", 1): return Bool(Arg(0) is double);
            case ("is_number", 1): return Bool(Arg(0) is BigInteger or double);
            case ("is_list", 1): return Bool(Arg(0) is List<object>);
            case ("is_tuple", 1): return Bool(Arg(0) is object[]);
            case ("is_boolean", 1): return Bool(IsBool(Arg(0), out _));
            case ("is_map", 1): return Bool(Arg(0) is ConditionEvaluator.MapValue);
            case ("map_size", 1): return Arg(0) is ConditionEvaluator.MapValue ms ? new BigInteger(ms.Entries.Count) : throw Fail();
            case ("is_map_key" or "map_get", 2):
                if (Arg(1) is not ConditionEvaluator.MapValue mm)
                {
                    throw Fail();
                }

                int found = mm.Entries.FindIndex(e => Compare(e.Key, Arg(0), exact: true) == 0);
                return name == "is_map_key" ? Bool(found >= 0) : found >= 0 ? mm.Entries[found].Value : throw Fail();
            case ("is_binary" or "is_bitstring" or "is_pid" or "is_port" or "is_reference" or "is_function", 1):
                return Bool(false);
            case ("is_function", 2): return Bool(false);
            case ("is_record", 2 or 3):
                return Bool(Arg(0) is object[] { Length: > 0 } t && Compare(t[0], Arg(1), exact: true) == 0
                    && (args.Count == 2 || (Arg(2) is BigInteger n && n == t.Length)));
            case ("abs", 1): return Arg(0) switch { BigInteger i => BigInteger.Abs(i), double d => Math.Abs(d), _ => throw Fail() };
            case ("float", 1): return Arg(0) switch { BigInteger i => (double)i, double d => d, _ => throw Fail() };
            case ("round", 1): return Arg(0) switch { BigInteger i => i, double d => new BigInteger(Math.Round(d, MidpointRounding.AwayFromZero)), _ => throw Fail() };
            case ("trunc", 1): return Arg(0) switch { BigInteger i => i, double d => new BigInteger(Math.Truncate(d)), _ => throw Fail() };
            case ("ceil", 1): return Arg(0) switch { BigInteger i => i, double d => new BigInteger(Math.Ceiling(d)), _ => throw Fail() };
            case ("floor", 1): return Arg(0) switch { BigInteger i => i, double d => new BigInteger(Math.Floor(d)), _ => throw Fail() };
            case ("hd", 1): return Arg(0) is List<object> { Count: > 0 } h ? h[0] : throw Fail();
            case ("tl", 1): return Arg(0) is List<object> { Count: > 0 } t1 ? t1.GetRange(1, t1.Count - 1) : throw Fail();
            case ("length", 1): return Arg(0) is List<object> l ? new BigInteger(l.Count) : throw Fail();
            case ("tuple_size" or "size", 1): return Arg(0) is object[] tu ? new BigInteger(tu.Length) : throw Fail();
            case ("element", 2):
                return Arg(0) is BigInteger index && Arg(1) is object[] tuple && index >= 1 && index <= tuple.Length
                    ? tuple[(int)index - 1] : throw Fail();
            case ("min" or "max", 2):
                int c = Compare(Arg(0), Arg(1), exact: false);
                return name == "min" ? (c <= 0 ? Arg(0) : Arg(1)) : (c >= 0 ? Arg(0) : Arg(1));
            default:
                throw Fail();
        }
    }

    /// <summary>Erlang's term order (number &lt; atom &lt; tuple &lt; list); == compares 1 and 1.0 equal, =:= does not.</summary>
    public static int Compare(object a, object b, bool exact)
    {
        int ra = Rank(a);
        int rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        switch (a)
        {
            case BigInteger x when b is BigInteger y:
                return x.CompareTo(y);
            case BigInteger or double:
                int c = ToDouble(a).CompareTo(ToDouble(b));
                if (c == 0 && exact && a.GetType() != b.GetType())
                {
                    return a is BigInteger ? -1 : 1;
                }

                return c;
            case ConditionEvaluator.Atom x:
                return string.CompareOrdinal(x.Name, ((ConditionEvaluator.Atom)b).Name);
            case object[] x:
                var y2 = (object[])b;
                if (x.Length != y2.Length)
                {
                    return x.Length.CompareTo(y2.Length);
                }

                for (int i = 0; i < x.Length; i++)
                {
                    int e = Compare(x[i], y2[i], exact);
                    if (e != 0)
                    {
                        return e;
                    }
                }

                return 0;
            case ConditionEvaluator.MapValue x:
                var ym = (ConditionEvaluator.MapValue)b;
                if (x.Entries.Count != ym.Entries.Count)
                {
                    return x.Entries.Count.CompareTo(ym.Entries.Count);
                }

                for (int i = 0; i < x.Entries.Count; i++)
                {
                    int e = Compare(x.Entries[i].Key, ym.Entries[i].Key, exact: true);
                    if (e != 0)
                    {
                        return e;
                    }
                }

                for (int i = 0; i < x.Entries.Count; i++)
                {
                    int e = Compare(x.Entries[i].Value, ym.Entries[i].Value, exact);
                    if (e != 0)
                    {
                        return e;
                    }
                }

                return 0;
            case List<object> x:
                var y3 = (List<object>)b;
                for (int i = 0; i < Math.Min(x.Count, y3.Count); i++)
                {
                    int e = Compare(x[i], y3[i], exact);
                    if (e != 0)
                    {
                        return e;
                    }
                }

                return x.Count.CompareTo(y3.Count);
            default:
                return 0;
        }
    }

    private static int Rank(object value) => value switch
    {
        BigInteger or double => 0,
        ConditionEvaluator.Atom => 1,
        object[] => 2,
        ConditionEvaluator.MapValue => 3,
        List<object> => 4,
        _ => 5,
    };
}
