#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell -noinput
%%
%% The beam_disasm baseline for benchmarks/compare-disasm.sh: beam_disasm:file/1 on every .beam file under each
%% PATH argument (default /usr/lib/erlang), the file read once (file:read_file/1) and the binary handed over.
%% beam_disasm returns the disassembly as a term; this prints one line per module, Path and the number of
%% instructions, so the whole result is walked, and a last line with the totals.
%%
%% Modules are independent, so they are disassembled by Jobs worker processes (default: schedulers online, i.e.
%% one per core, as beamdecode's Parallel.For). `-j 1` gives the sequential run. A file beam_disasm cannot read
%% prints one line on stderr and makes the exit status 2.
%%
%% Usage: escript beam_disasm_all.escript [-j Jobs] [PATH...]
-mode(compile).

main(Args) ->
    {Jobs, Paths0} = parse_args(Args, erlang:system_info(schedulers_online), []),
    Paths = case Paths0 of [] -> ["/usr/lib/erlang"]; _ -> Paths0 end,
    Files = lists:usort(lists:append([expand(P) || P <- Paths])),
    Results = pmap(fun disassemble/1, Files, Jobs),
    {Status, Total} = lists:foldl(fun write_result/2, {0, 0}, Results),
    io:format("~w modules, ~w instructions~n", [length(Files), Total]),
    halt(Status).

parse_args(["-j", N | Rest], _, Acc) -> parse_args(Rest, list_to_integer(N), Acc);
parse_args([P | Rest], Jobs, Acc) -> parse_args(Rest, Jobs, [P | Acc]);
parse_args([], Jobs, Acc) -> {max(1, Jobs), lists:reverse(Acc)}.

expand(Path) ->
    case filelib:is_dir(Path) of
        true -> filelib:fold_files(Path, "\\.beam\\z", true, fun(F, Acc) -> [F | Acc] end, []);
        false -> [Path]
    end.

disassemble(File) ->
    try
        {ok, Bin} = file:read_file(File),
        case beam_disasm:file(Bin) of
            {beam_file, _Module, _Exports, _Attributes, _CompileInfo, Code} ->
                {ok, File, lists:sum([length(Is) || {function, _, _, _, Is} <- Code])};
            {error, beam_disasm, Reason} ->
                {error, File, Reason}
        end
    catch
        Class:Error -> {error, File, {Class, Error}}
    end.

write_result({ok, File, Count}, {Status, Total}) ->
    io:format("~ts ~w~n", [File, Count]),
    {Status, Total + Count};
write_result({error, File, Reason}, {_, Total}) ->
    io:format(standard_error, "~ts: ~0p~n", [File, Reason]),
    {2, Total}.

%% Order-preserving parallel map over a fixed pool of workers.
pmap(F, Items, Jobs) ->
    Parent = self(),
    Indexed = lists:zip(lists:seq(1, length(Items)), Items),
    Queue = spawn_link(fun() -> queue(Indexed) end),
    [spawn_link(fun() -> worker(F, Queue, Parent) end) || _ <- lists:seq(1, Jobs)],
    Results = collect(length(Items), #{}),
    [maps:get(I, Results) || {I, _} <- Indexed].

queue([]) -> receive {next, From} -> From ! none, queue([]) end;
queue([H | T]) -> receive {next, From} -> From ! {item, H}, queue(T) end.

worker(F, Queue, Parent) ->
    Queue ! {next, self()},
    receive
        none -> ok;
        {item, {I, Item}} -> Parent ! {result, I, F(Item)}, worker(F, Queue, Parent)
    end.

collect(0, Acc) -> Acc;
collect(N, Acc) -> receive {result, I, R} -> collect(N - 1, Acc#{I => R}) end.
