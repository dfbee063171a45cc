#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noinput +A 0
%%
%% Ground truth for the parser conformance test: erl_parse:parse_form/1 of the tokens epp gives for each form.
%%   usage: erl_parse_truth.escript LIST OUT
%% LIST has one .erl path per line. For each file, epp:scan_file/2 (include path: the file's directory, its
%% application's include directory and the lib directory; locations {Line,Column} as the compiler asks for) gives
%% the tokens of every form; forms epp could not read ({error,_}) and eof are left out. OUT receives, per file,
%% a 4-byte big-endian length and term_to_binary({File, [{Tokens, erl_parse:parse_form(Tokens)}]}), or
%% {File, {epp_failed, Reason}} when epp could not open it. Files are done in parallel, one process each.

-mode(compile).

main([List, Out]) ->
    {ok, Bin} = file:read_file(List),
    Files = [L || L <- string:split(unicode:characters_to_list(Bin), "\n", all), L =/= ""],
    {ok, Fd} = file:open(Out, [write, raw, binary, delayed_write]),
    Self = self(),
    Workers = erlang:system_info(schedulers_online) * 2,
    run(Files, Workers, 0, Fd, Self),
    ok = file:close(Fd),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: erl_parse_truth.escript LIST OUT~n", []),
    halt(2).

run([], _Free, 0, _Fd, _Self) ->
    ok;
run([F | Fs], Free, Busy, Fd, Self) when Free > 0 ->
    spawn_link(fun() -> Self ! {done, one(F)} end),
    run(Fs, Free - 1, Busy + 1, Fd, Self);
run(Fs, Free, Busy, Fd, Self) ->
    receive
        {done, Result} ->
            ok = file:write(Fd, [<<(byte_size(Result)):32>>, Result]),
            run(Fs, Free + 1, Busy - 1, Fd, Self)
    end.

one(File) ->
    Dir = filename:dirname(File),
    Includes = [Dir, filename:join(filename:dirname(Dir), "include"), code:lib_dir()],
    Payload =
        try epp:scan_file(File, [{includes, Includes}, {location, {1, 1}}]) of
            {ok, Forms, _Extra} ->
                [{Toks, erl_parse:parse_form(Toks)} || Toks <- Forms, is_list(Toks)];
            {error, Reason} ->
                {epp_failed, Reason}
        catch
            Class:Reason ->
                {epp_failed, {Class, Reason}}
        end,
    term_to_binary({unicode:characters_to_binary(File), Payload}, [{compressed, 1}]).
