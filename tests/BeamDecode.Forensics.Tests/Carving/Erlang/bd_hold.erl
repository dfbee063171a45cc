%% A node for the core-file carving test: loads every stdlib module not yet loaded with code:load_binary/3 from
%% its file bytes, keeps those binaries referenced by a process (so the BEAM images stay in the node's memory),
%% writes state.etf ({OsPid, [{Held, Md5}], [{Loaded, Md5}]}) and "ready", then waits to be dumped and killed.
-module(bd_hold).
-export([start/0]).

start() ->
    Dir = code:lib_dir(stdlib, ebin),
    {ok, Files} = file:list_dir(Dir),
    Beams = lists:sort([F || F <- Files, filename:extension(F) =:= ".beam"]),
    Held = lists:foldl(
        fun(F, Acc) ->
            M = list_to_atom(filename:basename(F, ".beam")),
            case code:is_loaded(M) of
                false ->
                    {ok, B} = file:read_file(filename:join(Dir, F)),
                    case code:load_binary(M, filename:join(Dir, F), B) of
                        {module, M} -> [{M, B} | Acc];
                        _ -> Acc
                    end;
                _ ->
                    Acc
            end
        end, [], Beams),
    Holder = spawn(fun() -> receive stop -> length(Held) end end),
    register(bd_holder, Holder),
    Md5 = fun(M) -> {M, erlang:get_module_info(M, md5)} end,
    State = {os:getpid(), [Md5(M) || {M, _} <- Held], [Md5(M) || M <- lists:sort(erlang:loaded())]},
    ok = file:write_file("state.etf", term_to_binary(State)),
    ok = file:write_file("ready", <<>>),
    timer:sleep(infinity).
