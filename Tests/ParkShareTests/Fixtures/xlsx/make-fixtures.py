#!/usr/bin/env python3
"""Writes the xlsx reader's fixtures ONCE; the tests read the checked-in files and never run this.

deflate/NAME-LEVEL.deflate  raw DEFLATE (zlib, wbits=-15) of each input at every level 0-9
deflate/manifest.txt         NAME SIZE SHA-256 of each uncompressed input
*.xlsx                       workbooks and broken archives (see write_workbooks)

Run from anywhere: python3 make-fixtures.py (deterministic: fixed seeds, fixed zip dates).
"""
import hashlib
import os
import random
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def deflate_inputs():
    rnd = random.Random(16)
    rows = []
    for i in range(3000):
        rows.append("M%03d,2026-01-01T%02d:%02d:00+08:00,%d.%03d\n"
                    % (i % 37, (i // 4) % 24, (i % 4) * 15, rnd.randrange(900), rnd.randrange(1000)))
    text = "".join(rows).encode()
    # A run: distance 1, many matches of the longest length (258).
    runs = b"x" + b"a" * 100_000 + b"tail"
    # Back-references near the far end of the 32 KiB window (zlib reaches 32,506 back), in a
    # stream long enough that the decoder has slid its window several times.
    block = bytes(rnd.randrange(256) for _ in range(2000))
    filler = bytes(rnd.randrange(256) for _ in range(30_400))
    far = (block + filler) * 3 + block
    small = b"zone,kwh\nA,1.5\n"  # short: zlib writes a fixed-Huffman block
    return {"text": text, "runs": runs, "far": far, "small": small, "empty": b""}


def write_deflate():
    out = os.path.join(HERE, "deflate")
    os.makedirs(out, exist_ok=True)
    manifest = []
    for name, data in deflate_inputs().items():
        manifest.append("%s %d %s" % (name, len(data), hashlib.sha256(data).hexdigest()))
        for level in range(10):
            c = zlib.compressobj(level, zlib.DEFLATED, -15)
            stream = c.compress(data) + c.flush()
            with open(os.path.join(out, "%s-%d.deflate" % (name, level)), "wb") as f:
                f.write(stream)
    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    write_deflate()
