%% BeamDecode collector, dump format 1 (README.md, "Collector dump format"). Not a module: ONE fun expression,
%% fun(Out) -> {ok, AbsPath} | {error, {Reason, AbsPath}}, with Out a path string or undefined (default name).
%% `beamdecode collector` prints it as "(Fun)(Out)." to paste into a remote shell of a running node (OTP 21 or
%% newer), or, with --module, inside collect/1 of a module.
%%
%% Why it is written the way it is:
%% - It loads no module. A remote call to a module that is not loaded makes error_handler load it, so the
%%   code only calls erlang BIFs and modules every running node has loaded: code, file, lists, zlib (preloaded
%%   since OTP 20). Maps are built and read with map syntax, not the maps module; binaries are taken apart
%%   with BIFs, not <<...>> syntax (the shell evaluates that with eval_bits/erl_bits); the dump is written
%%   raw (without `raw`, file:write_file/3 goes through a file io server and loads io).
%%   * code:module_status/1 is NOT called: it calls beam_lib:md5/1 (stdlib; loads beam_lib) and rescans the
%%     whole code path for every module. `status` reproduces its rules (kernel code.erl, module_status/2) with
%%     one listing of the code path, and the md5 of a file is computed here (BdMd5) from its chunks.
%%   * Mod:module_info/1 is NOT called: on a module that was purged meanwhile it would make error_handler
%%     load it again from the code path, and a module without module_info/1 would crash the call.
%%     erlang:get_module_info/2 (a BIF) reads what is loaded or fails, and BdTry turns failure into data.
%% - Every variable starts with Bd: in the shell a fun sees the shell's bindings, and a user's own `Mod` or
%%   `Path` would turn a binding here into a failing match.
%% - It does not crash and does not block: each module is examined in its own process (spawn_monitor),
%%   which is killed after BdTimeout ms (a hung NFS path, a huge file); every failure becomes data in the
%%   dump; after BdDeadline the remaining modules are recorded from BIFs alone. A module that vanishes
%%   between the listing and the look-up is recorded as such.
%% - Object code is stored only when it is provably the loaded code: the file at the loaded path is read
%%   (at most BdMaxFile bytes), gunzipped if it is gzip (compile option `compressed`), and its md5 is
%%   computed as the loader does (beam_lib.erl md5_chunks/0 and filter_funtab/1: the data of Atom, AtU8,
%%   Code, StrT, ImpT, ExpT, FunT, LitT, Meta, in that order, with each FunT entry's OldUniq zeroed); the
%%   bytes are kept, as read, only when that equals erlang:get_module_info(Mod, md5). Otherwise the entry
%%   says why: preloaded, cover_compiled, not_a_file (loaded from memory by code:load_binary, or a path
%%   that is gone), {unreadable, Posix}, {too_large, Bytes}, {changed_on_disk, DiskMd5 | not_a_beam},
%%   no_md5 and vanished (purged meanwhile), deadline.
fun(BdOut) ->
    BdTimeout = 10000,
    BdDeadline = erlang:monotonic_time(millisecond) + 120000,
    BdMaxFile = 64 * 1024 * 1024,
    BdStart = erlang:monotonic_time(millisecond),
    %% Runs BdFun in a process of its own; its result travels as the exit reason, so nothing is left in
    %% the caller's mailbox. A killed or crashed worker gives timeout or {crashed, Reason}.
    BdIsolated = fun(BdFun) ->
        {BdPid, BdRef} = spawn_monitor(fun() -> exit({bd_done, BdFun()}) end),
        receive
            {'DOWN', BdRef, process, BdPid, {bd_done, BdResult}} -> BdResult;
            {'DOWN', BdRef, process, BdPid, BdWhy} -> {crashed, BdWhy}
        after BdTimeout ->
            exit(BdPid, kill),
            receive {'DOWN', BdRef, process, BdPid, _} -> timeout end
        end
    end,
    BdTry = fun(BdFun) -> try BdFun() catch BdClass:BdReason -> {error, {BdClass, BdReason}} end end,
    %% Big-endian 32-bit word at byte BdPos. No binary syntax anywhere: the shell evaluates <<...>> with
    %% eval_bits and erl_bits, which a node need not have loaded.
    BdWord = fun(BdBin, BdPos) ->
        [BdB0, BdB1, BdB2, BdB3] = binary_to_list(BdBin, BdPos + 1, BdPos + 4),
        ((BdB0 * 256 + BdB1) * 256 + BdB2) * 256 + BdB3
    end,
    %% The IFF chunks of a BEAM image as [{Id, Data}] in file order, or not_a_beam (beam_lib.erl scan_beam/2:
    %% "FOR1", Size, "BEAM", then chunks of Id, Size, Data padded to 4 bytes; the last may lack its padding).
    BdChunks = fun(BdBin) ->
        BdWalk = fun BdLoop(BdPos, BdEnd, BdAcc) when BdPos =:= BdEnd -> lists:reverse(BdAcc);
                     BdLoop(BdPos, BdEnd, BdAcc) when BdPos + 8 =< BdEnd ->
                         BdSize = BdWord(BdBin, BdPos + 4),
                         BdNext = BdPos + 8 + BdSize,
                         if
                             BdNext =< BdEnd ->
                                 BdChunk = {binary_to_list(BdBin, BdPos + 1, BdPos + 4),
                                            binary_part(BdBin, BdPos + 8, BdSize)},
                                 BdLoop(min(BdEnd, BdNext + (4 - BdSize rem 4) rem 4), BdEnd, [BdChunk | BdAcc]);
                             true -> not_a_beam
                         end;
                     BdLoop(_, _, _) -> not_a_beam
                 end,
        case byte_size(BdBin) >= 12 andalso binary_to_list(BdBin, 1, 4) =:= "FOR1"
             andalso binary_to_list(BdBin, 9, 12) =:= "BEAM" of
            true ->
                BdLen = BdWord(BdBin, 4),
                if
                    BdLen >= 4, BdLen + 8 =< byte_size(BdBin) -> BdWalk(12, BdLen + 8, []);
                    true -> not_a_beam
                end;
            false -> not_a_beam
        end
    end,
    %% FunT: Count:32, then 24-byte entries whose last word (OldUniq) the md5 does not see.
    BdFunT = fun(BdData) when byte_size(BdData) < 4 -> BdData;
                (BdData) ->
                     BdN = (byte_size(BdData) - 4) div 24,
                     BdZero = list_to_binary([0, 0, 0, 0]),
                     [binary_part(BdData, 0, 4),
                      [[binary_part(BdData, 4 + BdI * 24, 20), BdZero] || BdI <- lists:seq(0, BdN - 1)],
                      binary_part(BdData, 4 + BdN * 24, byte_size(BdData) - 4 - BdN * 24)]
             end,
    BdMd5 = fun(BdBin0) ->
        BdBin = case byte_size(BdBin0) >= 2 andalso binary_to_list(BdBin0, 1, 2) =:= [31, 139] of
                    true -> try zlib:gunzip(BdBin0) catch _:_ -> BdBin0 end;
                    false -> BdBin0
                end,
        case BdChunks(BdBin) of
            not_a_beam -> not_a_beam;
            BdList ->
                BdHas = fun(BdId) -> lists:keymember(BdId, 1, BdList) end,
                case lists:all(BdHas, ["Code", "ExpT", "ImpT", "StrT"]) of
                    false -> not_a_beam;
                    true ->
                        BdCtx = lists:foldl(
                                  fun(BdId, BdC) ->
                                          case lists:keyfind(BdId, 1, BdList) of
                                              {"FunT", BdData} -> erlang:md5_update(BdC, BdFunT(BdData));
                                              {_, BdData} -> erlang:md5_update(BdC, BdData);
                                              false -> BdC
                                          end
                                  end,
                                  erlang:md5_init(),
                                  ["Atom", "AtU8", "Code", "StrT", "ImpT", "ExpT", "FunT", "LitT", "Meta"]),
                        erlang:md5_final(BdCtx)
                end
        end
    end,
    %% {ok, Bytes} | {unavailable, Reason} for the file at a path (a charlist; anything else is no file).
    BdRead = fun(BdPath) when is_list(BdPath), BdPath =/= [] ->
                     case file:read_file_info(BdPath) of
                         {ok, BdFi} when element(3, BdFi) =/= regular -> {unavailable, not_a_file};
                         {ok, BdFi} when element(2, BdFi) > BdMaxFile ->
                             {unavailable, {too_large, element(2, BdFi)}};
                         {ok, _} ->
                             case file:read_file(BdPath) of
                                 {ok, BdBytes} -> {ok, BdBytes};
                                 {error, BdE} when BdE =:= enoent; BdE =:= enotdir -> {unavailable, not_a_file};
                                 {error, BdE} -> {unavailable, {unreadable, BdE}}
                             end;
                         {error, BdE} when BdE =:= enoent; BdE =:= enotdir -> {unavailable, not_a_file};
                         {error, BdE} -> {unavailable, {unreadable, BdE}}
                     end;
                (preloaded) -> {unavailable, preloaded};
                (cover_compiled) -> {unavailable, cover_compiled};
                (_) -> {unavailable, not_a_file}
             end,
    BdInfo = fun(BdMod, BdKey) -> BdTry(fun() -> erlang:get_module_info(BdMod, BdKey) end) end,
    %% BdFound: where the code path would find the module now (code.erl which/2), non_existing, or unknown
    %% (the code path could not be listed in full).
    BdEntry = fun(BdMod, BdLoaded, BdFound) ->
        BdMd5Loaded = case BdInfo(BdMod, md5) of
                          BdM when is_binary(BdM) -> BdM;
                          _ -> undefined
                      end,
        BdWhich = BdTry(fun() -> code:which(BdMod) end),
        BdStillLoaded = erlang:module_loaded(BdMod),
        BdObject = case BdRead(BdWhich) of
                       _ when not BdStillLoaded -> {unavailable, vanished};
                       _ when BdMd5Loaded =:= undefined -> {unavailable, no_md5};
                       {ok, BdBytes} ->
                           case BdMd5(BdBytes) of
                               BdMd5Loaded -> {ok, BdBytes};
                               BdOther -> {unavailable, {changed_on_disk, BdOther}}
                           end;
                       BdNo -> BdNo
                   end,
        %% code.erl module_status/2, with the md5 computed here instead of by beam_lib.
        BdStatus = case code:is_loaded(BdMod) of
                       false -> not_loaded;
                       {file, preloaded} -> loaded;
                       {file, cover_compiled} ->
                           case BdFound of non_existing -> removed; unknown -> unknown; _ -> modified end;
                       {file, []} -> loaded;
                       {file, [_ | _]} ->
                           case BdFound of
                               non_existing -> removed;
                               unknown -> unknown;
                               BdWhich when element(1, BdObject) =:= ok -> loaded;
                               _ ->
                                   case BdRead(BdFound) of
                                       {ok, BdFoundBytes} when BdMd5Loaded =/= undefined ->
                                           case BdMd5(BdFoundBytes) of
                                               BdMd5Loaded -> loaded;
                                               _ -> modified
                                           end;
                                       _ -> modified
                                   end
                           end;
                       _ -> unknown
                   end,
        #{module => BdMod,
          loaded_as => BdLoaded,
          path => BdWhich,
          md5 => BdMd5Loaded,
          compile => BdInfo(BdMod, compile),
          attributes => BdInfo(BdMod, attributes),
          exports => BdInfo(BdMod, exports),
          status => BdStatus,
          old_code => BdTry(fun() -> erlang:check_old_code(BdMod) end),
          object_code => BdObject}
    end,
    %% Defined here, before the big bindings below exist: the shell's funs carry every binding made before
    %% them, and spawning copies that environment for each module.
    BdIsolatedEntry = fun(BdM, BdL, BdF) -> BdIsolated(fun() -> BdEntry(BdM, BdL, BdF) end) end,
    %% One listing of the code path, first directory wins (code.erl which/2 over path_files/1).
    BdPathDirs = case BdIsolated(fun() -> code:get_path() end) of
                     BdDirs when is_list(BdDirs) -> BdDirs;
                     _ -> []
                 end,
    %% A directory that cannot be listed in time (or any, past the deadline) makes the index incomplete: a
    %% module not found in it is then `unknown`, not `removed`. A directory that does not exist is no gap.
    {BdPathIndex, BdPathComplete} =
        lists:foldl(
          fun(BdDir, {BdIndex, BdComplete}) ->
                  BdListing = case erlang:monotonic_time(millisecond) > BdDeadline of
                                  true -> deadline;
                                  false -> BdIsolated(fun() -> file:list_dir(BdDir) end)
                              end,
                  case BdListing of
                      {ok, BdNames} ->
                          {lists:foldl(fun(BdName, BdI) ->
                                               case BdI of
                                                   #{BdName := _} -> BdI;
                                                   _ -> BdI#{BdName => BdDir}
                                               end
                                       end, BdIndex, BdNames),
                           BdComplete};
                      {error, _} -> {BdIndex, BdComplete};
                      _ -> {BdIndex, false}
                  end
          end, {#{}, true}, BdPathDirs),
    BdInPath = fun(BdMod) ->
                       BdName = atom_to_list(BdMod) ++ ".beam",
                       case BdPathIndex of
                           #{BdName := BdDir} -> BdDir ++ "/" ++ BdName;
                           _ when BdPathComplete -> non_existing;
                           _ -> unknown
                       end
               end,
    %% code:all_loaded/0 knows how each module was loaded; erlang:loaded/0 also lists modules loaded behind
    %% the code server's back (erlang:load_module/2), which get loaded_as => unknown.
    BdKnown = case BdIsolated(fun() -> code:all_loaded() end) of
                  BdAll when is_list(BdAll) -> BdAll;
                  _ -> []
              end,
    BdMods = BdKnown ++ [{BdM, unknown} || BdM <- erlang:loaded(), not lists:keymember(BdM, 1, BdKnown)],
    %% Past the deadline (a file system that hangs every read, each costing BdTimeout) the remaining modules
    %% get only what the BIFs say without touching files or the code server: the dump still gets written.
    BdEntries = [case erlang:monotonic_time(millisecond) > BdDeadline of
                     true ->
                         #{module => BdM, loaded_as => BdL, error => deadline,
                           md5 => case BdInfo(BdM, md5) of BdMd5Now when is_binary(BdMd5Now) -> BdMd5Now; _ -> undefined end,
                           old_code => BdTry(fun() -> erlang:check_old_code(BdM) end),
                           object_code => {unavailable, deadline}};
                     false ->
                         case BdIsolatedEntry(BdM, BdL, BdInPath(BdM)) of
                             #{} = BdEnt -> BdEnt;
                             BdFailed -> #{module => BdM, loaded_as => BdL, error => BdFailed}
                         end
                 end || {BdM, BdL} <- lists:keysort(1, BdMods)],
    BdPad2 = fun(BdN) when BdN < 10 -> [$0 | integer_to_list(BdN)]; (BdN) -> integer_to_list(BdN) end,
    BdUtc = {{BdY, BdMo, BdD}, {BdH, BdMi, BdS}} = erlang:universaltime(),
    BdCwd = case file:get_cwd() of {ok, BdC} -> BdC; _ -> "." end,
    BdFile = case BdOut of
                 undefined ->
                     BdSafe = [case BdChar of
                                   _ when BdChar >= $a, BdChar =< $z; BdChar >= $A, BdChar =< $Z;
                                          BdChar >= $0, BdChar =< $9; BdChar =:= $_; BdChar =:= $-;
                                          BdChar =:= $.; BdChar =:= $@ -> BdChar;
                                   _ -> $_
                               end || BdChar <- atom_to_list(node())],
                     lists:append(["beamdecode-", BdSafe, "-", integer_to_list(BdY), BdPad2(BdMo), BdPad2(BdD),
                                   "T", BdPad2(BdH), BdPad2(BdMi), BdPad2(BdS), "Z.dump"]);
                 _ -> BdOut
             end,
    %% Absolute as given ("/..." or a Windows drive, "C:..."), else in the node's cwd (filename:absname/1
    %% without calling filename, which a node need not have loaded).
    BdAbs = case BdFile of
                [$/ | _] -> BdFile;
                [_, $: | _] -> BdFile;
                _ -> BdCwd ++ "/" ++ BdFile
            end,
    BdDump = {beamdecode_dump, 1,
              #{node => node(),
                otp_release => erlang:system_info(otp_release),
                erts_version => erlang:system_info(version),
                time => BdUtc,
                system_time_ms => erlang:system_time(millisecond),
                cwd => BdCwd,
                code_path => BdPathDirs,
                code_path_complete => BdPathComplete,
                elapsed_ms => erlang:monotonic_time(millisecond) - BdStart,
                modules => BdEntries}},
    %% exclusive: never replace an existing file (an earlier dump is evidence too); raw: without it
    %% file:write_file/3 goes through a file io server and loads io.
    case file:write_file(BdAbs, term_to_binary(BdDump, [compressed]), [raw, exclusive]) of
        ok -> {ok, BdAbs};
        {error, BdWhy} -> {error, {BdWhy, BdAbs}}
    end
end
