#!/usr/bin/env bash
# Checks that two builds of beamdecode disassemble alike, byte for byte: the .S files, stdout, stderr and exit codes
# of `disasm TREE -o DIR` over /usr/lib/erlang, the OTP 27 corpus ($BEAMDECODE_OTP27_CORPUS, when set) and
# /usr/lib/elixir (when present), of single files to stdout and with --function, and of the damaged fixtures
# disasm_hostile_inputs.py writes (as a directory, and one file at a time). For speed work on `disasm`, whose output
# must not change: run it with the build before and the build after.
#
# Usage: benchmarks/disasm-same-output.sh BEFORE_BINARY AFTER_BINARY [WORK_DIR]     (exit 0: identical)
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY [WORK_DIR]" >&2; exit 2; }
before=$1
after=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/disasm-same-output.XXXXXX")}
mkdir -p "$work"
hostile=$work/hostile
rm -rf "$hostile"
echo "damaged fixtures: $(python3 "$here/disasm_hostile_inputs.py" "$repo/fixtures/beam" "$hostile")"

trees=(/usr/lib/erlang)
[ -n "${BEAMDECODE_OTP27_CORPUS:-}" ] && [ -d "$BEAMDECODE_OTP27_CORPUS" ] && trees+=("$BEAMDECODE_OTP27_CORPUS")
[ -d /usr/lib/elixir ] && trees+=(/usr/lib/elixir)

# Everything one build writes goes under $1/; its exit codes go into the files beside its output.
run_all() {
  local bin=$1 out=$2 i=0
  rm -rf "$out"
  mkdir -p "$out/single"
  for tree in "${trees[@]}" "$hostile"; do
    i=$((i + 1))
    set +e
    "$bin" disasm "$tree" -o "$out/tree$i" >"$out/tree$i.stdout" 2>"$out/tree$i.stderr"
    echo "exit $?" >>"$out/tree$i.stderr"
    set -e
  done
  for f in "$repo"/fixtures/beam/*.beam "$repo"/fixtures/beam/compressed/asm_ops.beam \
    /usr/lib/erlang/lib/stdlib-*/ebin/lists.beam /usr/lib/erlang/lib/stdlib-*/ebin/gen_server.beam; do
    [ -e "$f" ] || continue
    i=$((i + 1))
    set +e
    "$bin" disasm "$f" >"$out/single/$i.S" 2>"$out/single/$i.stderr"
    echo "exit $?" >>"$out/single/$i.stderr"
    "$bin" disasm "$f" --function foldl/3 >"$out/single/$i.foldl.S" 2>"$out/single/$i.foldl.stderr"
    echo "exit $?" >>"$out/single/$i.foldl.stderr"
    set -e
  done
  for f in "$hostile"/*.beam; do
    set +e
    echo "== $(basename "$f")"
    "$bin" disasm "$f" 2>&1 | md5sum
    echo "exit ${PIPESTATUS[0]}"
    set -e
  done >"$out/hostile-one-by-one.txt"
}

run_all "$before" "$work/before"
run_all "$after" "$work/after"
if diff -r "$work/before" "$work/after" >"$work/diff.txt"; then
  echo "identical ($(find "$work/after" -name '*.S' | wc -l) .S files; $(grep -c ': BD' "$work/after/tree$((${#trees[@]} + 1)).stderr" || true) diagnostics on the damaged fixtures); work dir $work"
else
  echo "DIFFERENT: see $work/diff.txt" >&2
  head -40 "$work/diff.txt" >&2
  exit 1
fi
