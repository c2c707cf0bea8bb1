"""Which language the tool speaks, and the one `_` every user-facing string goes through.

Chinese where the user is Chinese (BULLETIN_LANG, then LC_ALL / LC_MESSAGES / LANG, then the
Windows UI language), English elsewhere. The catalogs are gettext's; this module is the only
place that knows where they live. (Foundation only: the catalogs come with issue 23.)
"""
from __future__ import annotations

import os


def language() -> str:
    """"zh" or "en": BULLETIN_LANG wins, then the POSIX locale variables in their order."""
    forced = os.environ.get("BULLETIN_LANG", "").strip().lower()
    if forced in ("zh", "en"):
        return forced
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _(message: str) -> str:
    """The message in the user's language (English is the source text)."""
    return message
