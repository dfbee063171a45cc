#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput
%%
%% The OTP way to do what `beamdecode parse DIR... -I INC... --check` does, for the whole-process comparison in
%% compare-parse.sh: epp:parse_file(File, [{includes, Incs}]) for every .erl under the directories, spread over
%% one process per scheduler (as beamdecode spreads files over threads). The forms are only counted, not printed
%% (so `beamdecode parse --forms -o OUT`, also timed there, does more: it writes them out). Prints "N files, M
%% forms" at the end.
%%   usage: epp_parse_all.escript INCLUDE_DIR... -- DIR...

-mode(compile).

main(Args) ->
    case lists:splitwith(fun(A) -> A =/= "--" end, Args) of
        {Includes, ["--" | Dirs]} when Dirs =/= [] ->
            Files = lists:sort(lists:append([erls(D) || D <- Dirs])),
            Counts = pmap(fun(F) -> parse(F, Includes) end, Files),
            io:format("~w files, ~w forms~n", [length(Files), lists:sum(Counts)]);
        _ ->
            io:format(standard_error, "usage: epp_parse_all.escript INCLUDE_DIR... -- DIR...~n", []),
            halt(2)
    end.

erls(Dir) ->
    filelib:fold_files(Dir, "\\.erl$", true, fun(F, Acc) -> [F | Acc] end, []).

parse(File, Includes) ->
    {ok, Forms} = epp:parse_file(File, [{includes, Includes}]),
    length(Forms).

pmap(F, Items) ->
    Parent = self(),
    Queue = spawn_link(fun() -> queue(Items) end),
    N = erlang:system_info(schedulers_online),
    Pids = [spawn_link(fun() -> worker(F, Queue, Parent, 0) end) || _ <- lists:seq(1, N)],
    [receive {done, P, Count} -> Count end || P <- Pids].

queue([]) -> receive {next, From} -> From ! none, queue([]) end;
queue([H | T]) -> receive {next, From} -> From ! {item, H}, queue(T) end.

worker(F, Queue, Parent, Acc) ->
    Queue ! {next, self()},
    receive
        none -> Parent ! {done, self(), Acc};
        {item, Item} -> worker(F, Queue, Parent, Acc + F(Item))
    end.
