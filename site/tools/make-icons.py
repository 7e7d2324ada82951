#!/usr/bin/env python3
"""Writes the app icons icon-192.png and icon-512.png (standard library only).

Same drawing as app-icon.svg: a full-bleed teal square with a white cross that stays inside
the central 80 %, so the icons are also safe as "maskable". Shapes are axis-aligned, so each
pixel is covered fully or partly; partial coverage is blended for clean edges at any size.
Run: python3 site/tools/make-icons.py (writes into site/icons/; kept out of site/icons so it is not published)
"""
import os
import struct
import zlib

BG = (0x0B, 0x5F, 0x5A)
FG = (0xFF, 0xFF, 0xFF)
# The cross in a 512 × 512 design space, as two rectangles (x0, y0, x1, y1).
CROSS = [(208, 136, 304, 408), (120, 224, 392, 320)]


def coverage(px0, px1, r0, r1):
    return max(0.0, min(px1, r1) - max(px0, r0))


def render(size):
    k = 512.0 / size
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        y0, y1 = y * k, (y + 1) * k
        for x in range(size):
            x0, x1 = x * k, (x + 1) * k
            a = 0.0
            for (rx0, ry0, rx1, ry1) in CROSS:
                a += coverage(x0, x1, rx0, rx1) * coverage(y0, y1, ry0, ry1)
            a = min(1.0, a / (k * k))  # the two rectangles overlap only where both are full
            row += bytes(round(b * (1 - a) + f * a) for b, f in zip(BG, FG))
        rows.append(bytes(row))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(render(size), 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "icons")
    for size in (192, 512):
        with open(os.path.join(here, "icon-%d.png" % size), "wb") as f:
            f.write(png(size))
