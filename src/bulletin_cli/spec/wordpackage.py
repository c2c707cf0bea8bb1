"""A Word file's package: the zip, each part inflated as a stream against a running count, its
XML parsed safely (no entities, no network) with its elements counted before a tree is built,
and the relationships between parts. What word.py reads a body from, and docprops.py a title."""
from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

from lxml import etree

from ..i18n import N_, _
from .bodyfile import BODY_HINT

MAX_UNPACKED = 300 * 1024 * 1024  # bytes inflated from one file, counted as they come
MAX_ENTRIES = 10_000  # zip entries: a Word file has a few dozen
MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part (a 100-page report's document.xml: ~5 MB)
MAX_ELEMENTS = 1_000_000  # XML elements in one part (a 100-page report has ~200,000)
RESAVE, WORD = N_("open it in Word and save it again as .docx"), "body.word"  # WORD: Problem.code

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
W, R, A, V, MC = (f"{{{NS[k]}}}" for k in ("w", "r", "a", "v", "mc"))
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "/officeDocument"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or an encrypted .docx
STRICT = "purl.oclc.org/ooxml/wordprocessingml"  # ISO 29500 Strict: other namespaces throughout


class Refused(Exception):
    """A Word file that cannot be read at all. args: (message, hint)."""


class Package:
    """The zip, each part inflated as a stream and counted; XML parsed safely and counted."""

    PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True, huge_tree=False)

    def __init__(self, data: bytes):
        if data.startswith(OLE):  # what Word writes for a .doc, and for a .docx with a password
            raise Refused(_("an old Word .doc, or a .docx protected by a password: not a .docx we can read"),
                          _("in Word, remove the password (File > Info > Protect Document), save as .docx"))
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            entries = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
            raise Refused(_("not a Word document (.docx) we can read: {why}").format(why=e),
                          _(RESAVE)) from None
        if len(entries) > MAX_ENTRIES:
            raise Refused(_("Word file holds {n:,} parts, more than the {limit:,} allowed").format(
                n=len(entries), limit=MAX_ENTRIES), _(RESAVE))
        self.entries = {e.filename.lower(): e for e in entries}
        self.unpacked = 0

    def blob(self, name: str) -> bytes | None:
        """The bytes of part `name` (no leading /), None if there is none. The count runs over
        what is really inflated: a size the zip declares is never trusted."""
        entry = self.entries.get(name.lower())
        if entry is None:
            return None
        out = bytearray()
        try:
            with self.zip.open(entry) as f:
                while chunk := f.read(1 << 16):
                    self.unpacked += len(chunk)
                    if self.unpacked > MAX_UNPACKED:
                        raise Refused(_("Word file unpacks to more than the {mb} MB allowed").format(
                            mb=MAX_UNPACKED >> 20),
                            _("is it really an article? Large pictures can be made smaller in Word"))
                    out += chunk
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as e:
            raise Refused(_("damaged Word document: {part}: {why}").format(part=name, why=e),
                          _(RESAVE)) from None
        return bytes(out)

    def xml(self, name: str) -> etree._Element | None:
        data = self.blob(name)
        if data is None:
            return None
        if len(data) > MAX_XML_BYTES:
            raise Refused(_("Word file: {part} is {mb} MB of XML, more than the {limit} MB allowed").format(
                part=name, mb=len(data) >> 20, limit=MAX_XML_BYTES >> 20), _(BODY_HINT))
        try:
            # counted before the tree is built (5 million empty paragraphs, or comments, would
            # take GBs), each element dropped once counted, so the count itself takes no memory
            events = etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False,
                                     no_network=True, load_dtd=False, huge_tree=False,
                                     remove_comments=True, remove_pis=True)
            for count, (_event, el) in enumerate(events, 1):
                if count > MAX_ELEMENTS:
                    raise Refused(_("Word file: {part} holds more than {limit:,} XML elements").format(
                        part=name, limit=MAX_ELEMENTS), _(BODY_HINT))
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            return etree.fromstring(data, self.PARSER)
        except etree.XMLSyntaxError as e:
            raise Refused(_("damaged Word document: {part}: {why}").format(part=name, why=e),
                          _(RESAVE)) from None

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """Relationship id -> (type, target part name, external) of `part` ("" for the package)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out = {}
        for rel in [] if root is None else root.iter(PACKAGE_RELS):
            target = unquote(rel.get("Target", ""))
            external = rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                            else posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
        return out

    def document(self) -> etree._Element:
        main = next((t for kind, t, external in self.rels("").values()
                     if kind.endswith(OFFICE_DOCUMENT) and not external), "word/document.xml")
        root = self.xml(main)
        body = None if root is None else root.find(W + "body")
        if root is not None and body is None and STRICT in root.tag:
            raise Refused(_("a Strict Open XML document, which we cannot read"),
                          _("in Word, save it as Word Document (.docx), not Strict Open XML"))
        if body is None:
            raise Refused(_("not a Word document (.docx) we can read: it has no document body"), _(RESAVE))
        self.main = main
        return body


