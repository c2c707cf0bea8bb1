"""What Word files cost to load: seconds and peak memory of `load_spec` on a spec whose one
article is a .docx, each case in a fresh process. Not a test: report the numbers, never assert.

    python benchmarks/bench_word_files.py [--timeout 60] [--only NAME]

To compare with another version, put its src first: PYTHONPATH=/path/to/other/src python ...
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


# As Word's own template: a few hundred styles, most of them never used (python-docx scanned
# them all on each paragraph whose style it looked up)
STYLES = (f'<w:styles {NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
          '<w:name w:val="Normal"/></w:style>'
          + "".join(f'<w:style w:type="paragraph" w:styleId="S{k}"><w:name w:val="Style {k}"/>'
                    '<w:basedOn w:val="Normal"/></w:style>' for k in range(300)) + "</w:styles>")


def docx(body: str, media: bytes | None = None) -> bytes:
    rels = f'<Relationship Id="rP" Type="{REL}/image" Target="media/p.png"/>' if media else ""
    rels += f'<Relationship Id="rS" Type="{REL}/styles" Target="styles.xml"/>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        z.writestr("[Content_Types].xml", f'<Types xmlns="{PKG.replace("relationships", "content-types")}">'
                   '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" '
                   'ContentType="image/png"/><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
                   f'ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" '
                   f'ContentType="{main}.styles+xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        z.writestr("word/document.xml", f'<w:document {NS}><w:body>{body}</w:body></w:document>')
        z.writestr("word/styles.xml", STYLES)
        if media:
            z.writestr("word/media/p.png", media)
    return out.getvalue()


def cases() -> dict[str, bytes]:
    from PIL import Image

    text = "".join(f"<w:p><w:r><w:t>第{k}段：今年以来，网格推行街长制。</w:t></w:r></w:p>"
                   for k in range(4000))
    picture = io.BytesIO()
    Image.effect_noise((4000, 4000), 60).convert("RGB").save(picture, "PNG", compress_level=1)
    blip = ('<w:p><w:r><w:drawing><a:graphic><a:graphicData><a:blip r:embed="rP"/></a:graphicData>'
            '</a:graphic></w:drawing></w:r></w:p>')
    return {
        "4,000 paragraphs of text": docx(text),
        "4,000 empty paragraphs": docx("<w:p><w:r><w:t>正文。</w:t></w:r></w:p>" + "<w:p/>" * 4000),
        "15,000 empty paragraphs": docx("<w:p><w:r><w:t>正文。</w:t></w:r></w:p>" + "<w:p/>" * 15000),
        "1,000,000 empty paragraphs": docx("<w:p><w:r><w:t>正文。</w:t></w:r></w:p>" + "<w:p/>" * 1_000_000),
        "one 4000x4000 picture used 8 times": docx("<w:p><w:r><w:t>正文。</w:t></w:r></w:p>" + blip * 8,
                                                   picture.getvalue()),
        "a cell spanning 50,000,000 columns": docx(
            '<w:p><w:r><w:t>正文。</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="50000000"/>'
            '</w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'),
    }


CHILD = """
import json, resource, sys, time
from bulletin_cli.spec.reader import load_spec
from bulletin_cli.errors import InputError
t = time.perf_counter()
try:
    load_spec(sys.argv[1]); outcome = "read"
except InputError as e:
    outcome = "refused: " + e.problems[0].message[:60]
print(json.dumps({"seconds": time.perf_counter() - t, "outcome": outcome,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases().items():
            if args.only and args.only not in name:
                continue
            (Path(tmp) / "a.docx").write_bytes(data)
            spec = Path(tmp) / "s.yaml"
            spec.write_text("masthead: {title: 测试, issue: 1, publisher: 测试办, date: 2026-03-01}\n"
                            "articles:\n  - {title: 一, body_file: a.docx}\n", encoding="utf-8")
            try:
                p = subprocess.run([sys.executable, "-c", CHILD, str(spec)], capture_output=True, text=True,
                                   timeout=args.timeout, cwd=tmp, env=os.environ)
                failed = {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
                r = json.loads(p.stdout) if p.returncode == 0 else failed
                line = (f"{r['seconds']:7.2f} s {r['peak_mb']:7.0f} MB  {r['outcome']}" if "seconds" in r
                        else f"failed: {r['error'][:80]}")
            except subprocess.TimeoutExpired:
                line = f"more than {args.timeout:.0f} s (stopped)"
            print(f"{name:38} {len(data) / 1024:8.0f} KB  {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
