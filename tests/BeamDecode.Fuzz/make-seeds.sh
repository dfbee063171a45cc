#!/usr/bin/env bash
# Rebuilds seeds/ (committed; run only on purpose): small valid inputs per target from fixtures/beam, plus terms,
# archives and a dump written by Erlang/OTP itself. Needs erl/escript and zip.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=$here/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{container,etf,litt,code,dbgi,archive,dump}
fx=$root/fixtures/beam
corpus=${BEAMDECODE_OTP27_CORPUS:-/root/.cache/beamdecode-corpus/otp27}

# container: a tiny beam of each build variant (OTP 25), gzipped included, and OTP 27 Erlang/Elixir ones if present.
cp "$fx/minimal.beam" "$seeds/container/otp25-minimal.beam"
cp "$fx/compressed/minimal.beam" "$seeds/container/otp25-minimal-gzip.beam"
cp "$fx/nodebug/literals.beam" "$seeds/container/otp25-literals-nodebug.beam"
cp "$fx/encrypted/minimal.beam" "$seeds/container/otp25-minimal-encrypted.beam"
if [ -d "$corpus" ]; then
  cp "$corpus/usr/lib/erlang/lib/erts-15.2.7/ebin/prim_eval.beam" "$seeds/container/otp27-prim_eval.beam" || true
  cp "$corpus/usr/lib/elixir/lib/elixir/ebin/Elixir.Supervisor.Default.beam" "$seeds/container/elixir118-supervisor-default.beam" || true
fi

# Chunk-level seeds, cut out of fixtures by Erlang (beam_lib gives the chunk data as stored).
escript "$here/make-seeds.escript" "$root" "$seeds"

# archive: an .ez (zip of app-1.0/ebin/*.beam), an escript with a zip body and one with a beam body.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/app-1.0/ebin"
cp "$fx/nodebug/minimal.beam" "$tmp/app-1.0/ebin/minimal.beam"
(cd "$tmp" && zip -q -X -r "$seeds/archive/app-1.0.ez" app-1.0)
(cd "$tmp/app-1.0/ebin" && zip -q -X "$tmp/body.zip" minimal.beam)
{ printf '#!/usr/bin/env escript\n%%%% comment\n%%%%! -smp enable\n'; cat "$tmp/body.zip"; } > "$seeds/archive/escript-zip"
{ printf '#!/usr/bin/env escript\n'; cat "$fx/nodebug/minimal.beam"; } > "$seeds/archive/escript-beam"
ls -la "$seeds"/*
