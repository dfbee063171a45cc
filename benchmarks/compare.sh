#!/usr/bin/env bash
# Whole-process timings, side by side in one hyperfine run each:
#   1. `beamdecode info --json TREE...` against benchmarks/beam_lib_info.escript (the same report via beam_lib),
#      as written and with its module precompiled into the escript (no compile at start-up)
#   2. `beamdecode --version` against `erl -noshell -eval 'halt().'` (start-up)
# beamdecode is built first in Release: the Native AOT binary when clang is on PATH (as the linux-x64 tool
# package ships it), and always the framework-dependent build (as the `any` fallback package ships it).
# Results (hyperfine JSON and markdown, summary.md) go to benchmarks/results/.
#
# Usage: benchmarks/compare.sh [-n RUNS] [TREE...]      (default: 10 runs, TREE /usr/lib/erlang)
set -euo pipefail

runs=10
if [ "${1:-}" = "-n" ]; then
  [ $# -ge 2 ] || { echo "compare.sh: -n needs a number" >&2; exit 2; }
  runs=$2
  shift 2
fi
case "$runs" in '' | *[!0-9]* | 0) echo "compare.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;; esac
trees=("$@")
[ ${#trees[@]} -gt 0 ] || trees=(/usr/lib/erlang)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
name=compare.sh
# shellcheck source=lib.sh
. "$here/lib.sh"
results=$here/results
bin=$repo/artifacts/bench
mkdir -p "$results" "$bin"

echo "+ $0${*:+ $*}  (runs=$runs, trees: ${trees[*]})"

require_tools dotnet hyperfine escript erl jq
for tree in "${trees[@]}"; do
  [ -e "$tree" ] || { echo "compare.sh: no such file or directory: $tree" >&2; exit 2; }
done

# --- build -----------------------------------------------------------------------------------------------
build_beamdecode "$bin"

# The escript compiles itself at every start (-mode(compile)), about 0.1 s here; a copy with the module
# precompiled shows beam_lib's cost without that, and both are timed.
precompiled=$bin/beam_lib_info.precompiled.escript
run erl -noshell -eval '
  [Src, Out] = init:get_plain_arguments(),
  {ok, Sections} = escript:extract(Src, [compile_source]),
  {source, Beam} = lists:keyfind(source, 1, Sections),
  {emu_args, Emu} = lists:keyfind(emu_args, 1, Sections),
  ok = escript:create(Out, [shebang, {emu_args, Emu}, {beam, Beam}]),
  halt().' -extra "$here/beam_lib_info.escript" "$precompiled"

exes=("$jit")
[ -z "$aot" ] || exes=("$aot" "$jit")

# The commands must succeed before they are timed (hyperfine would also stop on a failure).
for exe in "${exes[@]}"; do
  "$exe" info --json "${trees[@]}" >/dev/null || { echo "compare.sh: $exe info failed on ${trees[*]}" >&2; exit 2; }
done
modules=$("$primary" info --json "${trees[@]}" | jq length)
# Both sides must report the same modules: the escript writes one line per module.
for script in "$here/beam_lib_info.escript" "$precompiled"; do
  lines=$(escript "$script" "${trees[@]}" | wc -l) || { echo "compare.sh: $script failed on ${trees[*]}" >&2; exit 2; }
  [ "$lines" -eq "$modules" ] || { echo "compare.sh: $script reports $lines modules, beamdecode $modules" >&2; exit 2; }
done

# --- machine ---------------------------------------------------------------------------------------------
otp_full=$(erl -noshell -eval '
  Rel = erlang:system_info(otp_release),
  case file:read_file(filename:join([code:root_dir(), "releases", Rel, "OTP_VERSION"])) of
    {ok, V} -> io:put_chars(string:trim(V));
    _ -> io:put_chars(Rel)
  end, halt().')
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
dotnet_runtime=$(dotnet --list-runtimes | grep -m1 'Microsoft.NETCore.App 10' | cut -d' ' -f2 || echo unknown)
bytes=0
for tree in "${trees[@]}"; do
  b=$(find -L "$tree" -type f -name '*.beam' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  bytes=$((bytes + b))
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- timings ---------------------------------------------------------------------------------------------
# hyperfine -N splits a command line as a shell would, so quote each word.
q() { printf '%q ' "$@"; }
info_cmds=()
[ -z "$aot" ] || info_cmds+=(-n "beamdecode info (Native AOT)" "$(q "$aot" info --json "${trees[@]}")")
info_cmds+=(-n "beamdecode info (framework-dependent)" "$(q "$jit" info --json "${trees[@]}")")
info_cmds+=(-n "beam_lib escript" "$(q escript "$here/beam_lib_info.escript" "${trees[@]}")")
info_cmds+=(-n "beam_lib escript (precompiled)" "$(q escript "$precompiled" "${trees[@]}")")
run hyperfine -N --warmup 1 --runs "$runs" --output=pipe \
  --export-json "$results/info.json" --export-markdown "$results/info.md" "${info_cmds[@]}"

start_cmds=()
[ -z "$aot" ] || start_cmds+=(-n "beamdecode --version (Native AOT)" "$(q "$aot" --version)")
start_cmds+=(-n "beamdecode --version (framework-dependent)" "$(q "$jit" --version)")
start_cmds+=(-n "erl start and halt" "$(q erl -noshell -eval 'halt().')")
run hyperfine -N --warmup 1 --runs "$runs" --output=pipe \
  --export-json "$results/startup.json" --export-markdown "$results/startup.md" "${start_cmds[@]}"

# --- summary ---------------------------------------------------------------------------------------------
# Median wall time, and mean CPU time (user + system, less disturbed by other load), in ms, of the result
# named $2 in hyperfine JSON $1.
median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
cpu_ms() { jq -r --arg n "$2" '.results[] | select(.command == $n) | (.user + .system) * 1000' "$1"; }
fmt() { awk -v x="$1" 'BEGIN {printf "%.1f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

escript_ms=$(median "$results/info.json" "beam_lib escript")
pre_ms=$(median "$results/info.json" "beam_lib escript (precompiled)")
erl_ms=$(median "$results/startup.json" "erl start and halt")
{
  echo "# compare.sh results"
  echo
  echo "- Command: \`benchmarks/compare.sh -n $runs ${trees[*]}\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Input: $modules modules, $bytes bytes of .beam files under ${trees[*]}"
  echo "- Machine: $(nproc) cores, $cpu; Erlang/OTP $otp_full ($(erl -noshell -eval 'io:put_chars(erlang:system_info(system_version)), halt().' | tr -d '\n' | sed 's/ *$//')); .NET $dotnet_runtime; $(hyperfine --version)"
  echo "- Load average (1, 5, 15 min) before the timings: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- hyperfine -N --warmup 1 --runs $runs --output=pipe; times are medians"
  echo
  echo "| Command | median ms | escript / this | precompiled escript / this | MB/s of .beam input | CPU ms (user+sys, mean) | escript CPU / this |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  escript_cpu=$(cpu_ms "$results/info.json" "beam_lib escript")
  for name in ${aot:+"beamdecode info (Native AOT)"} "beamdecode info (framework-dependent)" \
    "beam_lib escript" "beam_lib escript (precompiled)"; do
    ms=$(median "$results/info.json" "$name")
    cpu_t=$(cpu_ms "$results/info.json" "$name")
    echo "| $name | $(fmt "$ms") | $(ratio "$escript_ms" "$ms") | $(ratio "$pre_ms" "$ms") |" \
      "$(awk -v b="$bytes" -v t="$ms" 'BEGIN {printf "%.0f", b / 1e6 / (t / 1000)}') |" \
      "$(fmt "$cpu_t") | $(ratio "$escript_cpu" "$cpu_t") |"
  done
  echo
  echo "| Command | median ms | erl / this | CPU ms (user+sys, mean) |"
  echo "|---|---:|---:|---:|"
  for name in ${aot:+"beamdecode --version (Native AOT)"} "beamdecode --version (framework-dependent)" "erl start and halt"; do
    ms=$(median "$results/startup.json" "$name")
    echo "| $name | $(fmt "$ms") | $(ratio "$erl_ms" "$ms") | $(fmt "$(cpu_ms "$results/startup.json" "$name")") |"
  done
} >"$results/summary.md"

echo
cat "$results/summary.md"
