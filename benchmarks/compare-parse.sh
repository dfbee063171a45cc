#!/usr/bin/env bash
# Whole-process timing of the Erlang front end, side by side in one hyperfine run, over every .erl of the installed
# OTP's sources (ROOT/lib/*/src), both sides with the same include directories (every application's include and src
# directory):
#   - `beamdecode parse SRC... -I INC... --check --otp-release R`: lexer, preprocessor and parser over every source,
#     diagnostics reported, nothing printed: the same job as the escript (like for like);
#   - `beamdecode parse SRC... -I INC... --forms -o OUT --otp-release R`: the same, plus every form built as an
#     abstract-format term and printed (one .forms file per source, written): more work than the escript does;
#   - benchmarks/epp_parse_all.escript INC... -- SRC...: epp:parse_file/2 of every source, forms counted, not printed.
# beamdecode is built first in Release: the Native AOT binary when clang is on PATH (as the linux-x64 tool package
# ships it), and always the framework-dependent build (as the `any` package ships it).
# Results (hyperfine JSON and markdown, summary-parse.md) go to benchmarks/results/.
#
# Usage: benchmarks/compare-parse.sh [-n RUNS] [ROOT]      (default: 10 runs, ROOT /usr/lib/erlang)
set -euo pipefail

runs=10
if [ "${1:-}" = "-n" ]; then
  [ $# -ge 2 ] || { echo "compare-parse.sh: -n needs a number" >&2; exit 2; }
  runs=$2
  shift 2
fi
case "$runs" in '' | *[!0-9]* | 0) echo "compare-parse.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;; esac
root=${1:-/usr/lib/erlang}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
name=compare-parse.sh
# shellcheck source=lib.sh
. "$here/lib.sh"
results=$here/results
bin=$repo/artifacts/bench-parse
mkdir -p "$results" "$bin"
# The .forms files go to tmpfs (/dev/shm, or $PARSE_TMPFS): on this machine's ext4, creating files right after
# the previous run's were deleted scans past every recently deleted inode (see compare-disasm.sh), which would time
# the file system's history rather than the printing.
tmpfs_root=${PARSE_TMPFS:-/dev/shm}
[ -d "$tmpfs_root" ] && [ -w "$tmpfs_root" ] || tmpfs_root=${TMPDIR:-/tmp}
out=$(mktemp -d "$tmpfs_root/compare-parse.XXXXXX")
trap 'rm -rf "$out"' EXIT

require_tools dotnet hyperfine escript erl jq

srcs=()
incs=()
for app in "$root"/lib/*/; do
  app=${app%/}
  [ -d "$app/src" ] || continue
  srcs+=("$app/src")
  incs+=("$app/include" "$app/src")
done
[ ${#srcs[@]} -gt 0 ] || { echo "compare-parse.sh: no $root/lib/*/src directories" >&2; exit 2; }
iflags=()
for i in "${incs[@]}"; do iflags+=(-I "$i"); done
otp=$(erl -noshell -eval 'io:put_chars(erlang:system_info(otp_release)), halt().')

build_beamdecode "$bin"

# Both sides must read the same files before they are timed. beamdecode exits 2 when a source has errors (an
# include found in no directory given, a macro only a Makefile defines): epp has them too, so -i below. --check
# must report exactly the diagnostics the --forms run reports (it does the same reading, minus the printing).
for exe in "$jit" ${aot:+"$aot"}; do
  rm -rf "$out/check"
  "$exe" parse "${srcs[@]}" "${iflags[@]}" --forms -o "$out/check" --otp-release "$otp" 2>"$out/stderr" || true
  "$exe" parse "${srcs[@]}" "${iflags[@]}" --check --otp-release "$otp" >"$out/stdout-check" 2>"$out/stderr-check" || true
  cmp -s "$out/stderr" "$out/stderr-check" || { echo "compare-parse.sh: $exe parse --check reports other diagnostics than --forms" >&2; exit 2; }
  [ ! -s "$out/stdout-check" ] || { echo "compare-parse.sh: $exe parse --check printed to stdout" >&2; exit 2; }
done
files=$(find "$out/check" -name '*.forms' | wc -l)
errors=$(grep -c ': BD05' "$out/stderr" || true)
said=$(escript "$here/epp_parse_all.escript" "${incs[@]}" -- "${srcs[@]}" | tail -1)
case "$said" in "$files files, "*) ;; *) echo "compare-parse.sh: beamdecode wrote $files .forms files, the escript says: $said" >&2; exit 2 ;; esac
forms=$(cat "$out/check"/*.forms | wc -l)
bytes=$(find "${srcs[@]}" -name '*.erl' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

q() { printf '%q ' "$@"; }
cmds=()
names=()
add() { names+=("$1"); cmds+=(-n "$1" "$2"); }
[ -z "$aot" ] || add "beamdecode parse --check (Native AOT)" "$(q "$aot" parse "${srcs[@]}" "${iflags[@]}" --check --otp-release "$otp")"
add "beamdecode parse --check (framework-dependent)" "$(q "$jit" parse "${srcs[@]}" "${iflags[@]}" --check --otp-release "$otp")"
[ -z "$aot" ] || add "beamdecode parse --forms -o (Native AOT)" "$(q "$aot" parse "${srcs[@]}" "${iflags[@]}" --forms -o "$out/aot" --otp-release "$otp")"
add "beamdecode parse --forms -o (framework-dependent)" "$(q "$jit" parse "${srcs[@]}" "${iflags[@]}" --forms -o "$out/jit" --otp-release "$otp")"
add "epp:parse_file escript" "$(q escript "$here/epp_parse_all.escript" "${incs[@]}" -- "${srcs[@]}")"
run hyperfine -N -i --warmup 1 --runs "$runs" --output=pipe --prepare "rm -rf $out/aot $out/jit" \
  --export-json "$results/parse.json" --export-markdown "$results/parse.md" "${cmds[@]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
cputime() { jq -r --arg n "$2" '.results[] | select(.command == $n) | (.user + .system) * 1000' "$1"; }
fmt() { awk -v x="$1" 'BEGIN {printf "%.1f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
atleast5() { awk -v a="$1" -v b="$2" 'BEGIN {print (a >= 5 * b ? "met" : "not met")}'; }

epp_ms=$(median "$results/parse.json" "epp:parse_file escript")
epp_cpu=$(cputime "$results/parse.json" "epp:parse_file escript")
{
  echo "# compare-parse.sh results"
  echo
  echo "- Command: \`benchmarks/compare-parse.sh -n $runs $root\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Input: $files .erl files ($bytes bytes) under $root/lib/*/src, ${#incs[@]} include directories; $forms forms, errors and eofs written by beamdecode ($errors diagnostics: includes and macros the OTP build gives and this command line does not, epp reports them too)"
  echo "- Machine: $(nproc) cores, $cpu; Erlang/OTP $otp; $(hyperfine --version)"
  echo "- Load average before and after: $load_before / $load_after"
  echo "- hyperfine -N -i --warmup 1 --runs $runs --output=pipe; times are medians, CPU is mean user+system; .forms written to $tmpfs_root"
  echo
  echo "\`--check\` does the escript's job (read, preprocess, parse; diagnostics only); \`--forms -o\` also builds and writes"
  echo "every form as ~w text, which the escript does not. The target is at least 5x faster than the escript."
  echo
  echo "| Command | median ms | epp / this | CPU ms | epp CPU / this | 5x (wall, CPU) |"
  echo "|---|---:|---:|---:|---:|---|"
  for name in "${names[@]}"; do
    ms=$(median "$results/parse.json" "$name")
    c=$(cputime "$results/parse.json" "$name")
    met=
    [ "$name" = "epp:parse_file escript" ] || met="$(atleast5 "$epp_ms" "$ms"), $(atleast5 "$epp_cpu" "$c")"
    echo "| $name | $(fmt "$ms") | $(ratio "$epp_ms" "$ms") | $(fmt "$c") | $(ratio "$epp_cpu" "$c") | $met |"
  done
} >"$results/summary-parse.md"

echo
cat "$results/summary-parse.md"
