#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Ground truth for the BeamLib conformance tests: asks beam_lib itself about every
%% file named in the list file (one path per line) and writes one line per file to OUT:
%%
%%   ok <TAB> Path <TAB> Module <TAB> Md5Hex <TAB> LoadedMd5Hex|- <TAB> Chunks <TAB> Exports
%%      <TAB> LabeledExports <TAB> Imports <TAB> Locals <TAB> Attributes <TAB> CompileInfo <TAB> DebugInfo
%%   error <TAB> Path <TAB> Reason
%%
%% Every term field is io_lib:format("~w", ...) text, written as UTF-8.
%% Exports, imports and locals are beam_lib's own (sorted) lists.
main([ListFile, Out]) ->
    {ok, Bin} = file:read_file(ListFile),
    Paths = [binary_to_list(P) || P <- binary:split(Bin, <<"\n">>, [global, trim_all])],
    {ok, Fd} = file:open(Out, [write, binary]),
    lists:foreach(fun(P) -> ok = file:write(Fd, line(P)) end, Paths),
    ok = file:close(Fd),
    halt(0).

line(Path) ->
    try
        {ok, {Mod, Md5}} = beam_lib:md5(Path),
        Info = beam_lib:info(Path),
        {chunks, Chunks} = lists:keyfind(chunks, 1, Info),
        {ok, {Mod, [{exports, Exports}, {labeled_exports, LExports}, {imports, Imports},
                    {locals, Locals}, {attributes, Attrs}, {compile_info, CInfo}]}} =
            beam_lib:chunks(Path, [exports, labeled_exports, imports, locals, attributes, compile_info],
                            [allow_missing_chunks]),
        Fields = [ok, Path, atom_to_list(Mod), hex(Md5), loaded_md5(Mod, Path),
                  w(Chunks), w(Exports), w(LExports), w(Imports), w(Locals), w(Attrs), w(CInfo),
                  debug_info(Path)],
        [lists:join($\t, [unicode:characters_to_binary(F) || F <- [atom_to_list(ok) | tl(Fields)]]), $\n]
    catch
        Class:Reason ->
            [<<"error\t">>, unicode:characters_to_binary(Path), $\t,
             unicode:characters_to_binary(io_lib:format("~w:~w", [Class, Reason])), $\n]
    end.

w(Term) -> io_lib:format("~w", [Term]).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

%% module_info(md5) is what the loader computed; only for modules this node already
%% runs from the same file (loading others could run their on_load code).
loaded_md5(Mod, Path) ->
    case code:is_loaded(Mod) of
        {file, Loaded} when is_list(Loaded) ->
            case filename:absname(Loaded) =:= filename:absname(Path) of
                true -> hex(Mod:module_info(md5));
                false -> "-"
            end;
        _ -> "-"
    end.

debug_info(Path) ->
    case catch beam_lib:chunks(Path, [debug_info]) of
        {ok, {_, [{debug_info, {debug_info_v1, erl_abstract_code, {none, _}}}]}} -> "none";
        {ok, {_, [{debug_info, {debug_info_v1, erl_abstract_code, _}}]}} -> "erlang_v1";
        {ok, {_, [{debug_info, {debug_info_v1, elixir_erl, _}}]}} -> "elixir_v1";
        {ok, {_, [{debug_info, {debug_info_v1, Backend, _}}]}} -> "other:" ++ atom_to_list(Backend);
        {ok, {_, [{debug_info, no_debug_info}]}} -> abst(Path);
        {error, beam_lib, {key_missing_or_invalid, _, _}} -> "encrypted";
        {error, beam_lib, {missing_chunk, _, _}} -> abst(Path);
        Other -> io_lib:format("unexpected:~w", [Other])
    end.

abst(Path) ->
    case catch beam_lib:chunks(Path, ["Abst"]) of
        {ok, {_, [{"Abst", <<>>}]}} -> "none";
        {ok, {_, [{"Abst", <<0, _/binary>>}]}} -> "encrypted";
        {ok, {_, [{"Abst", Bin}]}} -> atom_to_list(element(1, binary_to_term(Bin)));
        _ -> "none"
    end.
