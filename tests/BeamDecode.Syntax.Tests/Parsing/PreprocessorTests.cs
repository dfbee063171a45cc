using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Tests.Parsing;

/// <summary>
/// The preprocessor on small sources, one directive or macro feature per test. Every expected output here marked
/// "(epp)" was checked against epp:scan_erl_form/1 of OTP 25 on the same files (same tokens, lines, columns,
/// errors); the conformance test EppScanConformanceTests does so for every OTP source file.
/// </summary>
public sealed class PreprocessorTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), $"pp-{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>Writes the files (m.erl is the main file; includes go in inc/, applications in lib/) and renders.</summary>
    private string Run((string Path, string Text)[] files, string[] macros, int release = 25)
    {
        foreach ((string path, string text) in files)
        {
            string full = Path.Combine(_dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        Directory.CreateDirectory(Path.Combine(_dir, "inc"));
        Directory.CreateDirectory(Path.Combine(_dir, "lib"));
        var options = new PreprocessorOptions
        {
            IncludeDirs = [Path.Combine(_dir, "inc")],
            LibDirs = [Path.Combine(_dir, "lib")],
            OtpRelease = release,
            SearchInstalledOtp = false,
            Macros = [.. macros.Select(m => m.Contains('=')
                ? new KeyValuePair<string, string?>(m[..m.IndexOf('=')], m[(m.IndexOf('=') + 1)..])
                : new KeyValuePair<string, string?>(m, null))],
        };
        return PreprocessorRendering.Render(Preprocessor.PreprocessFile(Path.Combine(_dir, "m.erl"), options), _dir);
    }

    [Fact]
    public void DefineWithoutArguments_ExpandsAtTheCallLocation()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(A, {a, 1}).\nf() ->\n    ?A.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@3:1 (@3:2 )@3:3 ->@3:5 {@4:6 a@4:6 ,@4:6 1@4:6 }@4:6 .@4:7
            eof@5:1

            """,
            actual);
    }

    [Fact]
    public void DefineWithArguments_BodyAfterAnArgumentTakesTheArgumentsLocation()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(P(X, Y), {Y, X, ok}).\nf() -> ?P(1,\n         two).\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@3:1 (@3:2 )@3:3 ->@3:5 {@3:9 two@4:10 ,@4:10 1@3:11 ,@3:11 ok@3:11 }@3:11 .@4:14
            eof@5:1

            """,
            actual);
    }

    [Fact]
    public void MacrosOverloadedByArity_CallPicksTheDefinitionOfItsArity()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(M, none).\n-define(M(), zero).\n-define(M(X), {one, X}).\nf() -> {?M, ?M(), ?M(1)}.\n-define(N, n).\ng() -> ?N(1).\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@5:1 (@5:2 )@5:3 ->@5:5 {@5:8 none@5:10 ,@5:11 zero@5:14 ,@5:17 {@5:20 one@5:20 ,@5:20 1@5:22 }@5:22 }@5:24 .@5:25
            g@7:1 (@7:2 )@7:3 ->@7:5 n@7:9 (@7:10 1@7:11 )@7:12 .@7:13
            eof@8:1

            """,
            actual);
    }

    [Fact]
    public void ArityMismatchAndBadArguments_AreEppErrors()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(M(X), X).\nf() -> ?M.\ng() -> ?M(1, 2).\nh() -> ?M(,).\ni() -> ?M(1,).\nj() -> ?UNDEF.\nk() -> ?UNDEF(1).\nl() -> ? 1.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            E 3:9 epp: argument mismatch for macro 'M'
            E 4:9 epp: argument mismatch for macro 'M'
            E 5:9 epp: badly formed argument for macro 'M'
            E 6:9 epp: badly formed argument for macro 'M'
            E 7:9 epp: undefined macro 'UNDEF'
            E 8:9 epp: undefined macro 'UNDEF/1'
            E 9:10 epp: illegal macro call '?1'
            eof@10:1

            """,
            actual);
    }

    [Fact]
    public void Stringify_GivesTheArgumentsTokensAsEppWritesThem()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(S(X), ??X).\nf() -> ?S({a, \"b\\n\", $c, 'D', 1.5, X + 1, [1|T]}).\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@3:1 (@3:2 )@3:3 ->@3:5 "{ a , \"b\\n\" , $c , 'D' , 1.5 , X + 1 , [ 1 | T ] }"@3:9 .@3:50
            eof@4:1

            """,
            actual);
    }

    [Fact]
    public void PredefinedMacros_LineModuleFileMachineRelease()
    {
        string actual = Run(
            [("m.erl", "-module(m).\nf() -> {?LINE, ?MODULE, ?MODULE_STRING, ?MACHINE, ?OTP_RELEASE, ?FILE}.\n-define(L, ?LINE).\ng() ->\n  ?L.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@2:1 (@2:2 )@2:3 ->@2:5 {@2:8 2@2:10 ,@2:14 m@2:17 ,@2:23 "m"@2:26 ,@2:39 'BEAM'@2:42 ,@2:49 25@2:52 ,@2:63 "m.erl"@2:66 }@2:70 .@2:71
            g@4:1 (@4:2 )@4:3 ->@4:5 5@5:4 .@5:5
            eof@6:1

            """,
            actual);
    }

    [Fact]
    public void FunctionNameAndArity_FromTheClauseHead_ErrorsOutsideAFunction()
    {
        string actual = Run(
            [("m.erl", "-module(m).\nf(A, {B, C}, [D]) -> {?FUNCTION_NAME, ?FUNCTION_ARITY}.\ng() -> ?FUNCTION_ARITY.\n-record(r, {a = ?FUNCTION_NAME}).\n?FUNCTION_NAME() -> ok.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@2:1 (@2:2 A@2:3 ,@2:4 {@2:6 B@2:7 ,@2:8 C@2:10 }@2:11 ,@2:12 [@2:14 D@2:15 ]@2:16 )@2:17 ->@2:19 {@2:22 f@2:24 ,@2:37 3@2:40 }@2:54 .@2:55
            g@3:1 (@3:2 )@3:3 ->@3:5 0@3:9 .@3:23
            E 4:18 epp: ?FUNCTION_NAME can only be used within a function
            E 5:2 epp: ?FUNCTION_NAME must not begin a form
            eof@6:1

            """,
            actual);
    }

    [Fact]
    public void UndefAndIfdef_SelectTheBranches()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(A, 1).\n-ifdef(A).\nyes() -> ?A.\n-else.\nno() -> 1.\n-endif.\n-undef(A).\n-ifndef(A).\nundefined() -> true.\n-endif.\n-ifdef(A).\n-ifdef(B).\n-else.\n-else.\n-endif.\n-else.\nafter_nested() -> ok.\n-endif.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            yes@4:1 (@4:4 )@4:5 ->@4:7 1@4:11 .@4:12
            undefined@10:1 (@10:10 )@10:11 ->@10:13 true@10:16 .@10:20
            after_nested@18:1 (@18:13 )@18:14 ->@18:16 ok@18:19 .@18:21
            eof@20:1

            """,
            actual);
    }

    [Fact]
    public void IfAndElif_EvaluateGuardExpressionsWithDefined()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-if(?OTP_RELEASE >= 25 andalso defined(X)).\na() -> 1.\n-elif(true).\na() -> 2.\n-endif.\n-if(1 + 1 == 3).\nb() -> 1.\n-elif(is_atom(x) and (2 * 3 =:= 6)).\nb() -> 2.\n-else.\nb() -> 3.\n-endif.\n-if(unknown_function(1)).\nc() -> 1.\n-else.\nc() -> 2.\n-endif.\n-if(element(2, {a, b}) == b).\nd() -> ok.\n-endif.\n")],
            ["X"]);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            a@3:1 (@3:2 )@3:3 ->@3:5 1@3:8 .@3:9
            b@10:1 (@10:2 )@10:3 ->@10:5 2@10:8 .@10:9
            c@17:1 (@17:2 )@17:3 ->@17:5 2@17:8 .@17:9
            d@20:1 (@20:2 )@20:3 ->@20:5 ok@20:8 .@20:10
            eof@22:1

            """,
            actual);
    }

    [Fact]
    public void ConditionalErrors_NonGuardSyntaxUnbalancedRepeatedUnterminated()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-if(atom_to_list(a)).\n-endif.\n-if(1 +).\n-endif.\n-else.\n-endif.\n-elif(true).\n-ifdef(A).\n-else.\n-else.\n-endif.\n-if(true).\n-else.\n-elif(true).\n-endif.\n-ifndef(A).\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            E 2:2 epp: badly formed 'if'
            E 4:8 erl_parse: syntax error before: ')'
            E 6:2 epp: unbalanced '-else'
            E 7:2 epp: unbalanced '-endif'
            E 8:2 epp: unbalanced '-elif'
            E 11:2 epp: repeated '-else'
            E 15:2 epp: 'elif' following 'else'
            E 18:1 epp: unterminated '-ifndef'
            eof@18:1

            """,
            actual);
    }

    [Fact]
    public void Include_EmitsFileAttributesAndSetsFileInside()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-include(\"h.hrl\").\nf() -> {?H, ?FILE, ?LINE}.\n"),
            ("inc/h.hrl", "-define(H, h).\nh() -> ?FILE.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            file("inc/h.hrl",1)@1:1
            h@2:1 (@2:2 )@2:3 ->@2:5 "inc/h.hrl"@2:9 .@2:13
            file("m.erl",3)@3:1
            f@3:1 (@3:2 )@3:3 ->@3:5 {@3:8 h@3:10 ,@3:11 "m.erl"@3:14 ,@3:18 3@3:21 }@3:25 .@3:26
            eof@4:1

            """,
            actual);
    }

    [Fact]
    public void IncludeLib_FindsTheHighestVersionOfTheApplication()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-include_lib(\"app/include/x.hrl\").\nf() -> ?X.\n"),
            ("lib/app-1.2/include/x.hrl", "-define(X, old).\n"),
            ("lib/app-1.10/include/x.hrl", "-define(X, new).\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            file("lib/app-1.10/include/x.hrl",1)@1:1
            file("m.erl",3)@3:1
            f@3:1 (@3:2 )@3:3 ->@3:5 new@3:9 .@3:10
            eof@4:1

            """,
            actual);
    }

    [Fact]
    public void IncludeErrors_NotFoundBadlyFormedAndTooDeep()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-include(\"nosuch.hrl\").\n-include_lib(\"nosuchapp/include/x.hrl\").\n-include(bad).\n-include(\"self.hrl\").\n"),
            ("inc/self.hrl", "-include(\"self.hrl\").\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            E 2:10 epp: can't find include file "nosuch.hrl"
            E 3:14 epp: can't find include lib "nosuchapp/include/x.hrl"
            E 4:10 epp: badly formed 'include'
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            file("inc/self.hrl",1)@1:1
            E 1:10 epp: include too deep
            file("inc/self.hrl",2)@2:1
            file("inc/self.hrl",2)@2:1
            file("inc/self.hrl",2)@2:1
            file("inc/self.hrl",2)@2:1
            file("inc/self.hrl",2)@2:1
            file("inc/self.hrl",2)@2:1
            file("inc/self.hrl",2)@2:1
            file("m.erl",6)@6:1
            eof@6:1

            """,
            actual);
    }

    [Fact]
    public void ErrorAndWarningDirectives()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-error(\"an error\").\n-warning({warn, 1, [a, \"s\"]}).\n-error(X).\n-warning.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            E 2:2 epp: -error("an error").
            W 3:2 epp: -warning({warn,1,[a,"s"]}).
            E 4:2 epp: badly formed 'error'
            E 5:9 epp: badly formed 'warning'
            eof@6:1

            """,
            actual);
    }

    [Fact]
    public void FileDirective_ChangesLinesAndFile()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-file(\"gen.yrl\", 10).\nf() -> {?LINE, ?FILE}.\n-include(\"h.hrl\").\ng() -> ?LINE.\n"),
            ("inc/h.hrl", "h() -> ?LINE.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            file("gen.yrl",10)@2:2 generated
            f@11:1 (@11:2 )@11:3 ->@11:5 {@11:8 11@11:10 ,@11:14 "gen.yrl"@11:17 }@11:21 .@11:22
            file("inc/h.hrl",1)@1:1
            h@1:1 (@1:2 )@1:3 ->@1:5 1@1:9 .@1:13
            file("m.erl",5)@5:1
            file("gen.yrl",13)@5:1 generated
            g@13:1 (@13:2 )@13:3 ->@13:5 13@13:9 .@13:13
            eof@14:1

            """,
            actual);
    }

    [Fact]
    public void FeatureMaybeExpr_MakesMaybeAndElseReservedWords()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-feature(maybe_expr, enable).\n-export([f/0]).\nf() -> {?FEATURE_ENABLED(maybe_expr), ?FEATURE_AVAILABLE(maybe_expr)}, maybe ok else _ -> 'maybe' end.\n-feature(maybe_expr, disable).\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            -@3:1 export@3:2 (@3:8 [@3:9 f@3:10 /@3:11 0@3:12 ]@3:13 )@3:14 .@3:15
            f@4:1 (@4:2 )@4:3 ->@4:5 {@4:8 (@4:10 (@4:10 maybe_expr@4:26 )@4:26 ==@4:26 maybe_expr@4:26 )@4:26 ,@4:37 (@4:40 (@4:40 maybe_expr@4:58 )@4:58 ==@4:58 maybe_expr@4:58 )@4:58 }@4:69 ,@4:70 maybe@4:72 ok@4:78 else@4:81 _@4:86 ->@4:88 maybe@4:91 end@4:99 .@4:102
            E 5:2 epp: feature directive not allowed after exports or record definitions
            eof@6:1

            """,
            actual);
    }

    [Fact]
    public void PredefinedFromOptions_NameAndNameEqualsValue()
    {
        string actual = Run(
            [("m.erl", "-module(m).\nf() -> {?DEBUG, ?VSN}.\n-define(DEBUG, again).\n")],
            ["DEBUG", "VSN=\"1.0\""]);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@2:1 (@2:2 )@2:3 ->@2:5 {@2:8 true@2:10 ,@2:15 "1.0"@2:18 }@2:21 .@2:22
            E 3:9 epp: redefining macro 'DEBUG'
            eof@4:1

            """,
            actual);
    }

    [Fact]
    public void BadDefines_AreEppErrors()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-define(A, 1).\n-define(A, 2).\n-define(LINE, 3).\n-define(C(X, X), x).\n-define(E X).\n-define(F(X) X).\n-define(G(1), 1).\n-define(H, 1.\n-define(C, ?C).\nf() -> ?C.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            E 3:9 epp: redefining macro 'A'
            E 4:9 epp: redefining predefined macro 'LINE'
            E 5:14 epp: argument 'X' already used
            E 6:11 epp: badly formed 'define'
            E 7:14 epp: badly formed define: missing comma
            E 8:11 epp: badly formed 'define'
            E 9:13 epp: badly formed define: missing closing right parenthesis
            E 11:9 epp: circular macro 'C'
            eof@12:1

            """,
            actual);
    }

    [Fact]
    public void IfConditions_GuardChecksAndEvaluation()
    {
        string actual = Run(
            [("m.erl", "-module(m).\n-if([1] ++ [2] == [1, 2]).\n-endif.\n-if(case 1 of _ -> true end).\n-endif.\n-if(self() ! x).\n-endif.\n-if(erlang:is_integer(1) andalso erlang:'+'(1, 2) =:= 3).\na() -> ok.\n-endif.\n-if(lists:member(1, [1])).\n-endif.\n-if(X = true).\n-endif.\n-if(1 / 0 == 1).\nb() -> no.\n-else.\nb() -> failed_is_false.\n-endif.\n-if(#{a => 1} == #{a => 1}).\nc() -> map.\n-endif.\n-if({1, [a | \"b\"]} < {1, [a, $c]} andalso 1 == 1.0 andalso not (1 =:= 1.0)).\nd() -> order.\n-endif.\n-if(defined(1)).\n-endif.\n-if(true, false).\n-endif.\n-if(X).\ne() -> var.\n-endif.\n-if(length(\"abc\") + tuple_size({a}) * 2 - abs(-1) == 4 andalso hd([x]) == x andalso element(1, {7}) rem 4 == 3).\nf() -> bifs.\n-endif.\n")],
            []);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            E 2:2 epp: badly formed 'if'
            E 4:2 epp: badly formed 'if'
            E 6:2 epp: badly formed 'if'
            a@9:1 (@9:2 )@9:3 ->@9:5 ok@9:8 .@9:10
            E 11:2 epp: badly formed 'if'
            E 13:2 epp: badly formed 'if'
            b@18:1 (@18:2 )@18:3 ->@18:5 failed_is_false@18:8 .@18:23
            c@21:1 (@21:2 )@21:3 ->@21:5 map@21:8 .@21:11
            d@24:1 (@24:2 )@24:3 ->@24:5 order@24:8 .@24:13
            E 26:2 epp: badly formed 'if'
            E 28:9 erl_parse: syntax error before: ','
            f@34:1 (@34:2 )@34:3 ->@34:5 bifs@34:8 .@34:12
            eof@36:1

            """,
            actual);
    }

    [Fact]
    public void CircularMacroHiddenByAnInclude_IsStoppedByTheExpansionLimit()
    {
        // epp forgets the macro uses of the including file when it enters an include (enter_file2/5 starts a new
        // #epp{} without them), so it no longer sees this circularity and expands forever; we stop at the limit.
        string actual = Run(
            [("m.erl", "-module(m).\n-define(C, ?C).\n-include(\"h.hrl\").\nf() -> ?C.\n"), ("inc/h.hrl", "")],
            []);
        Assert.Contains("E 4:9 epp: macro expansion too deep", actual);
        Assert.EndsWith("eof@5:1\n", actual);
    }

    [Fact]
    public void MacroThatGrowsWithoutCallingItself_IsStoppedByTheExpansionLimit()
    {
        // ?Q gives a bare '?', which with the rest of the body calls ?A again: no use graph sees this loop.
        string actual = Run(
            [("m.erl", "-module(m).\n-define(Q, ?).\n-define(A, ?Q A).\nf() -> ?A.\ng() -> ok.\n")],
            []);
        Assert.Contains("epp: macro expansion too deep", actual);
        Assert.Contains("g@5:1", actual);
    }

    [Fact]
    public void Release27_MaybeIsReservedAndFeatureEnabledByDefault()
    {
        string actual = Run(
            [("m.erl", "-module(m).\nf() -> {?OTP_RELEASE, ?FEATURE_ENABLED(maybe_expr)}.\n-if(?FEATURE_ENABLED(maybe_expr)).\ng() -> yes.\n-endif.\n")],
            [],
            release: 27);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            f@2:1 (@2:2 )@2:3 ->@2:5 {@2:8 27@2:10 ,@2:21 (@2:24 (@2:24 maybe_expr@2:40 )@2:40 ==@2:40 maybe_expr@2:40 )@2:40 }@2:51 .@2:52
            g@4:1 (@4:2 )@4:3 ->@4:5 yes@4:8 .@4:11
            eof@6:1

            """,
            actual);
    }

    [Fact]
    public void Release27_DocFromAFile_IsReadInPlaceBetweenFileAttributes()
    {
        // OTP 27 epp.erl scan_filedoc/4: the text of {file, F} relative to the current file, -moduledoc allowed
        // before -feature, and a missing file is a warning with an empty text.
        string actual = Run(
            [("m.erl", "-module(m).\n-moduledoc({file, \"m.md\"}).\n-feature(maybe_expr, enable).\n-doc {file, \"none.md\"}.\n-doc {text, \"x\"}.\nf() -> ok.\n"),
             ("m.md", "Docs\n")],
            [],
            release: 27);
        Assert.Equal(
            """
            file("m.erl",1)@1:1
            -@1:1 module@1:2 (@1:8 m@1:9 )@1:10 .@1:11
            file("m.md",1)@1:1
            -@1:1 moduledoc@1:1 "Docs\n"@1:1 .@1:1
            file("m.erl",2)@2:27
            W 4:2 epp: can't find doc file "none.md"
            -@4:2 doc@4:2 ""@4:2 .@4:2
            E 5:7 epp: invalid doc tag, only file allowed
            f@6:1 (@6:2 )@6:3 ->@6:5 ok@6:8 .@6:10
            eof@7:1

            """,
            actual);
    }

    [Fact]
    public void Release27_IfCallsOnlyGuardBifs_UnknownFunctionIsBadlyFormed()
    {
        // OTP 25 drops a call to an unknown function from the guard check (it then fails: false); OTP 27 does not.
        var source = new[] { ("m.erl", "-module(m).\n-if(foo(1)).\n-else.\nno() -> ok.\n-endif.\n") };
        Assert.Contains("no@4:1", Run(source, [], release: 25));
        Assert.Contains("E 2:2 epp: badly formed 'if'", Run(source, [], release: 27));
    }

    [Fact]
    public void IncludeLib_FindsASiblingApplicationOfTheRepository()
    {
        // apps/a/src/m.erl: include_lib("b/...") resolves in apps/ (the repository's own applications) with no --lib-dir.
        string main = Path.Combine(_dir, "apps", "a", "src", "m.erl");
        string header = Path.Combine(_dir, "apps", "b", "include", "x.hrl");
        Directory.CreateDirectory(Path.GetDirectoryName(main)!);
        Directory.CreateDirectory(Path.GetDirectoryName(header)!);
        File.WriteAllText(main, "-module(m).\n-include_lib(\"b/include/x.hrl\").\nf() -> ?X.\n");
        File.WriteAllText(header, "-define(X, sibling).\n");
        var result = Preprocessor.PreprocessFile(main, new PreprocessorOptions { OtpRelease = 25, SearchInstalledOtp = false });
        string actual = PreprocessorRendering.Render(result, _dir);
        Assert.Contains("file(\"apps/b/include/x.hrl\",1)@1:1", actual);
        Assert.Contains("sibling@3:9", actual);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void PredefinedValues_AreTermsTurnedBackIntoTokens()
    {
        // (epp) erlc reads -D values as terms and epp writes them back with erl_parse:abstract/1: a list of
        // character codes is a string, -1 one integer, $a the integer 97, "" the empty list.
        string actual = Run(
            [("m.erl", "-module(m).\nf() -> {?L, ?N, ?C, ?E, ?T}.\n")],
            ["L=[1,2]", "N=-1", "C=$a", "E=\"\"", "T={a,[x|y]}"]);
        Assert.Contains("{@2:8 \"\u0001\u0002\"@2:10 ,@2:11 -1@2:14 ,@2:15 97@2:18 ,@2:19 [@2:22 ]@2:22 ,@2:23 {@2:26 a@2:26 ,@2:26 [@2:26 x@2:26 |@2:26 y@2:26 ]@2:26 }@2:26 }@2:27 .@2:28", actual);
        Assert.DoesNotContain("E ", actual);
    }

    [Fact]
    public void OtpReleaseNotGiven_IsInferredFromTheInstallationAboveTheLibDir()
    {
        string lib = Path.Combine(_dir, "otp", "lib");
        Directory.CreateDirectory(lib);
        Directory.CreateDirectory(Path.Combine(_dir, "otp", "releases", "24"));
        File.WriteAllText(Path.Combine(_dir, "otp", "releases", "24", "OTP_VERSION"), "24.3.4\n");
        File.WriteAllText(Path.Combine(_dir, "m.erl"), "-module(m).\nf() -> ?OTP_RELEASE.\n");
        var result = Preprocessor.PreprocessFile(Path.Combine(_dir, "m.erl"),
            new PreprocessorOptions { LibDirs = [lib], SearchInstalledOtp = false });
        Assert.Equal(24, result.OtpRelease);
        Assert.Contains("24@2:9", PreprocessorRendering.Render(result, _dir));

        var newest = Preprocessor.Preprocess(new SourceText("f() -> ?OTP_RELEASE.\n", ""), new PreprocessorOptions { SearchInstalledOtp = false });
        Assert.Equal(LexerOptions.NewestRelease, newest.OtpRelease);
    }

    [Fact]
    public void MissingMainFile_IsADiagnosticNotAnException()
    {
        var result = Preprocessor.PreprocessFile(Path.Combine(_dir, "none.erl"));
        Assert.Empty(result.Items);
        Assert.Equal("BD0545", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Diagnostics_CarryStableIdsFileAndLocation()
    {
        File.WriteAllText(Path.Combine(_dir, "m.erl"), "-module(m).\nf() -> ?UNDEF.\n-include(\"none.hrl\").\n");
        var result = Preprocessor.PreprocessFile(Path.Combine(_dir, "m.erl"), new PreprocessorOptions { OtpRelease = 25 });
        Assert.Collection(result.Diagnostics,
            d => Assert.Equal(("BD0526", 2, 9, Path.Combine(_dir, "m.erl")), (d.Id, d.Line, d.Column, d.File)),
            d => Assert.Equal(("BD0533", 3, 10), (d.Id, d.Line, d.Column)));
    }
}
