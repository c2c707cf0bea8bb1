"""A laid-out Document as plain text, one line per page item, for tests (and eyes) that read
the layout itself, whichever writer draws it:

    1 run 96.08 647.38 title 64.00 red 工作简报     page, kind, x of the first glyph, baseline y,
    1 rule 79.37 521.57 587.21 2.13 red            face role, size, colour, text; a rule: x0 x1 y
    1 vrule 79.37 400.00 428.99 0.71 black         thickness colour (a vrule: x y0 y1 thickness
    2 image 79.37 400.00 442.20 294.80 CMYK 1200x800 colour); an image: x y width height,
    1 anchor 541.93 article-1 标题                  colour mode, pixels; an anchor: y key label; a link:
    1 link 79.37 512.94 521.57 541.93 article-1    x0 y0 x1 y1 key. Coordinates in pt, y up.
"""
from __future__ import annotations

from ..errors import BuildError
from ..i18n import _
from .page import Anchor, Document, Image, Link, Rule, Run, VRule


def _run(r: Run) -> str:
    return f"run {r.x:.2f} {r.y:.2f} {r.role} {r.size:.2f} {r.color} {r.text}"


def _rule(r: Rule) -> str:
    return f"rule {r.x0:.2f} {r.x1:.2f} {r.y:.2f} {r.thickness:.2f} {r.color}"


def _vrule(r: VRule) -> str:
    return f"vrule {r.x:.2f} {r.y0:.2f} {r.y1:.2f} {r.thickness:.2f} {r.color}"


def _image(im: Image) -> str:
    pic = im.picture
    return f"image {im.x:.2f} {im.y:.2f} {im.width:.2f} {im.height:.2f} {pic.mode} {pic.width}x{pic.height}"


def _anchor(a: Anchor) -> str:
    return f"anchor {a.y:.2f} {a.key} {a.label}"


def _link(ln: Link) -> str:
    return "link " + " ".join(f"{v:.2f}" for v in ln.rect) + f" {ln.key}"


# one entry per page item type: an unknown one is an error
DUMP = {Run: _run, Rule: _rule, VRule: _vrule, Image: _image, Anchor: _anchor, Link: _link}


def dump(doc: Document) -> str:
    lines = []
    for page in doc.pages:
        for item in page.items:
            line = DUMP.get(type(item))
            if line is None:
                raise BuildError(_("the text dump cannot show a {name} page item").format(
                    name=type(item).__name__))
            lines.append(f"{page.number} {line(item)}")
    return "\n".join(lines) + "\n"
