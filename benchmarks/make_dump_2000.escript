#!/usr/bin/env escript
%% Writes a synthetic collector dump of N modules (default 2000) in the collector's format (README.md,
%% "Collector dump format"), from the .beam files under ROOT (default /usr/lib/erlang): real object code, md5,
%% compile info and attributes; files beyond the first pass are reused under renamed module atoms.
%% Usage: escript benchmarks/make_dump_2000.escript OUT [N] [ROOT]
main([Out]) -> main([Out, "2000", "/usr/lib/erlang"]);
main([Out, N]) -> main([Out, N, "/usr/lib/erlang"]);
main([Out, NText, Root]) ->
    N = list_to_integer(NText),
    Files = lists:sort(filelib:wildcard(filename:join(Root, "**/*.beam"))),
    Mods = entries(Files, Files, N, 0, []),
    Map = #{node => 'bench@synthetic', otp_release => erlang:system_info(otp_release),
            erts_version => erlang:system_info(version), time => erlang:universaltime(),
            code_path_complete => true, elapsed_ms => 0, modules => Mods},
    ok = file:write_file(Out, term_to_binary({beamdecode_dump, 1, Map}, [compressed])),
    io:format("~s: ~b modules~n", [Out, length(Mods)]).

entries(_, _, N, N, Acc) -> lists:reverse(Acc);
entries([], All, N, I, Acc) -> entries(All, All, N, I, Acc);
entries([F | Rest], All, N, I, Acc) ->
    {ok, Bin} = file:read_file(F),
    case beam_lib:chunks(Bin, [attributes, compile_info]) of
        {ok, {M0, [{attributes, A}, {compile_info, C}]}} ->
            {ok, {_, Md5}} = beam_lib:md5(Bin),
            M = case I < length(All) of true -> M0; false -> list_to_atom(atom_to_list(M0) ++ "_" ++ integer_to_list(I)) end,
            E = #{module => M, loaded_as => F, path => F, md5 => Md5, compile => C, attributes => A,
                  status => loaded, old_code => false, object_code => {ok, Bin}},
            entries(Rest, All, N, I + 1, [E | Acc]);
        _ ->
            entries(Rest, All, N, I, Acc)
    end.
