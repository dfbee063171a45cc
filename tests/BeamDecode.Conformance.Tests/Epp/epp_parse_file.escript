#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput +A 0
%%
%% What `beamdecode parse --forms` must print, from OTP itself.
%%   usage: epp_parse_file.escript LIST OUTDIR lines|columns
%% LIST has one line per source file: File<TAB>IncludeDir<TAB>IncludeDir... For the N-th line (from 1) OUTDIR/N.forms
%% gets what epp:parse_file(File, [{includes, IncludeDirs}]) returns, each element printed with io:format("~w.~n")
%% (forms, epp's -file attributes, {error,...}/{warning,...} entries and the final {eof,Location}); when epp cannot
%% open the file, the one line {error,Reason}. An error or warning entry {K,{Loc,Mod,Descriptor}} is printed as
%% {K,{Loc,Mod,Text}}, Text being the string Mod:format_error(Descriptor) gives: beamdecode does not model
%% the descriptor terms, it prints the message there. With "columns" the option {location,{1,1}} is added, as the
%% compiler's own call to epp passes it; without it epp starts at location 1 and records lines alone.

-mode(compile).

main([List, OutDir, Mode]) ->
    {ok, Bin} = file:read_file(List),
    Items = [string:split(L, "\t", all)
             || L <- string:split(unicode:characters_to_list(Bin), "\n", all), L =/= ""],
    Extra = case Mode of "columns" -> [{location, {1, 1}}]; "lines" -> [] end,
    Indexed = lists:zip(lists:seq(1, length(Items)), Items),
    pmap(fun({I, [File | Includes]}) -> write(OutDir, I, File, Includes, Extra) end, Indexed),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: epp_parse_file.escript LIST OUTDIR lines|columns~n", []),
    halt(2).

write(OutDir, I, File, Includes, Extra) ->
    Text = case epp:parse_file(File, [{includes, Includes} | Extra]) of
               {ok, Forms} -> [io_lib:format("~w.~n", [message(F)]) || F <- Forms];
               {error, E} -> io_lib:format("~w.~n", [{error, E}])
           end,
    ok = file:write_file(filename:join(OutDir, integer_to_list(I) ++ ".forms"), unicode:characters_to_binary(Text)).

message({Kind, {Loc, Mod, Descriptor}}) when Kind =:= error; Kind =:= warning ->
    {Kind, {Loc, Mod, unicode:characters_to_list(Mod:format_error(Descriptor))}};
message(Form) ->
    Form.

pmap(F, Items) ->
    Workers = erlang:system_info(schedulers_online),
    Parent = self(),
    Queue = spawn_link(fun() -> queue(Items) end),
    Pids = [spawn_link(fun() -> worker(F, Queue, Parent) end) || _ <- lists:seq(1, Workers)],
    [receive {done, P} -> ok end || P <- Pids],
    ok.

queue([]) -> receive {next, From} -> From ! none, queue([]) end;
queue([H | T]) -> receive {next, From} -> From ! {item, H}, queue(T) end.

worker(F, Queue, Parent) ->
    Queue ! {next, self()},
    receive
        none -> Parent ! {done, self()};
        {item, Item} -> F(Item), worker(F, Queue, Parent)
    end.
