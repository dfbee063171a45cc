#!/usr/bin/env python3
"""Damaged copies of the fixture modules, for checking that two disasm builds fail alike (disasm-same-output.sh).

Usage: disasm_hostile_inputs.py FIXTURES_DIR OUT_DIR

Per fixture (asm_ops, features, literals, minimal): about 60 prefixes of the Code chunk (the chunk and the FOR1
sizes patched, so the container stays readable and the code decoder meets the cut), 100 random changes of one to
three bytes inside the Code chunk, 50 inside another table (LitT, Line, ImpT, AtU8, FunT, Type, StrT), 120 inside
the Attr chunk and about 30 prefixes of it. Fixed seeds: the same inputs every time.
"""
import os
import random
import sys

from hostile_beams import Variants, chunks, mutated, rebuilt


def cut(data, found, cut_id, keep):
    """The file with chunk cut_id cut to its first keep bytes, sizes patched."""
    return rebuilt(data, found, lambda cid, chunk: chunk[:keep] if cid == cut_id else chunk)


def mutated_in(data, rnd, pos, size):
    """One to three random bytes changed inside the data of the chunk whose header is at pos."""
    return mutated(data, rnd, pos + 8, pos + 8 + size)


def main():
    src, out = sys.argv[1], sys.argv[2]
    variants = Variants(out)
    write = variants.write
    rnd = random.Random(12345)

    for name in ['asm_ops', 'features', 'literals', 'minimal']:
        with open(os.path.join(src, name + '.beam'), 'rb') as f:
            data = f.read()
        found = chunks(data)
        by_id = {cid: (pos, size) for cid, pos, size in found}
        code_pos, code_size = by_id[b'Code']
        for keep in range(0, code_size, max(1, code_size // 60)):
            write(f'{name}-code-prefix-{keep}', cut(data, found, b'Code', keep))
        tables = [(pos, size) for cid, pos, size in found
                  if cid in (b'LitT', b'Line', b'ImpT', b'AtU8', b'FunT', b'Type', b'StrT') and size > 0]
        for j in range(150):
            pos, size = (code_pos, code_size) if j < 100 else rnd.choice(tables)
            write(f'{name}-mut-{j}', mutated_in(data, rnd, pos, size))
        if b'Attr' in by_id and by_id[b'Attr'][1] > 0:
            attr_pos, attr_size = by_id[b'Attr']
            for j in range(120):
                write(f'{name}-attr-mut-{j}', mutated_in(data, rnd, attr_pos, attr_size))
            for keep in range(0, attr_size, max(1, attr_size // 30)):
                write(f'{name}-attr-prefix-{keep}', cut(data, found, b'Attr', keep))
    print(variants.count)


if __name__ == '__main__':
    main()
