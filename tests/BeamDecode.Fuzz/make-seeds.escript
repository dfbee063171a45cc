#!/usr/bin/env escript
%% Writes the term-level seeds for BeamDecode.Fuzz (called by make-seeds.sh): chunk data cut out of the
%% fixture beams, external-format terms of every tag, and a collector dump in the format the collector writes.
-mode(compile).

main([Root, Seeds]) ->
    Fx = filename:join(Root, "fixtures/beam"),
    Chunk = fun(File, Id) ->
                    {ok, {_, [{_, Data}]}} = beam_lib:chunks(filename:join(Fx, File), [Id]),
                    Data
            end,
    W = fun(Dir, Name, Bin) -> ok = file:write_file(filename:join([Seeds, Dir, Name]), Bin) end,
    %% litt: first byte even = the chunk as stored, odd = the inflated table (the harness deflates it).
    LitT = fun(F) -> <<_:32, Z/binary>> = Chunk(F, "LitT"), zlib:uncompress(Z) end,
    W("litt", "raw-literals", <<0, (Chunk("nodebug/literals.beam", "LitT"))/binary>>),
    W("litt", "raw-asm_ops", <<0, (Chunk("nodebug/asm_ops.beam", "LitT"))/binary>>),
    W("litt", "table-literals", <<1, (LitT("nodebug/literals.beam"))/binary>>),
    W("litt", "table-asm_ops", <<1, (LitT("nodebug/asm_ops.beam"))/binary>>),
    W("code", "minimal", Chunk("nodebug/minimal.beam", "Code")),
    W("code", "asm_ops", Chunk("nodebug/asm_ops.beam", "Code")),
    W("dbgi", "minimal", Chunk("minimal.beam", "Dbgi")),
    W("dbgi", "minimal-encrypted", Chunk("encrypted/minimal.beam", "Dbgi")),
    W("dbgi", "minimal-nodebug", Chunk("nodebug/minimal.beam", "Dbgi")),
    W("dbgi", "features", Chunk("features.beam", "Dbgi")),
    %% The compiler writes Dbgi compressed: uncompressed copies let mutations reach the abstract-code reader.
    W("dbgi", "minimal-uncompressed", term_to_binary(binary_to_term(Chunk("minimal.beam", "Dbgi")))),
    W("dbgi", "features-uncompressed", term_to_binary(binary_to_term(Chunk("features.beam", "Dbgi")))),
    %% An OTP 19-style Abst chunk: term_to_binary({raw_abstract_v1, Forms}).
    {ok, {_, [{abstract_code, Abst}]}} = beam_lib:chunks(filename:join(Fx, "minimal.beam"), [abstract_code]),
    W("dbgi", "minimal-abst", term_to_binary(Abst)),
    Terms = [{atoms, [a, 'B c', 'ünïcödé', '']},
             {integers, [0, 255, 256, -1, 1 bsl 27, -(1 bsl 31), 1 bsl 64, -(1 bsl 200)]},
             {floats, [0.0, -0.0, 1.5, 1.0e300, -2.5e-300]},
             {lists, [[], "string", [1, 2 | 3], [[[[a]]]], lists:seq(1, 300)]},
             {tuples, {}, list_to_tuple(lists:seq(1, 300))},
             {maps, #{}, #{a => 1, "k" => [v], {t} => #{}}, maps:from_list([{I, I} || I <- lists:seq(1, 40)])},
             {binaries, <<>>, <<1, 2, 3>>, <<1:3>>, <<"text">>},
             {funs, fun lists:map/2, fun(X) -> X end, (fun(Y) -> fun() -> Y end end)(free)},
             {pids, self(), make_ref(), hd(erlang:ports())}],
    lists:foreach(fun(T) -> W("etf", atom_to_list(element(1, T)), term_to_binary(T)) end, Terms),
    W("etf", "compressed", term_to_binary(lists:duplicate(50, {a, "bc"}), [compressed])),
    W("etf", "minor0-floats", term_to_binary([1.5, 2.0e10], [{minor_version, 0}])),
    W("etf", "latin1-atoms", term_to_binary([a, 'ü'], [{minor_version, 1}])),
    {ok, Beam} = file:read_file(filename:join(Fx, "nodebug/minimal.beam")),
    Dump = #{node => 'app@host', otp_release => "25", erts_version => "13.1.5",
             time => {{2026, 11, 25}, {15, 50, 6}}, elapsed_ms => 12, code_path_complete => true,
             modules => [#{module => minimal, loaded_as => "/srv/minimal.beam", path => "/srv/minimal.beam",
                           md5 => erlang:md5(Beam), status => not_modified, old_code => false,
                           object_code => {ok, Beam}, compile => [{version, "8.2.3"}],
                           attributes => [{vsn, [1]}], exports => [{f, 0}]},
                         #{module => gone, loaded_as => preloaded, object_code => {unavailable, deadline},
                           error => {timeout, 10000}}]},
    W("dump", "two-modules", term_to_binary({beamdecode_dump, 1, Dump}, [compressed])),
    W("dump", "empty", term_to_binary({beamdecode_dump, 1, #{node => nonode@nohost, modules => []}})).
