"""What the damaged-input generators (info_hostile_inputs.py, disasm_hostile_inputs.py) share: reading a module's
chunk layout, rebuilding it with chunks edited, changing random bytes, and writing the variants."""
import os
import struct


def chunks(data):
    """(id, position of the chunk header, size) of every chunk of an uncompressed FOR1/BEAM file."""
    pos, found = 12, []
    while pos + 8 <= len(data):
        size = struct.unpack('>I', data[pos + 4:pos + 8])[0]
        found.append((data[pos:pos + 4], pos, size))
        pos += 8 + ((size + 3) & ~3)
    return found


def rebuilt(data, found, edit):
    """The file with each chunk's data passed through edit(id, data) (None drops the chunk), sizes patched."""
    body = bytearray()
    for cid, pos, size in found:
        chunk = edit(cid, data[pos + 8:pos + 8 + size])
        if chunk is None:
            continue
        body += cid + struct.pack('>I', len(chunk)) + chunk + b'\0' * ((4 - len(chunk) % 4) % 4)
    return b'FOR1' + struct.pack('>I', len(body) + 4) + b'BEAM' + bytes(body)


def mutated(data, rnd, start, end):
    """A copy with one to three random bytes in [start, end) set to random values."""
    copy = bytearray(data)
    for _ in range(rnd.choice([1, 1, 2, 3])):
        copy[rnd.randrange(start, end)] = rnd.randrange(256)
    return bytes(copy)


class Variants:
    """Writes NAME.beam files into a directory and counts them."""

    def __init__(self, out):
        os.makedirs(out, exist_ok=True)
        self.out, self.count = out, 0

    def write(self, name, data):
        with open(os.path.join(self.out, name + '.beam'), 'wb') as f:
            f.write(data)
        self.count += 1
