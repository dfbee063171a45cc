using BeamDecode.Syntax.Diagnostics;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// -if/-elif conditions: epp.erl eval_if/2. The condition (macros expanded) must parse as one expression and be a
/// guard expression once <c>defined(M)</c> is replaced by true/false and calls to unknown functions are dropped
/// (rewrite_expr/2, erl_lint:is_guard_expr/1); it is then evaluated, any failure counting as false.
/// </summary>
public sealed partial class Preprocessor
{
    /// <summary>True: take the branch; false: skip it; null: an error was reported (the branch is skipped).</summary>
    private bool? EvaluateIf(List<Token> toks, Token directive)
    {
        List<Token> expanded;
        try
        {
            expanded = Expand(toks, 2, new ExpandContext([], false), 0);
        }
        catch (MacroException e)
        {
            Error(e.Location, e.Id, "epp", e.Message);
            return null;
        }

        // erl_parse:parse_exprs/1 of "( Condition ) ." with the parser; a syntax error is erl_parse's.
        var diagnostics = new List<Diagnostic>();
        SyntaxList<Expr>? exprs = Parser.ParseExpressions(expanded, diagnostics, new ParserOptions { OtpRelease = Math.Min(_release, ParserOptions.NewestRelease) });
        if (exprs is null)
        {
            Diagnostic syntax = diagnostics.Count > 0 ? diagnostics[0] : new Diagnostic(DiagnosticId.BadIfCondition, "syntax error", directive.Line, directive.Column);
            Error((syntax.Line, syntax.Column), DiagnosticId.BadIfCondition, "erl_parse", syntax.Message);
            return null;
        }

        var evaluator = new ConditionEvaluator(IsMacroKey, _release);
        if (exprs.Value.Count != 1 || !evaluator.IsGuard(exprs.Value[0]))
        {
            Error(directive, DiagnosticId.BadDirective, "badly formed 'if'");
            return null;
        }

        try
        {
            return evaluator.Eval(exprs.Value[0]) is ConditionEvaluator.Atom { Name: "true" };
        }
        catch (ConditionEvaluator.EvaluationException)
        {
            return false;
        }
        catch (Exception e) when (e is ArithmeticException or InsufficientExecutionStackException)
        {
            return false;
        }
    }

    internal bool IsMacroKey(string name) => _macros.ContainsKey(name);
}
