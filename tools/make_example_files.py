"""Make the example's photo and Word article (examples/photos/*.jpg, examples/稿件/*.docx).

    python tools/make_example_files.py        # rewrites the files; commit them

The photo is drawn (a street with a building, trees and a banner) so the repository needs no
stock picture; the Word file is written with python-docx the way a department sends an article:
a Title paragraph, body text with a bold phrase, a Heading 2, a picture with a caption, a table.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent


def photo(width: int = 1200, height: int = 800, seed: int = 0) -> Image.Image:
    """An RGB picture with a photo's spread of colours."""
    im = Image.new("RGB", (width, height))
    d = ImageDraw.Draw(im)
    for y in range(height):  # sky: blue above, pale at the horizon
        t = y / height
        d.line([(0, y), (width, y)], fill=(int(90 + 140 * t), int(150 + 90 * t), int(230 - 20 * t)))
    ground = int(height * 0.68)
    d.rectangle([0, ground, width, height], fill=(118, 112, 104))  # road
    d.rectangle([0, ground, width, ground + 18], fill=(200, 196, 190))  # kerb
    w = width
    d.rectangle([int(w * .18), int(height * .22), int(w * .62), ground], fill=(214, 190, 160))  # building
    for row in range(5):
        for col in range(7):
            x0 = int(w * .21) + col * int(w * .055)
            y0 = int(height * .27) + row * int(height * .075)
            d.rectangle([x0, y0, x0 + int(w * .035), y0 + int(height * .045)], fill=(70, 100, 130))
    # banner
    d.rectangle([int(w * .22), int(height * .14), int(w * .58), int(height * .21)], fill=(200, 30, 36))
    for k in range(6):  # trees
        cx = int(w * .68) + k * int(w * .055) + (seed * 13 + k * 29) % 17
        d.rectangle([cx - 6, ground - 90, cx + 6, ground], fill=(92, 64, 40))
        d.ellipse([cx - 48, ground - 190, cx + 48, ground - 70], fill=(48 + 9 * k, 128 + 5 * k, 56))
    for k in range(9):  # people
        x = int(w * .1) + k * int(w * .09)
        d.ellipse([x, ground + 40, x + 22, ground + 62], fill=(60, 44, 36))
        d.rectangle([x - 4, ground + 62, x + 26, ground + 130], fill=(30 + 20 * k, 80, 160 - 10 * k))
    return im.filter(ImageFilter.GaussianBlur(1.2))


def jpeg(im: Image.Image) -> bytes:
    out = io.BytesIO()
    im.save(out, "JPEG", quality=80)
    return out.getvalue()


def article_docx(picture: bytes) -> bytes:
    """A Word article as departments write them."""
    import docx
    from docx.shared import Mm

    doc = docx.Document()
    doc.add_paragraph("第十网格推行“街长制”破解背街小巷管理难题", style="Title")
    p = doc.add_paragraph("今年以来，第十网格在辖区12条背街小巷推行“街长制”，")
    p.add_run("由网格员担任街长，每日巡查不少于两次").bold = True
    p.add_run("，发现问题当场记录、限时整改。")
    doc.add_heading("主要做法", level=2)
    doc.add_paragraph("网格建立“巡查—交办—整改—回访”闭环机制，整改情况每周在居民群公示，"
                      "居民可随时反映问题，街长二十四小时内回应。")
    doc.add_picture(io.BytesIO(picture), width=Mm(120))
    doc.add_paragraph("街长带领志愿者清理背街小巷卫生死角", style="Caption")
    doc.add_heading("取得成效", level=2)
    doc.add_paragraph("三个月来，共发现并整改各类问题三百余个，居民满意度明显提升。")
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("月份", "发现问题", "已整改")):
        cell.text = text
    for row in (("一月", "126", "120"), ("二月", "98", "98"), ("三月", "87", "87")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> int:
    photos = ROOT / "examples" / "photos"
    drafts = ROOT / "examples" / "稿件"
    photos.mkdir(parents=True, exist_ok=True)
    drafts.mkdir(parents=True, exist_ok=True)
    (photos / "inspection.jpg").write_bytes(jpeg(photo()))
    (drafts / "第十网格.docx").write_bytes(article_docx(jpeg(photo(1000, 640, seed=1))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
