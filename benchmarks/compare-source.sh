#!/usr/bin/env bash
# Whole-process timing of source recovery, side by side in one hyperfine run:
#   `beamdecode source TREE... -o OUT` (one .erl per module) against benchmarks/erl_pp_all.escript OUT TREE...
#   (beam_lib:chunks(F, [debug_info]) + erl_pp:form/2 for every form, one .erl per module, written).
# beamdecode is built first in Release: the Native AOT binary when clang is on PATH (as the linux-x64 tool package
# ships it), and always the framework-dependent build (as the `any` package ships it).
# Results (hyperfine JSON and markdown, summary-source.md) go to benchmarks/results/.
#
# Usage: benchmarks/compare-source.sh [-n RUNS] [TREE...]      (default: 10 runs, TREE /usr/lib/erlang)
# With BEAMDECODE_BEFORE=/path/to/beamdecode (an earlier build), that binary is timed in the same run too, as
# "beamdecode source, before": before and after side by side under the same load.
set -euo pipefail

runs=10
if [ "${1:-}" = "-n" ]; then
  [ $# -ge 2 ] || { echo "compare-source.sh: -n needs a number" >&2; exit 2; }
  runs=$2
  shift 2
fi
case "$runs" in '' | *[!0-9]* | 0) echo "compare-source.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;; esac
trees=("$@")
[ ${#trees[@]} -gt 0 ] || trees=(/usr/lib/erlang)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
name=compare-source.sh
# shellcheck source=lib.sh
. "$here/lib.sh"
results=$here/results
bin=$repo/artifacts/bench-source
mkdir -p "$results" "$bin"
# The .erl files go to tmpfs (/dev/shm, or $SOURCE_TMPFS), for both sides: on this machine's ext4, creating files
# right after the previous run's were deleted scans past every recently deleted inode (see compare-disasm.sh), which
# would time the file system's history rather than the work.
tmpfs_root=${SOURCE_TMPFS:-/dev/shm}
[ -d "$tmpfs_root" ] && [ -w "$tmpfs_root" ] || tmpfs_root=${TMPDIR:-/tmp}
out=$(mktemp -d "$tmpfs_root/compare-source.XXXXXX")
trap 'rm -rf "$out"' EXIT

require_tools dotnet hyperfine escript erl jq

build_beamdecode "$bin"

# Both sides must succeed and write the same number of modules before they are timed. beamdecode exits 2 when
# some module has no Erlang debug info (it names each on stderr); the escript skips those silently.
before=${BEAMDECODE_BEFORE:-}
for exe in "$jit" ${aot:+"$aot"} ${before:+"$before"}; do
  rm -rf "$out/check"
  "$exe" source "${trees[@]}" -o "$out/check" 2>"$out/stderr" || true
  if grep -v ': BD040[13]: ' "$out/stderr" | grep -q .; then
    echo "compare-source.sh: $exe source reported problems:" >&2; head "$out/stderr" >&2; exit 2
  fi
done
modules=$(find "$out/check" -name '*.erl' | wc -l)
rm -rf "$out/pp"
said=$(escript "$here/erl_pp_all.escript" "$out/pp" "${trees[@]}" | tail -1)
[ "$said" = "$modules modules" ] || { echo "compare-source.sh: beamdecode wrote $modules .erl files, the escript says: $said" >&2; exit 2; }
erl_bytes=$(find "$out/check" -name '*.erl' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
pp_bytes=$(find "$out/pp" -name '*.erl' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

otp=$(erl -noshell -eval 'io:put_chars(erlang:system_info(otp_release)), halt().')
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# beamdecode exits 2 for modules without Erlang debug info (Elixir's, say): -i lets hyperfine time it anyway.
q() { printf '%q ' "$@"; }
cmds=()
[ -z "$aot" ] || cmds+=(-n "beamdecode source (Native AOT)" "$(q "$aot" source "${trees[@]}" -o "$out/aot")")
[ -z "$before" ] || cmds+=(-n "beamdecode source, before" "$(q "$before" source "${trees[@]}" -o "$out/before")")
cmds+=(-n "beamdecode source (framework-dependent)" "$(q "$jit" source "${trees[@]}" -o "$out/jit")")
cmds+=(-n "beam_lib + erl_pp escript" "$(q escript "$here/erl_pp_all.escript" "$out/pp" "${trees[@]}")")
run hyperfine -N -i --warmup 1 --runs "$runs" --output=pipe --prepare "rm -rf $out/aot $out/before $out/jit $out/pp" \
  --export-json "$results/source.json" --export-markdown "$results/source.md" "${cmds[@]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
cputime() { jq -r --arg n "$2" '.results[] | select(.command == $n) | (.user + .system) * 1000' "$1"; }
fmt() { awk -v x="$1" 'BEGIN {printf "%.1f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

pp_ms=$(median "$results/source.json" "beam_lib + erl_pp escript")
pp_cpu=$(cputime "$results/source.json" "beam_lib + erl_pp escript")
{
  echo "# compare-source.sh results"
  echo
  echo "- Command: \`benchmarks/compare-source.sh -n $runs ${trees[*]}\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Input: $modules modules with Erlang debug info under ${trees[*]}; beamdecode writes $erl_bytes bytes of .erl, erl_pp $pp_bytes"
  echo "- Machine: $(nproc) cores, $cpu; Erlang/OTP $otp; $(hyperfine --version)"
  echo "- Load average before and after: $load_before / $load_after"
  echo "- hyperfine -N -i --warmup 1 --runs $runs --output=pipe; times are medians, CPU is mean user+system; .erl written to $(df --output=fstype "$out" | tail -1) ($tmpfs_root)"
  [ -z "$before" ] || echo "- before: $before"
  echo
  echo "| Command | median ms | erl_pp / this | CPU ms | erl_pp CPU / this |"
  echo "|---|---:|---:|---:|---:|"
  for name in ${aot:+"beamdecode source (Native AOT)"} ${before:+"beamdecode source, before"} "beamdecode source (framework-dependent)" "beam_lib + erl_pp escript"; do
    ms=$(median "$results/source.json" "$name")
    c=$(cputime "$results/source.json" "$name")
    echo "| $name | $(fmt "$ms") | $(ratio "$pp_ms" "$ms") | $(fmt "$c") | $(ratio "$pp_cpu" "$c") |"
  done
} >"$results/summary-source.md"

echo
cat "$results/summary-source.md"
