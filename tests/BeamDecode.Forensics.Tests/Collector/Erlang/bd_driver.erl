%% The Erlang side of CollectorLiveTests: loads modules every way a firefighter does, then evaluates the
%% collector expression exactly as a shell would (erl_scan, erl_parse, erl_eval), and writes what the test
%% needs to check into result.etf. Runs in the node's cwd, which is also on its code path (-pa).
-module(bd_driver).
-export([run/1, run_all/1]).

%% A module whose version/0 says which compile it is; loop/0 keeps a process in this version's code.
src(Name, Version) ->
    lists:flatten(io_lib:format(
      "-module(~s).~n-export([version/0, loop/0]).~nversion() -> ~p.~nloop() -> receive stop -> ok end.~n",
      [Name, Version])).

write_src(Name, Version) ->
    File = filename:absname(filename:join("src", atom_to_list(Name) ++ ".erl")),
    ok = file:write_file(File, src(Name, Version)),
    File.

compile_to_cwd(Name, Version, Opts) ->
    {ok, Name} = compile:file(write_src(Name, Version), [{outdir, "."}, report | Opts]),
    atom_to_list(Name) ++ ".beam".

compile_bin(Name, Version) ->
    {ok, Name, Bin} = compile:file(write_src(Name, Version), [binary, report]),
    Bin.

prepare() ->
    ok = filelib:ensure_dir("src/x"),
    ok = filelib:ensure_dir("copies/x"),
    %% code:load_file/1 from the code path: captured.
    compile_to_cwd(m_file, 1, []),
    {module, m_file} = code:load_file(m_file),
    %% code:load_binary/3 from memory, under a file name that does not exist: not_a_file.
    MemBin = compile_bin(m_mem, 1),
    ok = file:write_file("copies/m_mem.bin", MemBin),
    {module, m_mem} = code:load_binary(m_mem, "m_mem_from_memory.beam", MemBin),
    %% c:c/1 of a source file under /tmp (the beam lands in the cwd): captured.
    {ok, m_c} = c:c(write_src(m_c, 1)),
    %% A beam replaced on disk after loading: changed_on_disk, status modified.
    compile_to_cwd(m_changed, 1, []),
    {module, m_changed} = code:load_file(m_changed),
    {ok, _} = file:copy("m_changed.beam", "copies/m_changed.v1"),
    compile_to_cwd(m_changed, 2, []),
    %% Loaded, deleted and purged: not in the dump.
    compile_to_cwd(m_purged, 1, []),
    {module, m_purged} = code:load_file(m_purged),
    true = code:delete(m_purged),
    code:purge(m_purged),
    %% Old code still running in a process, new code loaded from a new file: old_code true, new bytes captured.
    compile_to_cwd(m_old, 1, []),
    {module, m_old} = code:load_file(m_old),
    OldPid = spawn(m_old, loop, []),
    compile_to_cwd(m_old, 2, []),
    {module, m_old} = code:load_file(m_old),
    %% The beam deleted after loading: status removed, not_a_file.
    compile_to_cwd(m_removed, 1, []),
    {module, m_removed} = code:load_file(m_removed),
    ok = file:delete("m_removed.beam"),
    %% A gzip-compressed beam (compile option compressed): captured as the gzip bytes on disk.
    compile_to_cwd(m_gz, 1, [compressed]),
    {module, m_gz} = code:load_file(m_gz),
    %% Loaded behind the code server's back (erlang:load_module/2): loaded_as unknown, no bytes.
    RawBin = compile_bin(m_raw, 1),
    ok = file:write_file("copies/m_raw.bin", RawBin),
    {module, m_raw} = erlang:load_module(m_raw, RawBin),
    %% Cover-compiled (cover:compile_beam/1 loads instrumented code from memory): cover_compiled, no bytes.
    compile_to_cwd(m_cover, 1, [debug_info]),
    {module, m_cover} = code:load_file(m_cover),
    {ok, m_cover} = cover:compile_beam(m_cover),
    %% A module loaded and purged over and over while the collector runs: must not crash it.
    FlickerBin = compile_bin(m_flicker, 1),
    Flicker = spawn(fun() -> flicker(FlickerBin) end),
    {OldPid, Flicker}.

flicker(Bin) ->
    receive
        stop -> ok
    after 1 ->
        code:load_binary(m_flicker, "m_flicker_from_memory.beam", Bin),
        code:purge(m_flicker),
        code:delete(m_flicker),
        code:purge(m_flicker),
        flicker(Bin)
    end.

%% Parses the expression file as the shell would, then evaluates it with no bindings; reports which modules
%% got loaded during the evaluation.
collect(ExprFile) ->
    {ok, Text} = file:read_file(ExprFile),
    {ok, Tokens, _} = erl_scan:string(unicode:characters_to_list(Text)),
    {ok, Exprs} = erl_parse:parse_exprs(Tokens),
    Before = erlang:loaded(),
    T0 = erlang:monotonic_time(millisecond),
    {value, Result, _} = erl_eval:exprs(Exprs, []),
    T1 = erlang:monotonic_time(millisecond),
    After = erlang:loaded(),
    {Result, After -- Before, T1 - T0}.

run([ExprFile]) ->
    {OldPid, Flicker} = prepare(),
    {Result, New, Ms} = collect(ExprFile),
    Flicker ! stop,
    %% Only now ask code:module_status/0 (it loads beam_lib), to compare with the dump's status field.
    Status = code:module_status(),
    ok = file:write_file("result.etf", term_to_binary(
        #{result => Result, new_modules => New -- [m_flicker], module_status => Status, elapsed_ms => Ms,
          old_pid_alive => is_process_alive(OldPid), loaded_count => length(erlang:loaded())})).

%% Every module on the code path loaded (OTP's own libraries), then the collector: how long a big node takes.
run_all([ExprFile]) ->
    [code:ensure_loaded(list_to_atom(filename:basename(F, ".beam")))
     || D <- code:get_path(), F <- filelib:wildcard(filename:join(D, "*.beam"))],
    {Result, New, Ms} = collect(ExprFile),
    ok = file:write_file("result.etf", term_to_binary(
        #{result => Result, new_modules => New, elapsed_ms => Ms, loaded_count => length(erlang:loaded())})).
