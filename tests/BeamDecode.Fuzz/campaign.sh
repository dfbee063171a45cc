#!/usr/bin/env bash
# usage: tests/BeamDecode.Fuzz/campaign.sh FAMILY [SECONDS]
#
# One target family's campaign (docs/reliability.md, "Campaigns"): run.sh on each target of the family in turn,
# SECONDS (default 3600) split evenly between them, at nice 19 unless FUZZ_NICE says otherwise. The three
# families can run side by side (run.sh builds under a lock). Each target's closing line is appended to
# artifacts/fuzz/campaign-FAMILY.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case "${1:-}" in
  binary) targets=(etf litt code dbgi) ;;
  containers) targets=(container archive dump tar crashdump carve baseline) ;;
  frontend) targets=(lexer epp parser) ;;
  *) echo "usage: $0 binary|containers|frontend [SECONDS]" >&2; exit 2 ;;
esac
family=$1
seconds=${2:-3600}
each=$((seconds / ${#targets[@]}))
log=$root/artifacts/fuzz/campaign-$family.log
mkdir -p "$(dirname "$log")"
export FUZZ_NICE=${FUZZ_NICE:-19}
for t in "${targets[@]}"; do
  echo "== $(date -u +%FT%TZ) $t $each s" >> "$log"
  "$here/run.sh" "$t" "$each" | tail -n 1 >> "$log"
done
cat "$log"
