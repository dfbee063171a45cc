#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput
%%
%% The OTP way to do what `beamdecode source TREE... -o OUT` does, for the whole-process comparison in
%% compare-source.sh: for every .beam under the trees, beam_lib:chunks(F, [debug_info]), the backend's
%% debug_info(erlang_v1, ...) for the forms (erl_abstract_code returns them as they are), erl_pp:form/2 for every
%% form, and the text written to OUT/NAME.erl. Modules are spread over one process per scheduler, as beamdecode
%% spreads them over threads. Prints "N modules" at the end; modules without Erlang debug info are skipped.
%%   usage: erl_pp_all.escript OUT TREE...

-mode(compile).

main([Out | Trees]) when Trees =/= [] ->
    ok = filelib:ensure_path(Out),
    Files = lists:sort(lists:append([beams(T) || T <- Trees])),
    Counts = pmap(fun(F) -> source(F, Out) end, Files),
    io:format("~w modules~n", [lists:sum(Counts)]);
main(_) ->
    io:format(standard_error, "usage: erl_pp_all.escript OUT TREE...~n", []),
    halt(2).

beams(Tree) ->
    case filelib:is_dir(Tree) of
        true -> filelib:fold_files(Tree, "\\.beam$", true, fun(F, Acc) -> [F | Acc] end, []);
        false -> [Tree]
    end.

source(File, Out) ->
    case beam_lib:chunks(File, [debug_info]) of
        {ok, {Mod, [{debug_info, {debug_info_v1, Backend, Data}}]}} ->
            case catch Backend:debug_info(erlang_v1, Mod, Data, []) of
                {ok, Forms} ->
                    Text = [erl_pp:form(F, [{encoding, utf8}]) || F <- Forms],
                    Name = filename:join(Out, filename:basename(File, ".beam") ++ ".erl"),
                    ok = file:write_file(Name, unicode:characters_to_binary(Text)),
                    1;
                _ -> 0
            end;
        _ -> 0
    end.

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
