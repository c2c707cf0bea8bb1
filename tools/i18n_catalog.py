"""The message catalogs: collect every `_()`, `N_()` and `ngettext()` string of src/bulletin_cli
into locale/zh_CN/LC_MESSAGES/bulletin.po (translations kept, new strings added untranslated,
strings no longer used dropped) and compile the .po into the .mo gettext reads.

    python tools/i18n_catalog.py          # update the .po, then compile the .mo
    python tools/i18n_catalog.py --check  # exit 1 if either is not what the sources make

The .mo is written as the standard library's Tools/i18n/msgfmt.py writes it (no hash table,
originals sorted), so the same .po always makes the same bytes (tests/test_i18n_catalog.py).
"""
from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "bulletin_cli"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "bulletin.po"
MO = PO.with_suffix(".mo")
HEADER = ("Project-Id-Version: bulletin\nLanguage: zh_CN\nMIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
          "Plural-Forms: nplurals=1; plural=0;\n")
MARKERS = {"_": 1, "N_": 1, "ngettext": 2}  # the function and how many leading string arguments


def extract(package: Path = PACKAGE) -> tuple[dict[tuple[str, ...], list[str]], list[str]]:
    """{(msgid,) or (singular, plural): [file, ...]} in source order, and the calls whose text is
    made at run time (an f-string inside `_()` can never be translated)."""
    found: dict[tuple[str, ...], list[str]] = {}
    bad = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS):
                continue
            args = node.args[:MARKERS[node.func.id]]
            if any(isinstance(a, ast.JoinedStr | ast.BinOp | ast.Call) for a in args):
                bad.append(f"{where}:{node.lineno}: {node.func.id}() of text made at run time: "
                           "format after the call, _('… {x}').format(x=…)")
                continue
            if len(args) < MARKERS[node.func.id] or not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                continue  # a name: a string marked with N_ where it is written
            places = found.setdefault(tuple(a.value for a in args), [])
            if where not in places:  # files, not lines: moving code must not make the catalog stale
                places.append(where)
    return found, bad


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def read_po(path: Path = PO) -> dict[tuple[str, ...], str]:
    """{(msgid,) or (singular, plural): msgstr} of a .po (the header entry left out)."""
    entries: dict[tuple[str, ...], str] = {}
    fields: dict[str, str] = {}
    last = "msgid"

    def flush():
        if fields.get("msgid"):
            key = (fields["msgid"], *([fields["msgid_plural"]] if "msgid_plural" in fields else []))
            entries[key] = fields.get("msgstr", fields.get("msgstr[0]", ""))
        fields.clear()

    for line in (path.read_text("utf-8").splitlines() if path.exists() else []):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):  # a continued string
            fields[last] += ast.literal_eval(line)
            continue
        last, _, value = line.partition(" ")
        if last == "msgid":
            flush()
        fields[last] = ast.literal_eval(value)
    flush()
    return entries


def write_po(found: dict[tuple[str, ...], list[str]], kept: dict[tuple[str, ...], str]) -> str:
    """The .po text: the header, then each string with where it is used and its translation."""
    out = ["# Chinese (zh_CN) messages of bulletin. Made by tools/i18n_catalog.py: edit msgstr only.",
           'msgid ""', 'msgstr ""', *(_quote(line + "\n") for line in HEADER.splitlines()), ""]
    for key, places in sorted(found.items()):  # by text: the same strings, the same .po
        out.append("#: " + " ".join(places))
        out.append("msgid " + _quote(key[0]))
        if len(key) == 2:
            out += ["msgid_plural " + _quote(key[1]), "msgstr[0] " + _quote(kept.get(key, ""))]
        else:
            out.append("msgstr " + _quote(kept.get(key, "")))
        out.append("")
    return "\n".join(out)


def compile_mo(entries: dict[tuple[str, ...], str]) -> bytes:
    """GNU .mo bytes of the translated entries and the header, as msgfmt.py makes them."""
    pairs = {b"": HEADER.encode()}
    pairs.update({"\0".join(k).encode(): v.encode() for k, v in entries.items() if v})
    keys = sorted(pairs)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(pairs[k])))
        ids += k + b"\0"
        strs += pairs[k] + b"\0"
    start = 7 * 4 + 16 * len(keys)
    table = [n for o1, l1, _o2, _l2 in offsets for n in (l1, o1 + start)]
    table += [n for _o1, _l1, o2, l2 in offsets for n in (l2, o2 + start + len(ids))]
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return head + struct.pack(f"<{len(table)}I", *table) + ids + strs


def main(argv: list[str]) -> int:
    found, bad = extract()
    for line in bad:
        print(line, file=sys.stderr)
    kept = read_po()
    po_text = write_po(found, kept)
    mo_bytes = compile_mo({k: v for k, v in kept.items() if k in found})
    if "--check" in argv:
        stale = [name for name, same in ((PO, PO.exists() and PO.read_text("utf-8") == po_text),
                                         (MO, MO.exists() and MO.read_bytes() == mo_bytes)) if not same]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is not up to date: run python tools/i18n_catalog.py",
                  file=sys.stderr)
        return 1 if stale or bad else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_text(po_text, "utf-8")
    MO.write_bytes(mo_bytes)
    untranslated = sum(1 for k in found if not kept.get(k))
    print(f"{len(found)} strings, {untranslated} untranslated: {PO.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
