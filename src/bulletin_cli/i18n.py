"""Which language the tool speaks, and the one `_` every user-facing string goes through.

Chinese where the user is Chinese (BULLETIN_LANG, then LC_ALL / LC_MESSAGES / LANG, then the
Windows UI language), English elsewhere. The catalogs are gettext's (domain "bulletin",
`locale/zh_CN/LC_MESSAGES/bulletin.mo` beside this module, made by tools/i18n_catalog.py);
this module is the only place that knows where they live. The catalog is read on the first
`_()` call, once per process: importing this module costs nothing.
"""
from __future__ import annotations

import functools
import gettext
import os
import re
import sys
from pathlib import Path

DOMAIN = "bulletin"
LOCALEDIR = Path(__file__).resolve().parent / "locale"
_CHINESE = 0x04  # the primary language of a Windows LANGID: 0x0804, 0x0404, 0x0C04, 0x1004, 0x1404


def language() -> str:
    """"zh" or "en": BULLETIN_LANG wins, then the POSIX locale variables in their order, then
    (on Windows, where none is usually set) the user's UI language."""
    forced = os.environ.get("BULLETIN_LANG", "").strip().lower()
    for choice in ("zh", "en"):  # zh, zh_CN, zh-Hans, zh_CN.UTF-8 as a locale is written; en, en_US
        if forced == choice or (forced.startswith(choice) and forced[2:3] in ("_", "-", ".")):
            return choice
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "zh" if _windows_ui_language() & 0x3FF == _CHINESE else "en"


def _windows_ui_language() -> int:
    """The Windows user's UI LANGID (0 elsewhere, or when it cannot be asked)."""
    if sys.platform != "win32":
        return 0
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (ImportError, AttributeError, OSError):
        return 0


@functools.cache
def catalog() -> gettext.NullTranslations:
    """The translations of this process's language (English: none; the source text is English)."""
    if language() != "zh":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALEDIR), languages=["zh_CN"], fallback=True)


def _(message: str) -> str:
    """The message in the user's language (English is the source text)."""
    return catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """`singular` or `plural` by n, in the user's language (Chinese has one form)."""
    return catalog().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for the catalog without translating it here (tools/i18n_catalog.py
    collects it; it is translated where it is used)."""
    return message


def template_of(message: str, templates: tuple[str, ...]) -> tuple[str, dict[str, str]] | None:
    """Which of `templates` someone else's English `message` was written from (its {name} fields
    match any text), and the fields: to say the message again from the catalog."""
    for template, pattern in _patterns(templates):
        m = pattern.match(message)
        if m:
            return template, m.groupdict()
    return None


@functools.cache
def _patterns(templates: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
    """The templates as patterns, compiled when a message is first matched, not at import."""
    out = []
    for template in templates:
        parts = re.split(r"\{(\w+)\}", template)
        out.append((template, re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
                                                 for i, p in enumerate(parts)) + r"\Z", re.S)))
    return out
