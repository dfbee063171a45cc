# Shared by compare.sh, compare-disasm.sh and compare-source.sh: tool checks, command echo, and the two
# beamdecode builds every comparison times (Native AOT when clang is on PATH, and framework-dependent).
# Source it after setting `name` (the calling script's name, for messages) and `repo`.

# Prints a command, then runs it.
run() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  "$@"
}

# Fails with a message unless every named program is on PATH.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$name: '$tool' is not on PATH" >&2; exit 2; }
  done
}

# Publishes the CLI into BIN/jit and, with clang, BIN/aot; sets `jit`, `aot` (empty without clang) and `primary`.
build_beamdecode() {
  local bin=$1
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  jit=$bin/jit/beamdecode
  run dotnet publish "$repo/src/BeamDecode.Cli" -c Release -p:PublishAot=false -o "$bin/jit" -v quiet -nologo
  aot=
  if command -v clang >/dev/null; then
    run dotnet publish "$repo/src/BeamDecode.Cli" -c Release -r linux-x64 -o "$bin/aot" -v quiet -nologo
    aot=$bin/aot/beamdecode
  else
    echo "$name: clang is not on PATH, so no Native AOT build; timing the framework-dependent build only" >&2
  fi
  primary=${aot:-$jit}
}
