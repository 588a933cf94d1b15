#!/usr/bin/env bash
# Renders the web app manifest icons (public/icons/*.png) from public/icons/icon.svg and
# public/icons/maskable.svg with headless Chromium (ImageMagick here cannot render SVG).
# Usage: .ci/icons.sh    Needs: chromium (or CHROMIUM=/path/to/chrome), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ICONS="$PWD/public/icons"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# render SOURCE.svg SIZE OUT.png
render() {
  local src=$1 size=$2 out=$3
  cat >"$work/page.html" <<HTML
<!doctype html><html><head><style>
html,body{margin:0;padding:0;background:transparent;overflow:hidden}
img{display:block;width:${size}px;height:${size}px}
</style></head><body><img src="file://$ICONS/$src" alt=""></body></html>
HTML
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --default-background-color=00000000 \
    --window-size="$size,$size" --screenshot="$work/shot.png" "file://$work/page.html" >/dev/null 2>&1
  python3 - "$work/shot.png" "$ICONS/$out" "$size" <<'PY'
# Re-encodes Chromium's screenshot as small as plain zlib allows: crops to SIZE x SIZE, writes
# a palette PNG when it fits 256 colours (after light rounding), else RGBA with the best filter per row.
import struct, sys, zlib
src, dst, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, hdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        hdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = hdr
assert depth == 8 and ctype in (2, 6) and not interlace, hdr
bpp = 4 if ctype == 6 else 3
raw = zlib.decompress(idat)
stride = w * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
assert w >= size and h >= size, (w, h, size)
px = [[tuple(r[x * bpp:x * bpp + bpp]) + ((255,) if bpp == 3 else ()) for x in range(size)] for r in rows[:size]]
# Anti-aliased edges give a few hundred near-identical colours: round channels to a coarser
# step (at most 4 levels off) until the image fits a 256-colour palette.
for step in (1, 2, 4, 8):
    q = lambda p: tuple(min(255, (v + step // 2) // step * step) for v in p)
    colours = {q(p) for row in px for p in row}
    if len(colours) <= 256:
        px = [[q(p) for p in row] for row in px]
        break
colours = sorted({p for row in px for p in row}, key=lambda p: -p[3])

def filtered(lines, bpp):
    out, prev = b"", bytes(len(lines[0]))
    for line in lines:
        best = None
        for f in range(5):
            enc = bytearray()
            for x in range(len(line)):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                if f == 0: v = line[x]
                elif f == 1: v = line[x] - a
                elif f == 2: v = line[x] - b
                elif f == 3: v = line[x] - (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    v = line[x] - (a if pa <= pb and pa <= pc else b if pb <= pc else c)
                enc.append(v & 255)
            score = sum(v if v < 128 else 256 - v for v in enc)
            if best is None or score < best[0]:
                best = (score, bytes([f]) + bytes(enc))
        out += best[1]
        prev = line
    return out

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

if len(colours) <= 256:
    index = {c: n for n, c in enumerate(colours)}
    lines = [bytes(index[p] for p in row) for row in px]
    head = struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0)
    extra = chunk(b"PLTE", b"".join(bytes(c[:3]) for c in colours))
    alphas = bytes(c[3] for c in colours).rstrip(b"\xff")
    if alphas:
        extra += chunk(b"tRNS", alphas)
    body = zlib.compress(b"".join(b"\0" + l for l in lines), 9)
else:
    lines = [bytes(v for p in row for v in p) for row in px]
    head = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    extra = b""
    body = zlib.compress(filtered(lines, 4), 9)
open(dst, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + extra + chunk(b"IDAT", body) + chunk(b"IEND", b""))
PY
  echo "$out"
}

render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render maskable.svg 192 maskable-192.png
render maskable.svg 512 maskable-512.png
render maskable.svg 180 apple-touch-icon.png
