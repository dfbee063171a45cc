#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput +A 0
%%
%% Re-assembles .S files with the compiler's own assembler and compares the result with the original .beam.
%%   usage: erlc_asm_roundtrip.escript LIST REPORT
%% LIST has one line per module: OriginalBeam<TAB>File.S. For each, compile:file(S, [from_asm, no_postopt, binary])
%% (what `erlc +from_asm +no_postopt` does), then the chunks the tool must reproduce are compared byte for byte
%% with beam_lib:all_chunks/1 of the original: Code, AtU8 (or Atom), ImpT, ExpT, LocT, LitT, StrT, Line, Type, and
%% FunT with each entry's OldUniq field zeroed on both sides (beam_asm derives it from the md5, which it computes
%% differently when assembling from .S). Meta, Attr and CInf are not compared. One line per module in REPORT:
%%   same<TAB>Beam
%%   diff<TAB>Beam<TAB>Chunk,Chunk...<TAB>Detail
%%   error<TAB>Beam<TAB>Reason          (the .S did not assemble, or a file could not be read)
%% Modules are checked in parallel, one worker per scheduler; the report keeps LIST's order.

-mode(compile).

-define(CHUNKS, ["Code", "AtU8", "Atom", "ImpT", "ExpT", "LocT", "LitT", "StrT", "Line", "Type", "FunT"]).

main([List, Report]) ->
    {ok, Bin} = file:read_file(List),
    Pairs = [list_to_tuple(string:split(L, "\t"))
             || L <- string:split(unicode:characters_to_list(Bin), "\n", all), L =/= ""],
    Results = pmap(fun check/1, Pairs),
    ok = file:write_file(Report, [[R, $\n] || R <- Results]),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: erlc_asm_roundtrip.escript LIST REPORT~n", []),
    halt(2).

check({Beam, Asm}) ->
    try
        case compile:file(Asm, [from_asm, no_postopt, binary, return]) of
            {ok, _Mod, New, _Warnings} -> compare(Beam, New);
            {ok, _Mod, New} -> compare(Beam, New);
            {error, Errors, _Warnings} -> line(["error", Beam, flat(io_lib:format("~0p", [Errors]))]);
            error -> line(["error", Beam, "compile:file/2 returned error"])
        end
    catch
        Class:Reason:Stack ->
            line(["error", Beam, flat(io_lib:format("~p:~0p ~0p", [Class, Reason, lists:sublist(Stack, 3)]))])
    end.

compare(Beam, New) ->
    {ok, _, Old0} = beam_lib:all_chunks(Beam),
    {ok, _, New0} = beam_lib:all_chunks(New),
    Old = maps:from_list(Old0),
    Nw = maps:from_list(New0),
    Diffs = [{Id, detail(Id, maps:get(Id, Old, absent), maps:get(Id, Nw, absent))}
             || Id <- ?CHUNKS, normal(Id, maps:get(Id, Old, absent)) =/= normal(Id, maps:get(Id, Nw, absent))],
    case Diffs of
        [] -> line(["same", Beam]);
        _ -> line(["diff", Beam, lists:join(",", [Id || {Id, _} <- Diffs]),
                   lists:join("; ", [D || {_, D} <- Diffs])])
    end.

normal("FunT", <<N:32, Entries/binary>>) ->
    <<N:32, << <<Keep:20/binary, 0:32>> || <<Keep:20/binary, _OldUniq:32>> <= Entries >>/binary>>;
normal(_, Data) -> Data.

detail(_Id, absent, _) -> "missing in the original";
detail(_Id, _, absent) -> "missing after re-assembly";
detail(Id, A0, B0) ->
    A = normal(Id, A0),
    B = normal(Id, B0),
    flat(io_lib:format("~s: ~w vs ~w bytes, first difference at byte ~w", [Id, byte_size(A), byte_size(B), first_diff(A, B, 0)])).

first_diff(<<X, A/binary>>, <<X, B/binary>>, N) -> first_diff(A, B, N + 1);
first_diff(_, _, N) -> N.

line(Fields) -> flat(lists:join("\t", [one_line(F) || F <- Fields])).

one_line(S) -> [case C of $\n -> $\s; $\t -> $\s; _ -> C end || C <- flat(S)].

flat(S) -> unicode:characters_to_list(S).

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
