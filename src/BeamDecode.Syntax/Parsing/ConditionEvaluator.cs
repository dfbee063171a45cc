using System.Numerics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The guard check and evaluation of an -if/-elif condition over the parser's expression nodes (epp.erl eval_if/2:
/// rewrite_expr/2 replaces <c>defined(M)</c> and drops calls that are not BIFs, erl_lint:is_guard_expr/1 must
/// accept the result, and erl_eval evaluates it, any failure counting as false).
/// </summary>
internal sealed class ConditionEvaluator(Func<string, bool> isMacro, int release)
{
    internal sealed record Atom(string Name);

    internal sealed class EvaluationException : Exception;

    /// <summary>A map: its entries sorted by key in term order.</summary>
    internal sealed record MapValue(List<(object Key, object Value)> Entries);

    /// <summary>rewrite_expr/2 with the state, then with <c>none</c>, then erl_lint:is_guard_expr/1.</summary>
    public bool IsGuard(Expr expr)
    {
        switch (expr)
        {
            case AtomExpr or IntegerExpr or FloatExpr or CharExpr or StringExpr or VarExpr or NilExpr:
                return true;
            case ConsExpr cons:
                return IsGuard(cons.Head) && IsGuard(cons.Tail);
            case TupleExpr tuple:
                return All(tuple.Elements);
            case MapExpr map:
                return (map.Source is null || IsGuard(map.Source))
                    && map.Associations.All(a => IsGuard(a.Key) && IsGuard(a.Value));
            case RecordIndexExpr:
                return true;
            case RecordFieldExpr field:
                return IsGuard(field.Record);
            case BinaryExpr binary:
                return binary.Elements.All(e => IsGuard(e.Value) && (e.Size is null || IsGuard(e.Size)));
            case CallExpr { Function: AtomExpr { Value: "defined" } } defined when defined.Arguments.Count == 1:
                // rewrite_expr/2 evaluates defined(M); a non-name argument is a badly formed 'if'.
                return defined.Arguments[0] is VarExpr or AtomExpr;
            case CallExpr { Function: AtomExpr name } call:
                // An auto-imported BIF that is not a guard BIF is not allowed; any other call is dropped for the
                // check (its arguments stay) and fails when evaluated.
                // OTP 27 (evaluate_builtins/2) no longer drops calls: only guard BIFs pass erl_lint's check.
                return (release >= 27
                        ? IsGuardBif(name.Value, call.Arguments.Count)
                        : !(GuardBifs.IsBif(name.Value, call.Arguments.Count) && !IsGuardBif(name.Value, call.Arguments.Count)))
                    && All(call.Arguments);
            case CallExpr { Function: RemoteExpr { Module: AtomExpr { Value: "erlang" }, Function: AtomExpr name } } remote:
                return (IsGuardBif(name.Value, remote.Arguments.Count) || IsGuardOperator(name.Value, remote.Arguments.Count))
                    && All(remote.Arguments);
            case UnaryOpExpr unary:
                return IsGuardOperator(unary.Operator, 1) && IsGuard(unary.Operand);
            case BinaryOpExpr binary:
                return (binary.Operator is "andalso" or "orelse" || IsGuardOperator(binary.Operator, 2))
                    && IsGuard(binary.Left) && IsGuard(binary.Right);
            default:
                return false;
        }
    }

    private bool All(SyntaxList<Expr> exprs)
    {
        foreach (Expr e in exprs)
        {
            if (!IsGuard(e))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>erl_internal:guard_bif/2 (min/max became guard BIFs in OTP 26).</summary>
    private bool IsGuardBif(string name, int arity) =>
        GuardBifs.IsGuardBif(name, arity) || (release >= 26 && arity == 2 && name is "min" or "max");

    /// <summary>erl_lint is_gexpr_op/2: arithmetic, boolean and comparison operators (not ++, --, !).</summary>
    private static bool IsGuardOperator(string op, int arity) => arity switch
    {
        1 => op is "+" or "-" or "bnot" or "not",
        2 => op is "+" or "-" or "*" or "/" or "div" or "rem" or "band" or "bor" or "bxor" or "bsl" or "bsr"
            or "and" or "or" or "xor" or "==" or "/=" or "=<" or "<" or ">=" or ">" or "=:=" or "=/=",
        _ => false,
    };

    /// <summary>erl_eval of the condition; throws <see cref="EvaluationException"/> where erl_eval would fail.</summary>
    public object Eval(Expr expr)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case AtomExpr atom:
                return new Atom(atom.Value);
            case IntegerExpr integer:
                return integer.Value;
            case CharExpr c:
                return new BigInteger(c.Value);
            case FloatExpr f:
                return f.Value;
            case StringExpr s:
                return s.Chars.Select(c => (object)new BigInteger(c)).ToList();
            case NilExpr:
                return new List<object>();
            case ConsExpr cons:
                object head = Eval(cons.Head);
                if (Eval(cons.Tail) is not List<object> tail)
                {
                    throw new EvaluationException();
                }

                var list = new List<object>(tail.Count + 1) { head };
                list.AddRange(tail);
                return list;
            case TupleExpr tuple:
                return tuple.Elements.Select(Eval).ToArray();
            case MapExpr map:
                var entries = map.Source is null ? []
                    : Eval(map.Source) is MapValue source ? new List<(object Key, object Value)>(source.Entries) : throw new EvaluationException();
                foreach (MapAssoc association in map.Associations)
                {
                    object key = Eval(association.Key);
                    object value = Eval(association.Value);
                    int index = entries.FindIndex(e => GuardBifs.Compare(e.Key, key, exact: true) == 0);
                    if (index >= 0)
                    {
                        entries[index] = (entries[index].Key, value);
                    }
                    else if (association.Exact)
                    {
                        throw new EvaluationException();
                    }
                    else
                    {
                        entries.Add((key, value));
                    }
                }

                entries.Sort((a, b) => GuardBifs.Compare(a.Key, b.Key, exact: true));
                return new MapValue(entries);
            case UnaryOpExpr unary:
                return GuardBifs.Unary(unary.Operator, Eval(unary.Operand));
            case BinaryOpExpr { Operator: "andalso" } and:
                return Eval(and.Left) switch
                {
                    Atom { Name: "false" } f => f,
                    Atom { Name: "true" } => Eval(and.Right),
                    _ => throw new EvaluationException(),
                };
            case BinaryOpExpr { Operator: "orelse" } or:
                return Eval(or.Left) switch
                {
                    Atom { Name: "true" } t => t,
                    Atom { Name: "false" } => Eval(or.Right),
                    _ => throw new EvaluationException(),
                };
            case BinaryOpExpr binary:
                return GuardBifs.BinaryOp(binary.Operator, Eval(binary.Left), Eval(binary.Right));
            case CallExpr { Function: AtomExpr { Value: "defined" } } defined when defined.Arguments.Count == 1:
                string name = defined.Arguments[0] switch
                {
                    VarExpr v => v.Name,
                    AtomExpr a => a.Value,
                    _ => throw new EvaluationException(),
                };
                return new Atom(isMacro(name) ? "true" : "false");
            case CallExpr { Function: AtomExpr function } call:
                return GuardBifs.Call(function.Value, [.. call.Arguments.Select(Eval)]);
            case CallExpr { Function: RemoteExpr { Module: AtomExpr { Value: "erlang" }, Function: AtomExpr function } } remote:
                var arguments = remote.Arguments.Select(Eval).ToList();
                if (IsGuardOperator(function.Value, arguments.Count))
                {
                    return arguments.Count == 1
                        ? GuardBifs.Unary(function.Value, arguments[0])
                        : GuardBifs.BinaryOp(function.Value, arguments[0], arguments[1]);
                }

                return GuardBifs.Call(function.Value, arguments);
            default:
                throw new EvaluationException();
        }
    }
}
