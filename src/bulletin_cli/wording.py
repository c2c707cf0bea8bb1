"""How messages count things: "1 page", "2 pages" (one place, so every message says it right)."""
from __future__ import annotations

_PLURALS = {"place": "places", "page": "pages", "proofreading note": "proofreading notes",
            "headline": "headlines", "article": "articles", "spec": "specs", "character": "characters",
            "note": "notes"}


def counted(n: int, noun: str) -> str:
    """`n` and `noun`, plural unless n is 1: counted(1, "page") -> "1 page"."""
    return f"{n} {noun if n == 1 else _PLURALS.get(noun, noun + 's')}"
