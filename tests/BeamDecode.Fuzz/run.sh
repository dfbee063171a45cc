#!/usr/bin/env bash
# usage: tests/BeamDecode.Fuzz/run.sh TARGET SECONDS [more afl-fuzz options]
#
# One AFL++ campaign on one target (BeamDecode.Fuzz --list names them): installs afl++ and SharpFuzz.CommandLine
# when missing, builds the harness in Release, instruments the library assemblies, then runs afl-fuzz for SECONDS
# from the target's seed folder with dicts/TARGET.dict. Results: artifacts/fuzz/TARGET/out (crashes/, hangs/, fuzzer_stats);
# the closing lines repeat the figures docs/reliability.md reports. Set FUZZ_NICE=19 to yield a shared CPU.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET SECONDS [afl-fuzz options]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$root/artifacts/fuzz
tools=$work/tools
bin=$work/$target/bin
out=$work/$target/out
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1


# AFL++ from Debian (4.04c verified here; ../shared/design/facts.md).
if ! command -v afl-fuzz >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq afl++ >/dev/null
fi

# SharpFuzz's instrumenter as a local tool, same version as the SharpFuzz package the harness references.
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

# A fresh Release build per campaign: instrumentation rewrites the assemblies in place and must happen once.
rm -rf "$bin"
# Under a lock: campaigns run side by side (campaign.sh) share the projects' obj folders.
mkdir -p "$work"
flock "$work/build.lock" dotnet build "$here/BeamDecode.Fuzz.csproj" -c Release -o "$bin" -v quiet -nologo 2>&1 | grep -E "error|Warn|Error" || true
# The target's seed folder (the front end's targets share one), from the harness's own list.
seeds=$(dotnet "$bin/BeamDecode.Fuzz.dll" --list | awk -F'\t' -v t="$target" '$1 == t { print $2 }')
if [ -z "$seeds" ] || [ ! -d "$here/seeds/$seeds" ]; then
  echo "run.sh: no target $target (targets: $(dotnet "$bin/BeamDecode.Fuzz.dll" --list | cut -f1 | tr '\n' ' '))" >&2
  exit 2
fi

# The harness must accept every seed before AFL starts (afl-fuzz would otherwise report a crashing seed). Before
# instrumenting: instrumented code writes AFL's shared coverage map, which exists only under afl-fuzz.
dotnet "$bin/BeamDecode.Fuzz.dll" "$target" --replay "$here/seeds/$seeds" >/dev/null

for dll in BeamDecode.Metadata BeamDecode.Syntax BeamDecode.Decompiler BeamDecode.Forensics; do
  "$tools/sharpfuzz" "$bin/$dll.dll" >/dev/null
done

rm -rf "$out"
mkdir -p "$out"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# -t 1000: an input taking over a second is a hang (the contract); -m none: the CLR reserves far more address
# space than it uses, so AFL's memory limit would kill it at start-up; peak memory is measured separately.
nice -n "${FUZZ_NICE:-0}" afl-fuzz -i "$here/seeds/$seeds" -o "$out" -x "$here/dicts/$target.dict" \
  -t 1000 -m none -V "$seconds" "$@" -- dotnet "$bin/BeamDecode.Fuzz.dll" "$target" > "$work/$target/afl.log" 2>&1 || {
  echo "run.sh: afl-fuzz failed; last lines of $work/$target/afl.log:" >&2
  tail -n 30 "$work/$target/afl.log" >&2
  exit 1
}

stats=$out/default/fuzzer_stats
field() { grep -E "^$1 +:" "$stats" | sed 's/.*: *//'; }
echo "target=$target run_time=$(field run_time)s execs=$(field execs_done) execs_per_sec=$(field execs_per_sec)" \
  "paths=$(field corpus_count) crashes=$(field saved_crashes) hangs=$(field saved_hangs)" \
  "stability=$(field stability) edges=$(field edges_found)/$(field total_edges)"
