#!/usr/bin/env python3
"""Draws src/IncidentHub.Web/wwwroot/favicon.ico from the shapes of favicon.svg beside it.

Browsers ask for /favicon.ico whatever the page links; the SVG is the icon the layout links. No image
library is needed: the shapes are sampled 4 x 4 times per pixel and written as 16 and 32 pixel
32-bit bitmaps in one .ico file. Run it again after changing the SVG.
"""
import struct
from pathlib import Path

NAVY, AMBER = (0x14, 0x26, 0x3D), (0xF2, 0xB6, 0x00)


def inside_rounded(x, y, left, top, width, height, radius):
    if not (left <= x <= left + width and top <= y <= top + height):
        return False
    cx = min(max(x, left + radius), left + width - radius)
    cy = min(max(y, top + radius), top + height - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def inside_triangle(x, y):
    # The triangle (16,5) (28,26) (4,26): below its top and between its two sides.
    return 5 <= y <= 26 and abs(x - 16) <= (y - 5) * 12 / 21


def colour_at(x, y):
    """The SVG's shapes painted in order: the navy tile, the amber triangle, the navy mark."""
    if not inside_rounded(x, y, 0, 0, 32, 32, 6):
        return None
    if inside_rounded(x, y, 14.75, 11.5, 2.5, 8.5, 1) or (x - 16) ** 2 + (y - 22.75) ** 2 <= 1.5 ** 2:
        return NAVY
    return AMBER if inside_triangle(x, y) else NAVY


def bitmap(size):
    samples, scale, rows = 4, 32 / size, []
    for row in range(size - 1, -1, -1):  # bitmaps run bottom up
        line = b""
        for column in range(size):
            hits = [colour_at((column + (i + 0.5) / samples) * scale, (row + (j + 0.5) / samples) * scale)
                    for i in range(samples) for j in range(samples)]
            painted = [hit for hit in hits if hit is not None]
            if not painted:
                line += b"\0\0\0\0"
                continue
            r, g, b = (round(sum(channel) / len(painted)) for channel in zip(*painted))
            line += bytes((b, g, r, round(255 * len(painted) / len(hits))))
        rows.append(line)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    mask = b"\0" * (((size + 31) // 32) * 4 * size)  # the alpha channel decides; the AND mask stays clear
    return header + b"".join(rows) + mask


def main():
    images = [(size, bitmap(size)) for size in (16, 32)]
    data, offset = struct.pack("<HHH", 0, 1, len(images)), 6 + 16 * len(images)
    for size, image in images:
        data += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    data += b"".join(image for _, image in images)
    target = Path(__file__).resolve().parent.parent / "src/IncidentHub.Web/wwwroot/favicon.ico"
    target.write_bytes(data)
    print(f"{target.name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
