"""A Word paragraph's printed text and bold spans, read from its runs; the styles it names; the
blocks of a body or cell in reading order (also inside content controls); ST_OnOff and number
values, a value Word never writes being Damaged."""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..i18n import N_, _
from .printed import join_lines, printable
from .wordpackage import MC, A, R, V, W

# Inside a paragraph, what is not its printed text: deleted text, text boxes (noted above), the
# older copy of content Word also wrote in a newer form (mc:Fallback), field instructions.
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "pPr", W + "rPr",
         W + "instrText", W + "delText"}
# Blocks a body (or a cell) holds inside wrappers: content controls and custom XML.
WRAPPERS = {W + "sdt": W + "sdtContent", W + "customXml": None, W + "smartTag": None}


class Damaged(Exception):
    """A value Word never writes, found at a paragraph: the file was not saved by Word."""


def on_off(el: etree._Element | None, what: str) -> bool | None:
    """An ST_OnOff property (w:b, w:vanish): None when absent; Damaged for a value Word never writes."""
    if el is None:
        return None
    value = el.get(W + "val")
    if value is None or value in ("true", "1", "on"):
        return True
    if value in ("false", "0", "off"):
        return False
    raise Damaged(_("{what} ({tag}) is '{value}', not true or false").format(
        what=_(what), tag=el.tag.split("}")[1], value=value[:20]))


def number(el: etree._Element | None, what: str, default: int) -> int:
    """A whole-number attribute w:val (gridSpan, ilvl...); Damaged when it is not one."""
    value = None if el is None else el.get(W + "val")
    if value is None:
        return default
    if not re.fullmatch(r"-?\d{1,9}", value.strip()):
        raise Damaged(_("{what} is '{value}', not a number").format(what=_(what), value=value[:20]))
    return int(value)


class Styles:
    """Style names, their bold, their numbering, and the defaults, looked up by id in dicts."""

    def __init__(self, root: etree._Element | None):
        self.names: dict[str, str] = {}
        self.bold: dict[str, bool | None] = {}
        self.numbering: dict[str, tuple[etree._Element | None, etree._Element | None]] = {}
        self.based_on: dict[str, str] = {}
        self.default = {"paragraph": "", "character": ""}
        for style in [] if root is None else root.iter(W + "style"):
            sid, kind = style.get(W + "styleId", ""), style.get(W + "type", "paragraph")
            name = style.find(W + "name")
            self.names[sid] = "" if name is None else name.get(W + "val", "")
            try:
                self.bold[sid] = on_off(style.find(f"{W}rPr/{W}b"), N_("bold"))
            except Damaged:
                self.bold[sid] = None  # a style's bad value: as if unset (Word ignores it too)
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                self.numbering[sid] = (num.find(W + "numId"), num.find(W + "ilvl"))
            based = style.find(W + "basedOn")
            if based is not None:
                self.based_on[sid] = based.get(W + "val", "")
            if style.get(W + "default") in ("1", "true", "on") and kind in self.default:
                self.default[kind] = self.default[kind] or sid

    def paragraph(self, sid: str | None) -> str:
        """A paragraph style's id: the one given if it exists, else the default."""
        return sid if sid in self.names else self.default["paragraph"]

    def run_bold(self, sid: str | None) -> bool:
        return bool(self.bold.get(sid if sid in self.names else self.default["character"]))

    def numbering_of(self, sid: str) -> tuple[etree._Element | None, etree._Element | None]:
        """The numbering a paragraph style gives, through the styles it is based on."""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.numbering:
                return self.numbering[sid]
            sid = self.based_on.get(sid, "")
        return None, None


def blocks_in(parent: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs, tables and embedded documents of a body or cell, in reading order, also
    those inside content controls (w:sdt) and custom XML."""
    for child in parent:
        tag = child.tag
        if tag in (W + "p", W + "tbl", W + "altChunk"):
            yield child
        elif tag in WRAPPERS:
            inner = child.find(WRAPPERS[tag]) if WRAPPERS[tag] else child
            if inner is not None:
                yield from blocks_in(inner)


def unwrapped(el: etree._Element) -> Iterator[etree._Element]:
    """The children of a table or row, those inside content controls and custom XML too."""
    for child in el:
        if child.tag in WRAPPERS:
            inner = child.find(WRAPPERS[child.tag]) if WRAPPERS[child.tag] else child
            if inner is not None:
                yield from unwrapped(inner)
        else:
            yield child



class Text:
    """One paragraph's printed text, its bold spans and its pictures, read in one walk."""

    def __init__(self, styles: Styles):
        self.styles = styles
        self.parts: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.length = 0
        self.pictures: list[str] = []  # relationship ids, in order
        self.alts: list[str | None] = []  # each picture's Alt Text (its drawing's docPr descr)
        self.symbols: list[str] = []  # w:sym that name a symbol font's private character

    def walk(self, el: etree._Element) -> Text:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                self.run(child)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.walk(choice)
            else:
                self.walk(child)
        return self

    def run(self, r: etree._Element) -> None:
        props = r.find(W + "rPr")
        if props is not None and on_off(props.find(W + "vanish"), N_("hidden")):
            return  # hidden text (noted once for the file)
        bold = None if props is None else on_off(props.find(W + "b"), N_("bold"))
        if bold is None:
            style = None if props is None else props.find(W + "rStyle")
            bold = self.styles.run_bold(None if style is None else style.get(W + "val"))
        text = []
        for child in r:
            tag = child.tag
            if tag == W + "t":
                text.append(_t_text(child))
            elif tag in (W + "tab", W + "ptab"):
                text.append(" ")
            elif tag == W + "noBreakHyphen":
                text.append("-")
            elif tag == W + "sym":
                text.append(self.symbol(child))
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent"):
                self.picture_ids(child)
        self.add("".join(text), bold)

    def symbol(self, sym: etree._Element) -> str:
        """A w:sym's character. A symbol font's own (U+F000-U+F0FF: Wingdings, Symbol) means
        nothing without that font: reported, not printed."""
        code = sym.get(W + "char", "")
        value = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) else -1
        if value < 0x20 or 0xD800 <= value <= 0xF8FF or value > 0x10FFFF:
            self.symbols.append(f"{sym.get(W + 'font', '?')} {code}")
            return ""
        return chr(value)

    def picture_ids(self, el: etree._Element) -> None:
        """Pictures drawn in a run: DrawingML (a:blip) and VML (v:imagedata), not those in a
        text box or in the older copy Word keeps for old readers (mc:Fallback)."""
        for found in el.iter(A + "blip", V + "imagedata"):
            if any(a.tag in (W + "txbxContent", MC + "Fallback") for a in found.iterancestors()):
                continue
            rid = found.get(R + "embed") if found.tag == A + "blip" else found.get(R + "id")
            self.pictures.append(rid or "")
            self.alts.append(_alt_text(found))

    def add(self, part: str, bold: bool) -> None:
        part = printable(part)
        if not part:
            return
        if bold and part.strip():
            start = self.length
            if self.spans and self.spans[-1][1] == start:
                start = self.spans.pop()[0]
            self.spans.append((start, self.length + len(part)))
        self.parts.append(part)
        self.length += len(part)

    def result(self, label: str = "") -> tuple[str, tuple[tuple[int, int], ...]]:
        """The text, stripped, with its numbering label before it, and its bold spans."""
        text = "".join(self.parts)
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        spans = [(max(0, a - lead), min(len(stripped), b - lead)) for a, b in self.spans]
        if label and stripped:
            joined = join_lines([label, stripped])
            shift = len(joined) - len(stripped)
            stripped, spans = joined, [(a + shift, b + shift) for a, b in spans]
        return stripped, tuple((a, b) for a, b in spans if b > a)


def _t_text(t: etree._Element) -> str:
    """A w:t's text. An entity reference Word never writes (&xxe;, from a DTD) stays a node
    in the tree, cutting the text: it is a problem at its paragraph, the text around it kept."""
    text = t.text or ""
    for child in t:
        if isinstance(child, etree._Entity):
            raise Damaged(_("the text holds an entity reference {name} that Word never writes").format(
                name=child.text))
        text += child.tail or ""
    return text


def _alt_text(found: etree._Element) -> str | None:
    """A picture's alternative text as Word keeps it (Alt Text: the descr of its drawing's
    wp:docPr), for the tagged PDF's Figure; None for a VML picture or a drawing without one."""
    for above in found.iterancestors():
        if above.tag.endswith(("}inline", "}anchor")):
            for child in above:
                if isinstance(child.tag, str) and child.tag.endswith("}docPr"):
                    return (child.get("descr") or "").strip() or None
            return None
    return None

