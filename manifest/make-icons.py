#!/usr/bin/env python3
"""Génère les icônes de l'application Teams TraAM.Bot (bibliothèque standard seulement : zlib + struct).
Generates the TraAM.Bot Teams app icons (standard library only: zlib + struct).

    python3 manifest/make-icons.py [DOSSIER]

- color.png   192×192 RGBA : fond bleu Marianne #000091, « T » blanc / Marianne blue background, white "T".
- outline.png  32×32 RGBA : « T » blanc sur fond entièrement transparent (règle Teams pour l'icône de contour)
                            white "T" on a fully transparent background (Teams rule for outline icons).
Par défaut les fichiers sont écrits à côté de ce script / by default the files are written next to this script.
"""
import os
import struct
import sys
import zlib

BLUE = (0x00, 0x00, 0x91, 0xFF)
WHITE = (0xFF, 0xFF, 0xFF, 0xFF)
TRANSPARENT = (0x00, 0x00, 0x00, 0x00)


def png_bytes(width, height, pixels):
    """pixels: list of rows, each a list of (r, g, b, a) tuples -> PNG file bytes (8-bit RGBA, no interlace)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = bytearray()
    for row in pixels:
        raw.append(0)  # filter type 0 (None) for every scanline
        for px in row:
            raw.extend(px)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # bit depth 8, colour type 6 = RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def canvas(size, background):
    return [[background for _ in range(size)] for _ in range(size)]


def fill(pixels, x, y, w, h, colour):
    for row in range(y, y + h):
        for col in range(x, x + w):
            pixels[row][col] = colour


def draw_t(pixels, size, colour):
    """A "T" from two rectangles, proportional to the icon size, centred, with a small foot (serif) for character."""
    s = size / 32.0  # design grid: 32 units
    bar_x, bar_y, bar_w, bar_h = round(6 * s), round(6 * s), round(20 * s), round(5 * s)
    stem_w = round(6 * s)
    stem_x = (size - stem_w) // 2
    stem_y, stem_h = bar_y + bar_h, round(26 * s) - (bar_y + bar_h)
    foot_w, foot_h = round(12 * s), round(2 * s)
    foot_x, foot_y = (size - foot_w) // 2, stem_y + stem_h
    fill(pixels, bar_x, bar_y, bar_w, bar_h, colour)
    fill(pixels, stem_x, stem_y, stem_w, stem_h, colour)
    fill(pixels, foot_x, foot_y, foot_w, foot_h, colour)


def write(path, size, background, glyph):
    pixels = canvas(size, background)
    draw_t(pixels, size, glyph)
    with open(path, "wb") as f:
        f.write(png_bytes(size, size, pixels))
    print(f"{path} ({size}×{size} RGBA)")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "color.png"), 192, BLUE, WHITE)
    write(os.path.join(out, "outline.png"), 32, TRANSPARENT, WHITE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
