#!/usr/bin/env bash
# Whole-process timing of the disassembler, side by side in one hyperfine run:
#   `beamdecode disasm TREE... --check` (every module disassembled in memory, nothing written: the escript's job) and
#   `beamdecode disasm TREE... -o OUT` (one .S file per module: that job plus 72 MB of text) against
#   benchmarks/beam_disasm_all.escript TREE... (beam_disasm:file/1 on the same files, the result walked, nothing written).
# beamdecode is built first in Release: the Native AOT binary when clang is on PATH (as the linux-x64 tool package
# ships it), and always the framework-dependent build (as the `any` package ships it).
# Results (hyperfine JSON and markdown, summary-disasm.md) go to benchmarks/results/.
#
# Where the .S files go: the timed runs write into a directory on tmpfs (/dev/shm, or $DISASM_TMPFS), and the
# Native AOT build once more into a directory on the disk that holds /tmp (or $DISASM_DISK). On a disk file system
# the cost of creating 786 files depends on the machine's recent history: ext4 without a journal (this machine's
# root) scans past every inode deleted in the last few minutes before it reuses one (ialloc.c recently_deleted),
# so the usual `--prepare 'rm -rf OUT'` made each run pay for the deletions of the run before, and any other job
# deleting files did the same. The disk runs therefore move the previous output aside (deleted when the script
# ends) instead of deleting it; tmpfs has no such history, which makes it the comparable figure.
#
# Usage: benchmarks/compare-disasm.sh [-n RUNS] [TREE...]      (default: 10 runs, TREE /usr/lib/erlang)
set -euo pipefail

runs=10
if [ "${1:-}" = "-n" ]; then
  [ $# -ge 2 ] || { echo "compare-disasm.sh: -n needs a number" >&2; exit 2; }
  runs=$2
  shift 2
fi
case "$runs" in '' | *[!0-9]* | 0) echo "compare-disasm.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;; esac
trees=("$@")
[ ${#trees[@]} -gt 0 ] || trees=(/usr/lib/erlang)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
name=compare-disasm.sh
# shellcheck source=lib.sh
. "$here/lib.sh"
results=$here/results
bin=$repo/artifacts/bench-disasm
mkdir -p "$results" "$bin"
tmpfs_root=${DISASM_TMPFS:-/dev/shm}
[ -d "$tmpfs_root" ] && [ -w "$tmpfs_root" ] || tmpfs_root=${TMPDIR:-/tmp}
out=$(mktemp -d "$tmpfs_root/compare-disasm.XXXXXX")
disk=$(mktemp -d "${DISASM_DISK:-${TMPDIR:-/tmp}}/compare-disasm.XXXXXX")
trap 'rm -rf "$out" "$disk"' EXIT

echo "+ $0${*:+ $*}  (runs=$runs, trees: ${trees[*]})"

require_tools dotnet hyperfine escript erl jq
for tree in "${trees[@]}"; do
  [ -e "$tree" ] || { echo "compare-disasm.sh: no such file or directory: $tree" >&2; exit 2; }
done

# --- build -----------------------------------------------------------------------------------------------
build_beamdecode "$bin"

exes=("$jit")
[ -z "$aot" ] || exes=("$aot" "$jit")

# The commands must succeed, and agree on the module count, before they are timed.
for exe in "${exes[@]}"; do
  rm -rf "$out/check"
  "$exe" disasm "${trees[@]}" -o "$out/check" || { echo "compare-disasm.sh: $exe disasm failed on ${trees[*]}" >&2; exit 2; }
done
modules=$(find "$out/check" -name '*.S' | wc -l)
# --check (disassembly in memory, nothing written: the escript's job) must read the same modules and report exactly
# what the disassembly to files reported, i.e. nothing.
for exe in "${exes[@]}"; do
  "$exe" disasm "${trees[@]}" --check >"$out/check-stdout" 2>"$out/check-stderr" \
    || { echo "compare-disasm.sh: $exe disasm --check failed on ${trees[*]}" >&2; head "$out/check-stderr" >&2; exit 2; }
  [ ! -s "$out/check-stdout" ] && [ ! -s "$out/check-stderr" ] \
    || { echo "compare-disasm.sh: $exe disasm --check printed something" >&2; exit 2; }
done
instructions=$(escript "$here/beam_disasm_all.escript" "${trees[@]}" | tail -1) \
  || { echo "compare-disasm.sh: beam_disasm_all.escript failed on ${trees[*]}" >&2; exit 2; }
case "$instructions" in
  "$modules modules, "*) ;;
  *) echo "compare-disasm.sh: beamdecode wrote $modules .S files, the escript says: $instructions" >&2; exit 2 ;;
esac
asm_bytes=$(find "$out/check" -name '*.S' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

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

fs_out=$(df --output=fstype "$out" | tail -1)
fs_disk=$(df --output=fstype "$disk" | tail -1)

# --- timings ---------------------------------------------------------------------------------------------
# hyperfine -N splits a command line as a shell would, so quote each word. Each beamdecode run writes into a
# directory that does not exist yet: emptied on tmpfs, the previous one moved aside on the disk (see above).
q() { printf '%q ' "$@"; }
cmds=()
prepares=()
if [ -n "$aot" ]; then
  cmds+=(-n "beamdecode disasm --check (Native AOT)" "$(q "$aot" disasm "${trees[@]}" --check)")
  prepares+=(--prepare "true")
  cmds+=(-n "beamdecode disasm (Native AOT)" "$(q "$aot" disasm "${trees[@]}" -o "$out/aot")")
  prepares+=(--prepare "rm -rf $(q "$out/aot")")
  cmds+=(-n "beamdecode disasm (Native AOT, .S on $fs_disk)" "$(q "$aot" disasm "${trees[@]}" -o "$disk/aot")")
  prepares+=(--prepare "sh -c $(q "mkdir -p '$disk/old' && if [ -e '$disk/aot' ]; then mv '$disk/aot' \"\$(mktemp -d '$disk/old/XXXXXX')\"; fi")")
fi
cmds+=(-n "beamdecode disasm (framework-dependent)" "$(q "$jit" disasm "${trees[@]}" -o "$out/jit")")
prepares+=(--prepare "rm -rf $(q "$out/jit")")
cmds+=(-n "beam_disasm escript" "$(q escript "$here/beam_disasm_all.escript" "${trees[@]}")")
prepares+=(--prepare "true")
run hyperfine -N --warmup 1 --runs "$runs" --output=pipe "${prepares[@]}" \
  --export-json "$results/disasm.json" --export-markdown "$results/disasm.md" "${cmds[@]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- summary ---------------------------------------------------------------------------------------------
# Median in ms, and mean user+system CPU in ms, of the result named $2 in hyperfine JSON $1.
median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
cputime() { jq -r --arg n "$2" '.results[] | select(.command == $n) | (.user + .system) * 1000' "$1"; }
fmt() { awk -v x="$1" 'BEGIN {printf "%.1f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

escript_ms=$(median "$results/disasm.json" "beam_disasm escript")
escript_cpu=$(cputime "$results/disasm.json" "beam_disasm escript")
{
  echo "# compare-disasm.sh results"
  echo
  echo "- Command: \`benchmarks/compare-disasm.sh -n $runs ${trees[*]}\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Input: $modules modules, $bytes bytes of .beam files under ${trees[*]}; $instructions (beam_disasm);"
  echo "  beamdecode writes $asm_bytes bytes of .S"
  echo "- Machine: $(nproc) cores, $cpu; Erlang/OTP $otp_full; .NET $dotnet_runtime; $(hyperfine --version)"
  echo "- Load average before and after: $load_before / $load_after"
  echo "- hyperfine -N --warmup 1 --runs $runs --output=pipe; times are medians, CPU is mean user+system"
  echo "- .S written to $fs_out ($tmpfs_root), and for the disk row to $fs_disk (${DISASM_DISK:-${TMPDIR:-/tmp}})"
  echo
  echo "| Command | median ms | beam_disasm / this | CPU ms | beam_disasm CPU / this |"
  echo "|---|---:|---:|---:|---:|"
  for name in ${aot:+"beamdecode disasm --check (Native AOT)"} ${aot:+"beamdecode disasm (Native AOT)"} \
    ${aot:+"beamdecode disasm (Native AOT, .S on $fs_disk)"} \
    "beamdecode disasm (framework-dependent)" "beam_disasm escript"; do
    ms=$(median "$results/disasm.json" "$name")
    c=$(cputime "$results/disasm.json" "$name")
    echo "| $name | $(fmt "$ms") | $(ratio "$escript_ms" "$ms") | $(fmt "$c") | $(ratio "$escript_cpu" "$c") |"
  done
} >"$results/summary-disasm.md"

echo
cat "$results/summary-disasm.md"
