"""--pdfua --pdfa (#25): one file that is PDF/A-2b and declares PDF/UA-1, checked by both
checkers used here: the pdfua checker (no finding at all) and pikepdf's PDF/A checker.

pikepdf's checker (pikepdf 10.18, the newest) cannot accept any XMP packet that declares PDF/UA:
- PDF/A-2 (ISO 19005-2, 6.6.2.3.1) lets XMP hold only predefined properties or properties an
  extension schema describes (pdfaExtension:schemas, 6.6.2.3.2-3); pdfuaid:part is not
  predefined in PDF/A-2, so the packet describes it (writers/metadata.py);
- pikepdf reads no extension schema: pikepdf/pdfa/data/dispositions.json marks rules
  6.6.2.3.2-1 and 6.6.2.3.3-1..18 "denied_on_presence" ("Extension schemas (pdfaExtension
  namespaces) are not permitted by the namespace allowlist"): _xmp._check_namespaces denies
  every xmlns it does not list, and data/xmp_properties.json lists no pdfaExtension,
  pdfaSchema or pdfaProperty namespace;
- and its property table for PDF/A-2 (xmp_properties.json, "xmp2005") has no pdfuaid
  property, so _xmp_rdf._Reader.add calls pdfuaid:part "not permitted" whether or not a schema
  describes it.
So the test holds the checker to exactly those findings (and none without --pdfua); the day
pikepdf reads extension schemas, it fails and the allowance goes. The schema itself is checked
here against what 6.6.2.3.3 asks of it."""
import pikepdf
import pikepdf.pdfa
import pytest
from lxml import etree

from bulletin_cli import build

from .helpers import ROOT

PDFUA = "http://www.aiim.org/pdfua/ns/id/"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
EXT, SCHEMA, PROP = ("{http://www.aiim.org/pdfa/ns/extension/}", "{http://www.aiim.org/pdfa/ns/schema#}",
                     "{http://www.aiim.org/pdfa/ns/property#}")
# What pikepdf's checker says of any packet declaring PDF/UA (see above), and nothing else.
REFUSED = {
    ("ISO_19005_2:6.6.2.3.1-1", f"XMP namespace {prefix}={uri} is not permitted")
    for prefix, uri in [("pdfaExtension", EXT[1:-1]), ("pdfaSchema", SCHEMA[1:-1]),
                        ("pdfaProperty", PROP[1:-1])]
} | {("ISO_19005_2:6.6.2.3.1-1", f"XMP property {p} is not permitted")
     for p in ("pdfuaid:part", "pdfaExtension:schemas")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("ua")
    out = {"ua": d / "ua.pdf", "a": d / "a.pdf"}
    build(ROOT / "examples" / "grid-10.yaml", out["ua"], pdfua=True, pdfa=True)
    build(ROOT / "examples" / "grid-10.yaml", out["a"], pdfa=True)
    return out


def test_the_file_declares_both(built):
    with pikepdf.open(built["ua"]) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert meta.get(f"{{{PDFUA}}}part") == "1"
        assert pikepdf.pdfa.check(pdf, "2b").output_intent == "CMYK"


def test_the_pdfua_checker_finds_nothing_and_runs_every_rule(built):
    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(built["ua"]))
    assert not report.findings, report.findings
    assert not report.skipped, report.skipped


def test_pikepdfs_pdfa_checker_finds_only_its_refusal_of_extension_schemas(built):
    with pikepdf.open(built["a"]) as pdf:
        assert not pikepdf.pdfa.check(pdf, "2b").findings  # the same file without the claim
    with pikepdf.open(built["ua"]) as pdf:
        found = {(f.rule, f.message) for f in pikepdf.pdfa.check(pdf, "2b").findings}
    assert found == REFUSED, "pikepdf's checker changed: if it reads extension schemas now, drop REFUSED"


def test_the_extension_schema_describes_pdfuaid_part_as_pdfa_2_asks(built):
    """ISO 19005-2 6.6.2.3.3: a schema with its name, namespace URI and prefix; each property
    with its name, a value type (Integer is predefined), a category and a description."""
    with pikepdf.open(built["ua"]) as pdf:
        packet = etree.fromstring(pdf.Root.Metadata.read_bytes())
    part = packet.find(f".//{{{PDFUA}}}part")
    assert part is not None and part.text == "1"
    schemas = packet.findall(f".//{EXT}schemas/{RDF}Bag/{RDF}li")
    [schema] = [s for s in schemas if s.findtext(f"{SCHEMA}namespaceURI") == PDFUA]
    assert schema.get(f"{RDF}parseType") == "Resource"
    assert schema.findtext(f"{SCHEMA}prefix") == "pdfuaid" and schema.findtext(f"{SCHEMA}schema")
    [prop] = schema.findall(f"{SCHEMA}property/{RDF}Seq/{RDF}li")
    assert {c.tag[len(PROP):]: c.text for c in prop} == {
        "name": "part", "valueType": "Integer", "category": "internal",
        "description": prop.findtext(f"{PROP}description")}
    assert prop.findtext(f"{PROP}description")
