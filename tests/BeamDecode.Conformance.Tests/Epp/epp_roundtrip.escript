#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput +A 0
%%
%% Checks the Erlang text `beamdecode source` printed from each module's debug info against OTP itself.
%%   usage: epp_roundtrip.escript LIST REPORT
%% LIST has one line per module: Beam<TAB>Printed.erl<TAB>Mode, Mode being "plain" or "keep_lines". For each:
%%  proof 1 (forms): epp:parse_file(Printed, []) gives the same forms as the Dbgi forms
%%    (beam_lib:chunks(Beam, [abstract_code])), after these normalizations, each one something the printed text
%%    legitimately cannot or need not preserve:
%%      - annotations erased on both sides (erl_parse:map_anno/2 to 0): the printer does not keep columns, and
%%        lines only with --keep-lines;
%%      - -file attributes dropped on both sides: the printer writes them as comments (epp would renumber lines);
%%      - eof dropped on both sides: its position is the end of the file, which is layout.
%%  proof 2 (code): compile:file(Printed, Opts ++ [binary, return_errors | Extra]) and
%%    compile:forms(DbgiForms, same) give the same Code chunk. Opts are the module's own compile options from CInf
%%    (beam_lib:chunks(Beam, [compile_info])) without the reporting options (report*, verbose), which only print.
%%    Extra is [no_line_info] in plain mode; in keep_lines mode it is [] and the Line chunk is compared as well.
%% One line per module in REPORT:
%%   Outcome<TAB>Beam<TAB>Detail
%% with Outcome one of: same (both proofs hold), forms (proof 1 fails: Detail names the first differing form),
%% code (proof 1 holds, proof 2 fails), code_lines (proof 2 fails only because of annotations: the forms are equal
%% modulo annotations (proof 1) and compile:forms of the forms epp read from the printed text gives the same Code
%% as compile:file of that text, so the difference comes from line numbers alone; the Code of such modules depends
%% on lines even under no_line_info, because the compiler shares identical code blocks (beam_ssa_share,
%% beam_jump) only when their line annotations agree, and drops the line instructions later), parse (epp could
%% not read the text), error (anything else; Detail says).

-mode(compile).

main([List, Report]) ->
    {ok, Bin} = file:read_file(List),
    Items = [list_to_tuple(string:split(L, "\t", all))
             || L <- string:split(unicode:characters_to_list(Bin), "\n", all), L =/= ""],
    Results = pmap(fun check/1, Items),
    ok = file:write_file(Report, unicode:characters_to_binary([[R, $\n] || R <- Results])),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: epp_roundtrip.escript LIST REPORT~n", []),
    halt(2).

check({Beam, Erl, Mode}) ->
    try check(Beam, Erl, Mode)
    catch Class:Reason:Stack ->
        line(["error", Beam, io_lib:format("~p:~0P ~0P", [Class, Reason, 20, lists:sublist(Stack, 3), 20])])
    end.

check(Beam, Erl, Mode) ->
    {ok, {_, [{abstract_code, {raw_abstract_v1, Dbgi}}]}} = beam_lib:chunks(Beam, [abstract_code]),
    case epp:parse_file(Erl, []) of
        {ok, Printed} ->
            case first_difference(normal(Dbgi), normal(Printed)) of
                none -> check_code(Beam, Erl, Mode, Dbgi, Printed);
                {A, B} -> line(["forms", Beam, io_lib:format("dbgi ~0P~n printed ~0P", [A, 40, B, 40])])
            end;
        {error, E} ->
            line(["parse", Beam, io_lib:format("~0P", [E, 20])])
    end.

normal(Forms) ->
    [erl_parse:map_anno(fun(_) -> 0 end, F)
     || F <- Forms, not is_file_attribute(F), element(1, F) =/= eof].

is_file_attribute({attribute, _, file, _}) -> true;
is_file_attribute(_) -> false.

first_difference([F | As], [F | Bs]) -> first_difference(As, Bs);
first_difference([], []) -> none;
first_difference([A | _], [B | _]) -> {A, B};
first_difference([], [B | _]) -> {missing, B};
first_difference([A | _], []) -> {A, missing}.

check_code(Beam, Erl, Mode, Dbgi, Printed) ->
    {ok, {_, [{compile_info, Info}]}} = beam_lib:chunks(Beam, [compile_info]),
    Own = [O || O <- proplists:get_value(options, Info, []), not reporting(O)],
    Extra = case Mode of "plain" -> [no_line_info]; "keep_lines" -> [] end,
    Opts = Own ++ [binary, return_errors, no_spawn_compiler_process | Extra],
    Chunks = case Mode of "plain" -> ["Code"]; "keep_lines" -> ["Code", "Line"] end,
    case {compile:file(Erl, Opts), compile:forms(Dbgi, Opts)} of
        {{ok, _, New}, {ok, _, Old}} ->
            {ok, {_, NewChunks}} = beam_lib:chunks(New, Chunks),
            {ok, {_, OldChunks}} = beam_lib:chunks(Old, Chunks),
            case [Id || {{Id, X}, {Id, Y}} <- lists:zip(OldChunks, NewChunks), X =/= Y] of
                [] -> line(["same", Beam, ""]);
                Ids ->
                    Outcome = case only_annotations(Printed, New, Opts) of true -> "code_lines"; false -> "code" end,
                    line([Outcome, Beam, lists:join(",", Ids)])
            end;
        {{ok, _, _}, Other} ->
            line(["error", Beam, io_lib:format("compile:forms of the Dbgi forms failed too: ~0P", [Other, 20])]);
        {Other, _} ->
            line(["code", Beam, io_lib:format("compile:file failed: ~0P", [Other, 30])])
    end.

only_annotations(Printed, FromFile, Opts) ->
    {ok, _, FromForms} = compile:forms(Printed, Opts),
    {ok, {_, [{_, A}]}} = beam_lib:chunks(FromForms, ["Code"]),
    {ok, {_, [{_, B}]}} = beam_lib:chunks(FromFile, ["Code"]),
    A =:= B.

reporting(report) -> true;
reporting(report_errors) -> true;
reporting(report_warnings) -> true;
reporting(verbose) -> true;
reporting(_) -> false.

line(Fields) -> lists:join("\t", [one_line(F) || F <- Fields]).

one_line(S) -> [case C of $\n -> $\s; $\t -> $\s; _ -> C end || C <- unicode:characters_to_list(iolist_to_binary_safe(S))].

iolist_to_binary_safe(S) ->
    case unicode:characters_to_binary(S) of
        B when is_binary(B) -> B;
        _ -> list_to_binary(io_lib:format("~w", [S]))
    end.

%% Order-preserving parallel map over a fixed pool of workers.
pmap(F, Items) ->
    Indexed = lists:zip(lists:seq(1, length(Items)), Items),
    Workers = erlang:system_info(schedulers_online),
    Parent = self(),
    Queue = spawn_link(fun() -> queue(Indexed) end),
    Pids = [spawn_link(fun() -> worker(F, Queue, Parent) end) || _ <- lists:seq(1, Workers)],
    Results = collect(length(Items), #{}),
    [receive {done, P} -> ok end || P <- Pids],
    [maps:get(I, Results) || {I, _} <- Indexed].

queue([]) -> receive {next, From} -> From ! none, queue([]) end;
queue([H | T]) -> receive {next, From} -> From ! {item, H}, queue(T) end.

worker(F, Queue, Parent) ->
    Queue ! {next, self()},
    receive
        none -> Parent ! {done, self()};
        {item, {I, Item}} -> Parent ! {result, I, F(Item)}, worker(F, Queue, Parent)
    end.

collect(0, Acc) -> Acc;
collect(N, Acc) -> receive {result, I, R} -> collect(N - 1, Acc#{I => R}) end.
