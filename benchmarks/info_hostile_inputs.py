#!/usr/bin/env python3
"""Damaged copies of real modules, for checking that two `info --json` builds answer alike (stdout, stderr, exit code).

Usage: info_hostile_inputs.py OUT_DIR BEAM...

Per module: the file cut at about 40 places, each chunk left out in turn (a module without Code, ExpT, ImpT or StrT
has no md5; one without Atom/AtU8 has no name), 80 random changes of one to three bytes anywhere (headers and sizes
included) and 80 inside the chunks the md5 covers, FunT cut to lengths that are no multiple of its entry, and the
module gzipped. Also an empty file and a text file. Fixed seed: the same inputs every time.
"""
import gzip
import os
import random
import sys

from hostile_beams import Variants, chunks, mutated, rebuilt


def main():
    out, beams = sys.argv[1], sys.argv[2:]
    variants = Variants(out)
    write = variants.write
    rnd = random.Random(1321)

    hashed = (b'Atom', b'AtU8', b'Code', b'StrT', b'ImpT', b'ExpT', b'FunT', b'LitT', b'Meta')
    for path in beams:
        name = os.path.basename(path)[:-5]
        with open(path, 'rb') as f:
            data = f.read()
        found = chunks(data)
        for cut in sorted({rnd.randrange(len(data)) for _ in range(40)}):
            write(f'{name}-cut-{cut}', data[:cut])
        for drop, _, _ in found:
            write(f'{name}-without-{drop.decode("latin-1")}', rebuilt(data, found, lambda cid, d: None if cid == drop else d))
        for j in range(80):
            write(f'{name}-mut-{j}', mutated(data, rnd, 0, len(data)))
        spans = [(pos + 8, pos + 8 + size) for cid, pos, size in found if cid in hashed and size > 0]
        for j in range(80):
            write(f'{name}-hashed-mut-{j}', mutated(data, rnd, *rnd.choice(spans)))
        for keep in (0, 3, 4, 5, 27, 28, 29, 52):
            write(f'{name}-funt-{keep}', rebuilt(data, found, lambda cid, d: d[:keep] if cid == b'FunT' else d))
        write(f'{name}-gzipped', gzip.compress(data, mtime=0))
    write('empty', b'')
    write('text', b'not a module\n')
    print(variants.count)


if __name__ == '__main__':
    main()
