#!/usr/bin/env bash
# Rebuilds seeds/ (committed; run only on purpose): small valid inputs per target from fixtures/beam, plus terms,
# archives and a dump written by Erlang/OTP itself. Needs erl/escript and zip. seeds/erlang (shared by the lexer, epp
# and parser targets) also holds hand-written sources (a preprocessor workout, OTP 27 syntax): it is kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=$here/seeds
find "$seeds" -mindepth 1 -maxdepth 1 -type d ! -name erlang -exec rm -rf {} +
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

# Erlang front end (one folder for the lexer, epp and parser targets): our fixture sources, next to the
# hand-written macros.erl and otp27.erl already there.
mkdir -p "$seeds/erlang"
cp "$root/fixtures/src/minimal.erl" "$root/fixtures/src/features.erl" "$seeds/erlang/"

# tar: a release-like tarball, plain and gzipped, with a beam and an .ez.
mkdir -p "$seeds/tar" "$tmp/rel/lib/app-1.0/ebin"
cp "$fx/nodebug/minimal.beam" "$tmp/rel/lib/app-1.0/ebin/"
cp "$seeds/archive/app-1.0.ez" "$tmp/rel/lib/"
(cd "$tmp/rel" && tar --format=ustar --owner=0 --group=0 --mtime=2026-01-01 -cf "$seeds/tar/release.tar" lib)
gzip -9 -n -c "$seeds/tar/release.tar" > "$seeds/tar/release.tar.gz"

# crashdump: an excerpt of a real erl_crash.dump (header, loaded modules, three module sections).
mkdir -p "$seeds/crashdump"
(cd "$tmp" && erl -noshell -eval 'erlang:halt("fuzz seed")' >/dev/null 2>&1 || true)
python3 - "$tmp/erl_crash.dump" "$seeds/crashdump/excerpt.dump" <<'PY'
import sys
sections, current = [], []
for line in open(sys.argv[1], 'rb').read().split(b'\n'):
    if line.startswith(b'=') and current:
        sections.append(current)
        current = []
    current.append(line)
sections.append(current)
tag = lambda sec: sec[0].split(b':')[0]
mods = [sec for sec in sections if tag(sec) == b'=mod' and any(l.startswith(b'Current attributes') for l in sec)]
keep = [sec for sec in sections if tag(sec) in (b'=erl_crash_dump', b'=loaded_modules')] + mods[:2]
open(sys.argv[2], 'wb').write(b'\n'.join(b'\n'.join(sec) for sec in keep) + b'\n')
PY

# carve: a beam inside unrelated bytes, and a truncated one after it.
mkdir -p "$seeds/carve"
{ head -c 300 /dev/zero | tr '\0' 'x'; cat "$fx/nodebug/minimal.beam"; printf 'FOR1\0\0\1\0BEAMAtU8'; head -c 64 /dev/zero; } > "$seeds/carve/blob"

# baseline: written by the tool itself from two fixture modules.
mkdir -p "$seeds/baseline"
dotnet run --project "$root/src/BeamDecode.Cli" -v quiet -- baseline create -o "$seeds/baseline/two-modules.bdb" --force \
  "$fx/nodebug/minimal.beam" "$fx/literals.beam" >/dev/null
# The same block inflated, behind an odd byte: the target's structure-aware mode frames and compresses it.
dotnet run --project "$here" -c Release -v quiet -- --baseline-payload "$seeds/baseline/two-modules.bdb" "$seeds/baseline/payload-two-modules"
ls -la "$seeds"/{erlang,tar,crashdump,carve,baseline}
