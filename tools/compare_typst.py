"""Compare `bulletin` with the Typst template (/work/shared/anchors/typst) on the same issue.

    python tools/compare_typst.py [--work /tmp/cmp] [-n 5] [--img docs/img] [--no-img] [--json F] [--ref HEAD]

Builds three PDFs of examples/liaocheng-11.yaml: ours; Typst with the template's own faces pointed
at our Noto files (fallback.ttf = Noto Serif CJK SC Regular, heading.ttf = Noto Sans CJK SC Bold);
Typst with FandolFang (our body.ttf) first in the template's `serif` list. Times each build as a
user meets it (whole process, wall clock, median of N after one warm-up), reads every PDF back with
pdfplumber and counts typesetting facts from the character boxes, renders chosen pages at 100 dpi
and writes side-by-side PNGs (ours | Typst Noto | Typst Fandol). Prints a Markdown table.

Not a test: timings depend on the machine. Needs: typst (pip), pdfplumber, Pillow, pdftoppm.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = Path("/work/shared/anchors/typst")
SPEC = ROOT / "examples" / "liaocheng-11.yaml"
OURS_SRC = ROOT  # where `bulletin` is built from (--ref: a git-archive snapshot)
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

# the imports below need the path above
from tests.pdffacts import RIGHT, PLine, ends_at_right_edge, paragraph_final, read_lines  # noqa: E402

from bulletin_cli.layout.page import BLOCK_BOTTOM, BLOCK_TOP, CELL, LEFT, PAGE_H, PITCH  # noqa: E402
from bulletin_cli.text.linebreak import CLOSING, OPENING, is_full_width  # noqa: E402

# The marks the brief asks about (a line must not start / end with them).
BAD_START = set("，。、；：？！）》」』”’…%")
BAD_END = set("（《「『“‘")
TRAILING_MARKS = "，。、；：？！”’）》」』"
MIDLINE_MARKS = set("，。、；：？！")  # full-width marks that Typst may squeeze inside a line
MARKS = CLOSING | OPENING


# ---------------------------------------------------------------------------------------------
# builds
# ---------------------------------------------------------------------------------------------
def prepare(work: Path, ref: str | None) -> dict[str, list[str]]:
    """Copy the template, make the font folders and the Fandol variant; return the commands
    (and with `ref`, a snapshot of our src/, fonts/ and examples/ at that commit to build from:
    `git archive`, which reads the repository and leaves the working tree alone)."""
    global OURS_SRC
    if ref:
        snap = work / f"ours-{ref.replace('/', '_')}"
        shutil.rmtree(snap, ignore_errors=True)
        snap.mkdir(parents=True)
        tar = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src", "fonts", "examples"],
                             check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(snap)], input=tar, check=True)
        OURS_SRC = snap
    tdir = work / "typst"
    tdir.mkdir(parents=True, exist_ok=True)
    for f in ANCHOR.iterdir():
        if f.is_file():
            shutil.copy2(f, tdir / f.name)
    src = (tdir / "bulletin.typ").read_text(encoding="utf-8")
    old = '#let serif = ("Noto Serif CJK SC",)'
    assert old in src, "template's serif list changed; update compare_typst.py"
    # FandolFang first; Noto Serif behind it for anything Fandol lacks (as our fallback.ttf does).
    # Typst names body.ttf by its name-table family (ID 1) "FandolFang R", not the typographic
    # family (ID 16) "FandolFang"; given "FandolFang" it warns and quietly sets everything in Noto.
    (tdir / "bulletin-fandol.typ").write_text(
        src.replace(old, '#let serif = ("FandolFang R", "Noto Serif CJK SC")'), encoding="utf-8")
    fonts = {"noto": ["fallback.ttf", "heading.ttf"],
             "fandol": ["body.ttf", "fallback.ttf", "heading.ttf"]}
    for name, files in fonts.items():
        d = work / f"fonts-{name}"
        d.mkdir(exist_ok=True)
        for f in files:
            if not (d / f).exists():
                os.symlink(ROOT / "fonts" / f, d / f)

    def typst_cmd(typ: str, out: str, fontdir: str) -> list[str]:
        code = (f"import typst; typst.compile({str(tdir / typ)!r}, output={str(work / out)!r}, "
                f"font_paths=[{str(work / fontdir)!r}], ignore_system_fonts=True)")
        return [sys.executable, "-c", code]

    return {
        "ours": [sys.executable, "-m", "bulletin_cli", "build", str(OURS_SRC / "examples" / SPEC.name),
                 "-o", str(work / "ours.pdf")],
        "typst-noto": typst_cmd("bulletin.typ", "typst-noto.pdf", "fonts-noto"),
        "typst-fandol": typst_cmd("bulletin-fandol.typ", "typst-fandol.pdf", "fonts-fandol"),
    }


def timed(cmd: list[str], n: int, work: Path) -> tuple[float, float, float, float]:
    """(median, min, max) wall seconds over n runs after one warm-up, and the median peak RSS in
    MiB as /usr/bin/time reports it (ru_maxrss from wait4 in this process would count this
    process's own size, which a fork + exec child inherits as its high-water mark)."""
    env = dict(os.environ, PYTHONPATH=str(OURS_SRC / "src"))
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=OURS_SRC)
    gnu_time = shutil.which("time") or "/usr/bin/time"
    rss_file = work / "rss.txt"
    walls, rss = [], []
    for _ in range(n):
        full = [gnu_time, "-f", "%M", "-o", str(rss_file), *cmd] if os.path.exists(gnu_time) else cmd
        t = time.perf_counter()
        subprocess.run(full, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       cwd=OURS_SRC)
        walls.append(time.perf_counter() - t)
        if full is not cmd:
            rss.append(int(rss_file.read_text().split()[-1]) / 1024)
    return statistics.median(walls), min(walls), max(walls), statistics.median(rss) if rss else float("nan")


# ---------------------------------------------------------------------------------------------
# counts
# ---------------------------------------------------------------------------------------------
def body_lines(lines: list[PLine], size: float, masthead_rule: float) -> list[PLine]:
    """pdffacts.body_lines with the body size as a parameter (ours 16 pt, Typst 15.79 pt), leaving
    out the masthead (page 1 above its red rule: 第11期 and the date line are 16 pt in ours) and
    lines in the sans face (Typst's 本期要目 has the body size)."""
    out = []
    for ln in lines:
        if ln.page == 1 and ln.y > masthead_rule:
            continue
        if not (abs(ln.size - size) < 0.1 and BLOCK_BOTTOM - 1 < ln.y < BLOCK_TOP):
            continue
        if any(abs(c["size"] - size) >= 0.1 for c in ln.chars):
            continue
        if any("Sans" in c["fontname"] for c in ln.chars):
            continue
        out.append(ln)
    return out


def ink_right(c: dict) -> float:
    """Where a glyph's cell ends: full-width glyphs take a cell (a closing mark may take half),
    narrow ones their advance."""
    if is_full_width(c["text"]):
        cell = min(CELL, c["size"])  # body glyphs sit on the 15.79 pt grid; 4号 lines set solid
        return c["x0"] + (cell / 2 if c["text"] in CLOSING else cell)
    return c["x1"]


def analyse(pdf: Path) -> dict:
    import pdfplumber

    lines = read_lines(pdf)
    size = body_size(lines)
    inside = [ln for ln in lines if BLOCK_BOTTOM - 1 < ln.y < BLOCK_TOP]
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0]
        masthead_rule = max(first.height - rule["top"] for rule in first.lines)
    body = body_lines(lines, size, masthead_rule)
    r: dict = {"body_size": round(size, 2), "body_lines": len(body)}
    # forbidden line starts / ends, anywhere in the text block (an author's —— or …… that opens an
    # indented paragraph is allowed, as in tests/typesetting.py)
    r["bad_start"] = [ln.text for ln in inside
                      if (ln.text[0] in BAD_START or ln.text[:2] == "——")
                      and not (ln.x0 > LEFT + 0.5 and ln.text[:2] in ("——", "……"))]
    r["bad_end"] = [ln.text for ln in inside if ln.text[-1] in BAD_END]
    r["beyond_right"] = sum(1 for ln in inside for c in ln.chars if ink_right(c) > RIGHT + 0.3)
    r["beyond_right_lines"] = [ln.text for ln in inside if any(ink_right(c) > RIGHT + 0.3 for c in ln.chars)]
    short, runts, per_line = [], [], Counter()
    finals = 0
    for k, ln in enumerate(body):
        if paragraph_final(body, k):
            finals += 1
            if len(ln.text.rstrip(TRAILING_MARKS)) <= 1:
                runts.append(ln.text)
            continue
        if ln.x0 > LEFT + 2.5 * CELL:
            continue  # headline list / hanging lines, not running text
        if not ends_at_right_edge(ln):
            short.append((ln.page, ln.text, round(RIGHT - ink_right(ln.chars[-1]), 2)))
        if abs(ln.x0 - LEFT) < 0.5:
            per_line[len(ln.text)] += 1
    r["short_of_edge"] = short
    r["runts"] = runts
    r["paragraph_lines"] = finals
    r["chars_per_full_line"] = dict(sorted(per_line.items()))
    r.update(spacing(body))
    r.update(grid(body))
    with pdfplumber.open(pdf) as doc:
        r["pages"] = len(doc.pages)
        r.update(page_furniture(doc, lines))
    return r


def body_size(lines: list[PLine]) -> float:
    """The size most characters are set in."""
    sizes = Counter()
    for ln in lines:
        sizes[round(ln.size, 2)] += len(ln.chars)
    return sizes.most_common(1)[0][0]


def spacing(body: list[PLine]) -> dict:
    """How lines were justified. A mid-line ，。、；：？！ followed by an ideograph and advancing
    less than a cell (by > 0.5 pt) was squeezed; a pair of adjacent marks sharing 1.5 cells is
    the usual compression and counted apart. Tracking: how much wider than a cell the advance
    between two ideographs is, per line (the median over the line)."""
    marks = squeezed = pairs = 0
    tracks = []
    for ln in body:
        cs = ln.chars
        han = []
        for a, b in itertools.pairwise(cs):
            adv = b["x0"] - a["x0"]
            if a["text"] in MIDLINE_MARKS and is_full_width(b["text"]) and b["text"] not in MARKS:
                marks += 1
                squeezed += adv < CELL - 0.5
            elif a["text"] in MARKS and b["text"] in MARKS:
                pairs += adv < CELL - 0.5
            elif all(is_full_width(x["text"]) and x["text"] not in MARKS for x in (a, b)):
                han.append(adv - CELL)
        if han:
            tracks.append(statistics.median(han))
    tracked = [t for t in tracks if t > 0.05]
    return {"midline_marks": marks, "midline_marks_squeezed": squeezed, "mark_pairs_compressed": pairs,
            "lines_tracked": len(tracked), "tracking_max_pt": round(max(tracked, default=0), 2)}


def baseline(ln: PLine) -> float:
    """The exact baseline (pdffacts.PLine.y is rounded to a whole point for grouping)."""
    return statistics.median(c["matrix"][5] for c in ln.chars)


def grid(body: list[PLine]) -> dict:
    """Grid alignment. A baseline's position on the grid is its distance below the block top
    modulo the pitch (28.99 pt). Duplex backing: on each sheet (pages 1/2, 3/4, ...), how many
    back-page body lines sit on a grid position the front page's body lines use (within 0.5 pt),
    so that lines back each other up when printed; and how many positions there are in all."""
    def pos(ln: PLine) -> float:
        return (BLOCK_TOP - baseline(ln)) % PITCH

    def same(a: float, b: float) -> bool:
        d = abs(a - b) % PITCH
        return min(d, PITCH - d) < 0.5

    by_page: dict[int, list[PLine]] = {}
    for ln in body:
        by_page.setdefault(ln.page, []).append(ln)
    backed = total = 0
    for p, lns in by_page.items():
        if p % 2 == 0:
            front = {round(pos(f), 1) for f in by_page.get(p - 1, [])}
            total += len(lns)
            backed += sum(1 for ln in lns if any(same(pos(ln), f) for f in front))
    positions: list[list] = []  # [position, count]
    for ln in body:
        for slot in positions:
            if same(slot[0], pos(ln)):
                slot[1] += 1
                break
        else:
            positions.append([pos(ln), 1])
    positions.sort(key=lambda s: -s[1])
    return {"backed_lines": f"{backed}/{total}", "grid_positions": len(positions),
            "on_main_grid": f"{positions[0][1] if positions else 0}/{len(body)}",
            "grid_positions_pt": [(round(a, 1), n) for a, n in positions],
            "first_baseline_by_page": {p: round(BLOCK_TOP - baseline(lns[0]), 2)
                                       for p, lns in sorted(by_page.items())},
            "last_baseline_above_block_bottom": {p: round(baseline(lns[-1]) - BLOCK_BOTTOM, 2)
                                                 for p, lns in sorted(by_page.items())}}


def page_furniture(doc, lines: list[PLine]) -> dict:
    """Page numbers, rules and colours."""
    nums = [{"page": ln.page, "text": ln.text,
             "baseline_below_block_mm": round((BLOCK_BOTTOM - ln.y) / 72 * 25.4, 1),
             "from_left_mm": round((ln.x0 - LEFT) / 72 * 25.4, 1),
             "to_right_mm": round((RIGHT - ln.chars[-1]["x1"]) / 72 * 25.4, 1),
             "font": ln.chars[0]["fontname"].split("+")[-1], "size": round(ln.size, 1)}
            for ln in lines if ln.y < BLOCK_BOTTOM - 1 and any(ch.isdigit() for ch in ln.text)]
    last = doc.pages[-1]
    rules = [{"y_above_block_bottom_pt": round(last.height - rule["top"] - BLOCK_BOTTOM, 2),
              "width_pt": round(rule["linewidth"], 2), "colour": rule.get("stroking_color")}
             for rule in last.lines]
    first = doc.pages[0]
    red_rules = [{"y_below_block_top_mm": round((BLOCK_TOP - (first.height - rule["top"])) / 72 * 25.4, 1),
                  "width_pt": round(rule["linewidth"], 2), "colour": rule.get("stroking_color")}
                 for rule in first.lines]
    fonts = sorted({c["fontname"].split("+")[-1] for p in doc.pages for c in p.chars})
    colours = sorted({str(c.get("non_stroking_color")) for p in doc.pages for c in p.chars})
    return {"page_numbers": nums, "last_page_rules": rules, "first_page_rules": red_rules,
            "fonts": fonts, "text_colours": colours}


# ---------------------------------------------------------------------------------------------
# pictures
# ---------------------------------------------------------------------------------------------
def render(pdf: Path, page: int, dpi: int, work: Path):
    from PIL import Image

    stem = work / f"{pdf.stem}-p{page}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def side_by_side(images: list, labels: list[str], out: Path, gap: int = 16) -> None:
    from PIL import Image, ImageDraw

    w = sum(im.width for im in images) + gap * (len(images) - 1)
    head = 30
    h = max(im.height for im in images) + head
    canvas = Image.new("RGB", (w, h), (200, 200, 200))
    draw = ImageDraw.Draw(canvas)
    font = label_font(20)
    x = 0
    for im, label in zip(images, labels):
        canvas.paste(im, (x, head))
        draw.text((x + 8, 4), label, fill=(0, 0, 0), font=font)
        x += im.width + gap
    # a 64-colour palette keeps the PNG small; red and greys survive it
    canvas.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True)


def stacked(images: list, labels: list[str], out: Path, gap: int = 10) -> None:
    """One above the other, each with its label on the left margin strip."""
    from PIL import Image, ImageDraw

    head = 26
    w = max(im.width for im in images)
    h = sum(im.height + head for im in images) + gap * (len(images) - 1)
    canvas = Image.new("RGB", (w, h), (200, 200, 200))
    draw = ImageDraw.Draw(canvas)
    font = label_font(18)
    y = 0
    for im, label in zip(images, labels):
        draw.text((6, y + 3), label, fill=(0, 0, 0), font=font)
        canvas.paste(im, (0, y + head))
        y += im.height + head + gap
    canvas.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True)


def label_font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(ROOT / "fonts" / "heading.ttf"), size)
    except OSError:
        return ImageFont.load_default()


def pictures(pdfs: dict[str, Path], img: Path, work: Path) -> list[Path]:
    """Masthead page, a full body page, the last page; and two 200 dpi details."""
    img.mkdir(parents=True, exist_ok=True)
    labels = ["bulletin (ours)", "Typst, Noto Serif", "Typst, FandolFang"]
    names = list(pdfs)
    out = []
    n_last = {k: page_count(p) for k, p in pdfs.items()}
    for tag, pages in (("p1-masthead", dict.fromkeys(names, 1)),
                       ("p3-body", dict.fromkeys(names, 3)),
                       ("last-colophon", n_last)):
        ims = [render(pdfs[k], pages[k], 100, work) for k in names]
        f = img / f"typst-{tag}.png"
        side_by_side(ims, [f"{lab} – p. {pages[k]}" for lab, k in zip(labels, names)], f)
        out.append(f)
    # details (boxes in mm on the page): the right edge of the body side by side (squeezing,
    # tracking); stacked, full line width: an article start (title, 3月12日) and the foot of an
    # even page (page number, how far down the text reaches)
    def crop(k: str, page: int, dpi: int, box: tuple) -> object:
        return render(pdfs[k], page, dpi, work).crop(tuple(round(v * dpi / 25.4) for v in box))

    f = img / "typst-detail-right-edge.png"
    side_by_side([crop(k, 3, 200, (120, 37, 186, 110)) for k in names],
                 [f"{lab} – p. 3" for lab in labels], f)
    out.append(f)
    for tag, page, box in (("detail-article-start", 3, (24, 152, 188, 198)),
                           ("detail-page-foot", 2, (24, 226, 188, 284))):
        f = img / f"typst-{tag}.png"
        stacked([crop(k, page, 150, box) for k in names], [f"{lab} – p. {page}" for lab in labels], f)
        out.append(f)
    return out


def dash_top(pdf: Path, work: Path) -> float:
    """Distance (mm) from the bottom of the text block down to the top of the ink of the left
    dash of page 2's number (— 2 —); GB/T 9704 puts the dash's top 7 mm below the block."""
    lines = [ln for ln in read_lines(pdf) if ln.page == 2 and ln.y < BLOCK_BOTTOM - 1]
    dash = lines[0].chars[0]
    assert dash["text"] in "—－-―", dash["text"]
    dpi = 600
    im = render(pdf, 2, dpi, work).convert("L")
    scale = dpi / 72
    y0 = round((PAGE_H - BLOCK_BOTTOM) * scale) + 2
    crop = im.crop((round(dash["x0"] * scale) + 4, y0, round(dash["x1"] * scale) - 4,
                    round((PAGE_H - 30) * scale)))
    w, h = crop.size
    data = crop.load()
    for y in range(h):
        if any(data[x, y] < 128 for x in range(w)):
            return round((y + 2) / scale * 25.4 / 72, 2)
    return float("nan")


def page_count(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


# ---------------------------------------------------------------------------------------------
def table(res: dict[str, dict]) -> str:
    cols = list(res)
    rows = [
        ("pages", lambda r: r["pages"]),
        ("PDF size (KB)", lambda r: r["kb"]),
        ("build, whole process, median of n (s)", lambda r: f'{r["median_s"]:.3f}'),
        ("peak RSS (MiB)", lambda r: f'{r["rss_mib"]:.0f}'),
        ("body size (pt)", lambda r: r["body_size"]),
        ("body lines", lambda r: r["body_lines"]),
        ("lines starting with a closing mark / ——", lambda r: len(r["bad_start"])),
        ("lines ending with an opening mark", lambda r: len(r["bad_end"])),
        ("non-final body lines short of the right edge", lambda r: len(r["short_of_edge"])),
        ("characters beyond the right edge", lambda r: r["beyond_right"]),
        ("paragraph last lines with one character", lambda r: len(r["runts"])),
        ("mid-line ，。、；：？！ squeezed below a cell",
         lambda r: f'{r["midline_marks_squeezed"]}/{r["midline_marks"]}'),
        ("adjacent mark pairs compressed (e.g. ”，)", lambda r: r["mark_pairs_compressed"]),
        ("lines stretched by tracking; largest (pt per character)",
         lambda r: f'{r["lines_tracked"]}; {r["tracking_max_pt"]}'),
        ("back-page body lines on the front page's grid", lambda r: r["backed_lines"]),
        ("distinct baseline positions (mod the 28.99 pt pitch)", lambda r: r["grid_positions"]),
        ("last body baseline above the block bottom, pp. 2-6 (pt)", lambda r: " / ".join(
            f"{v:.0f}" for p, v in r["last_baseline_above_block_bottom"].items() if 1 < p < r["pages"])),
        ("page number: top of the dash ink below the block (mm)", lambda r: r["dash_top_below_block_mm"]),
        ("colophon: lowest rule above the block bottom (pt)", lambda r: min(
            (x["y_above_block_bottom_pt"] for x in r["last_page_rules"]), default="–")),
        ("colour of text", lambda r: colour_model(r["text_colours"])),
        ("characters per full line",
         lambda r: ", ".join(f"{k}: {v}" for k, v in r["chars_per_full_line"].items())),
    ]
    out = ["| | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, f in rows:
        out.append(f"| {name} | " + " | ".join(str(f(res[c])) for c in cols) + " |")
    return "\n".join(out)


def colour_model(colours: list[str]) -> str:
    names = []
    for c in colours:
        n = len(c.strip("()").rstrip(",").split(","))
        names.append({1: "Gray", 3: "RGB", 4: "CMYK"}.get(n, "?"))
    return " + ".join(sorted(set(names)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="/tmp/cmp")
    ap.add_argument("-n", type=int, default=5)
    ap.add_argument("--img", default=str(ROOT / "docs" / "img"))
    ap.add_argument("--no-img", action="store_true")
    ap.add_argument("--json", help="write all measurements here")
    ap.add_argument("--ref", help="build ours from this commit (git archive) instead of the working tree")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cmds = prepare(work, args.ref)
    res: dict[str, dict] = {}
    pdfs = {}
    for name, cmd in cmds.items():
        med, lo, hi, rss = timed(cmd, args.n, work)
        pdf = work / f"{name}.pdf"
        pdfs[name] = pdf
        r = analyse(pdf)
        if name == "typst-fandol":
            assert any("Fandol" in f for f in r["fonts"]), "Typst did not use FandolFang"
        r.update(median_s=med, min_s=lo, max_s=hi, rss_mib=rss, kb=round(pdf.stat().st_size / 1024))
        r["dash_top_below_block_mm"] = dash_top(pdf, work)
        res[name] = r
    if args.ref:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.ref],
                             check=False, capture_output=True, text=True).stdout.strip()
        print(f"ours built from {args.ref} ({rev})\n")
    print(table(res))
    print()
    for name, r in res.items():
        print(f"## {name}")
        for k in ("bad_start", "bad_end", "beyond_right_lines", "short_of_edge", "runts",
                  "tracking_max_pt", "on_main_grid", "grid_positions_pt", "first_baseline_by_page",
                  "last_baseline_above_block_bottom", "page_numbers", "dash_top_below_block_mm",
                  "first_page_rules", "last_page_rules", "fonts", "text_colours"):
            print(f"  {k}: {r[k]}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str),
                                   encoding="utf-8")
    if not args.no_img:
        for f in pictures(pdfs, Path(args.img), work):
            name = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f
            print(f"wrote {name} ({f.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
