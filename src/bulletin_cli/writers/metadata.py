"""What a bulletin file says about itself: its dates, its ID and its XMP packet.

No PDF library here: every writer gets the same facts, and a PDF's Info dictionary and its XMP
say the same thing because both are made from one `Facts`. Dates and IDs come from the spec, not
the clock, so the same spec gives the same bytes on every machine and run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass

from ..errors import BuildError, InputError
from ..i18n import _

# What XML 1.0 cannot hold (its Char production): C0 controls but tab and line breaks, surrogates,
# U+FFFE and U+FFFF.
NOT_XML = re.compile("[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# Bulletins are dated in Beijing time; the spec says the day, the file says midnight of that day.
CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Facts:
    """What the file says about itself: Info dictionary, XMP packet and file ID alike."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str
    created: dt.datetime  # timezone-aware
    creator: str  # the tool that composed it
    producer: str  # the tool that wrote the file
    digest: bytes  # 16 bytes identifying the content: the file ID and the XMP document ID

    @property
    def keyword_text(self) -> str:
        return "; ".join(self.keywords)

    @property
    def uuid(self) -> str:
        h = self.digest.hex()  # as str(uuid.UUID(bytes=digest)), without importing uuid (~5 ms)
        return f"uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def escape(text: str) -> str:
    """XML character data, as xml.sax.saxutils.escape makes it (importing that module pulls in
    urllib.request, http and email: ~30 ms of every build); BuildError if XML cannot hold it."""
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_text(text: str) -> str:
    """`text` unchanged, if XML can hold it: a file with a character XML cannot hold is a file
    no reader opens, so it is never written (the spec reader refuses such characters in every
    text it reads, spec/printed.CONTROL; this is the writers' own guard)."""
    bad = NOT_XML.search(text)
    if bad:
        raise BuildError(_("character U+{code:04X} cannot be written into the file's XML (in "
                           "{value!r}): remove it from the text it comes from").format(
                               code=ord(bad.group()), value=text[:40]))
    return text


def created(date: dt.date | None, environ=os.environ) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else midnight of the issue's date."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(_("SOURCE_DATE_EPOCH: expected a whole number of seconds since "
                               "1970, got '{epoch}'").format(epoch=epoch)) from None
    date = date or dt.date(2000, 1, 1)
    return dt.datetime(date.year, date.month, date.day, tzinfo=CHINA)


def content_digest(*parts: object) -> bytes:
    """16 bytes that change whenever what is drawn or said changes (reprs are stable)."""
    h = hashlib.md5(usedforsecurity=False)
    for part in parts:
        if type(part) is list:
            # the bytes of repr(part), an item at a time: the repr of all pages at once was
            # 4 bytes a character and ~300 MB for a 6,000-page spec
            h.update(b"[")
            for k, item in enumerate(part):
                h.update(b", " if k else b"")
                h.update(repr(item).encode("utf-8"))
            h.update(b"]")
        else:
            h.update(repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.digest()


def pdf_date(t: dt.datetime) -> str:
    """PDF date string: D:YYYYMMDDHHmmSS+HH'mm'."""
    off = int(t.utcoffset().total_seconds()) // 60
    sign = "+" if off >= 0 else "-"
    return f"D:{t:%Y%m%d%H%M%S}{sign}{abs(off) // 60:02d}'{abs(off) % 60:02d}'"


def xmp_date(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


# PDF/UA-1's identification. PDF/A-2 knows no pdfuaid property, so the packet describes it in
# an extension schema (as Typst and veraPDF have it). pikepdf's PDF/A checker, a subset, accepts
# neither the property nor any extension schema: tests/test_tagged.py says so.
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
PDFUA_SCHEMA = f"""
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>{PDFUA_NS}</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>"""


def xmp_packet(f: Facts, pdfa: str | None = None, pdfua: bool = False) -> bytes:
    """The XMP packet (UTF-8) saying what the Info dictionary says; `pdfa` like "2B" adds the
    PDF/A identification, `pdfua` the PDF/UA-1 one."""

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    def items(kind: str, values) -> str:
        return f"<rdf:{kind}>" + "".join(f"<rdf:li>{escape(v)}</rdf:li>" for v in values) + f"</rdf:{kind}>"

    when = xmp_date(f.created)
    part = ""
    if pdfa:
        part = (f"\n   <pdfaid:part>{pdfa[0]}</pdfaid:part>"
                f"\n   <pdfaid:conformance>{pdfa[1:]}</pdfaid:conformance>")
    if pdfua:
        part += "\n   <pdfuaid:part>1</pdfuaid:part>"
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"{' xmlns:pdfuaid="' + PDFUA_NS + '"' if pdfua else ""}>
   <dc:format>application/pdf</dc:format>
   <dc:title>{alt(f.title)}</dc:title>
   <dc:creator>{items("Seq", [f.author])}</dc:creator>
   <dc:description>{alt(f.subject)}</dc:description>
   <dc:subject>{items("Bag", f.keywords)}</dc:subject>
   <dc:language>{items("Bag", [f.lang])}</dc:language>
   <pdf:Keywords>{escape(f.keyword_text)}</pdf:Keywords>
   <pdf:Producer>{escape(f.producer)}</pdf:Producer>
   <xmp:CreatorTool>{escape(f.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <xmpMM:DocumentID>{f.uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{f.uuid}</xmpMM:InstanceID>{part}
  </rdf:Description>{PDFUA_SCHEMA if pdfua and pdfa else ""}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")
