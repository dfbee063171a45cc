#!/usr/bin/env bash
# Times the collector on a node with about 2,000 modules: OTP's own libraries (786 on OTP 25) plus N tiny modules
# (default 1,214) loaded from files, then reads the dump back with `beamdecode dump list`.
# Usage: benchmarks/collector-big-node.sh [N] [WORKDIR]
set -euo pipefail
name=collector-big-node.sh
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/benchmarks/lib.sh"
require_tools erl erlc dotnet
n=${1:-1214}
work=${2:-$(mktemp -d /tmp/bd-big-node.XXXXXX)}
mkdir -p "$work"
run dotnet build "$repo/src/BeamDecode.Cli" -c Release -v quiet -nologo
bd="dotnet $repo/src/BeamDecode.Cli/bin/Release/net10.0/beamdecode.dll"
rm -f "$work/big.dump"
$bd collector --out "$work/big.dump" > "$work/collector.expr"
run erlc -o "$work" "$repo/benchmarks/bd_big_node.erl"
run erl -noshell -noinput -pa "$work" -eval "bd_big_node:run(\"$work/tiny\", $n, \"$work/collector.expr\"), halt()."
ls -l "$work/big.dump"
for i in 1 2 3; do /usr/bin/time -f "dump list: %e s, %M KB" $bd dump list "$work/big.dump" > /dev/null; done
$bd dump list "$work/big.dump" | sed -n 4p
