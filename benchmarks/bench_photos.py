"""What separating photos through the FOGRA39 profile costs (spec/pixels.py). Not a test: report
the numbers, never assert them.

    python benchmarks/bench_photos.py [-n 3] [--megapixels 12]

Rows: building the sRGB -> FOGRA39 transform (once per process and source profile), separating
an RGB picture of the given size, and reading a JPEG of that size as a spec's photo is read
(decode, separate, encode again), best of n.
"""
from __future__ import annotations

import argparse
import io
import time

from PIL import Image

from bulletin_cli.spec import pixels
from bulletin_cli.spec.images import read_picture


def best(n: int, work) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=3)
    ap.add_argument("--megapixels", type=float, default=12)
    args = ap.parse_args()
    w = int((args.megapixels * 1e6 * 4 / 3) ** 0.5)
    h = int(w * 3 / 4)
    im = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    im = Image.merge("RGB", (im.getchannel(0), im.getchannel(0).rotate(90, expand=False), im.getchannel(0)))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)

    def build() -> None:
        pixels._to_press.cache_clear()
        pixels._to_press(None)

    print(f"transform sRGB -> FOGRA39: {best(args.n, build) * 1000:.1f} ms (once per process)")
    print(f"separate {w} x {h}: {best(args.n, lambda: pixels.rgb_to_cmyk(im)):.3f} s")
    print(f"read a {w} x {h} JPEG: {best(args.n, lambda: read_picture(out.getvalue(), 'bench.jpg')):.3f} s")


if __name__ == "__main__":
    main()
