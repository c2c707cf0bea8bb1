"""How messages count things: "1 page", "2 pages"; 1 页、2 处 (one place, so every message says it
right; the Chinese measure word is the catalog's), and how they quote what the user wrote."""
from __future__ import annotations

from .i18n import _, ngettext

_FORMS = {
    "place": lambda n: ngettext("{n} place", "{n} places", n),
    "page": lambda n: ngettext("{n} page", "{n} pages", n),
    "proofreading note": lambda n: ngettext("{n} proofreading note", "{n} proofreading notes", n),
    "headline": lambda n: ngettext("{n} headline", "{n} headlines", n),
    "article": lambda n: ngettext("{n} article", "{n} articles", n),
    "spec": lambda n: ngettext("{n} spec", "{n} specs", n),
    "character": lambda n: ngettext("{n} character", "{n} characters", n),
    "paragraph": lambda n: ngettext("{n} paragraph", "{n} paragraphs", n),
}


def counted(n: int, noun: str) -> str:
    """`n` and `noun`, plural unless n is 1: counted(1, "page") -> "1 page"; in Chinese 1 页."""
    return _FORMS[noun](n).format(n=n)


def quoted(text: str) -> str:
    """What the user wrote, quoted in a message: '第一期' in English, “第一期” in Chinese."""
    return _("'{text}'").format(text=text)
