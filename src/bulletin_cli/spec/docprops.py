"""A Word file's Title as its document properties hold it (File > Info > Properties: the
package's core properties, docProps/core.xml), read with the same caps as its body (word.py)."""
from __future__ import annotations

from .printed import printable

CORE_PROPERTIES = "/metadata/core-properties"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def core_title(data: bytes) -> str | None:
    """The Title property of the .docx in `data`, None when it has none (or cannot be read)."""
    from .wordpackage import Package, Refused  # the zip is opened, inflated and parsed as the body is

    try:
        package = Package(data)
        name = next((target for kind, target, external in package.rels("").values()
                     if kind.endswith(CORE_PROPERTIES) and not external), "docProps/core.xml")
        root = package.xml(name)
    except Refused:
        return None
    title = None if root is None else root.find(DC_TITLE)
    text = " ".join(printable(title.text or "").split()) if title is not None else ""
    return text or None
