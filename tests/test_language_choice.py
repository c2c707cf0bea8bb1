"""i18n.language(): BULLETIN_LANG, then the POSIX locale variables in order, then (Windows) the
user's UI language; English when nothing says Chinese."""
from __future__ import annotations

import pytest

from bulletin_cli import i18n

NAMES = ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.mark.parametrize("env, windows, expected", [
    ({}, 0, "en"),
    ({"LANG": "zh_CN.UTF-8"}, 0, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, 0, "zh"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, 0, "en"),
    ({"LC_MESSAGES": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, 0, "zh"),
    ({"BULLETIN_LANG": "en", "LANG": "zh_CN.UTF-8"}, 0, "en"),
    ({"BULLETIN_LANG": "zh", "LANG": "C"}, 0, "zh"),
    ({"BULLETIN_LANG": "fr", "LANG": "zh_CN.UTF-8"}, 0, "zh"),  # an unknown value: not a choice
    ({"BULLETIN_LANG": "zh_CN", "LANG": "C"}, 0, "zh"),  # written as a locale is
    ({"BULLETIN_LANG": "zh-Hans", "LANG": "C"}, 0, "zh"),
    ({"BULLETIN_LANG": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, 0, "en"),
    ({"BULLETIN_LANG": "zhx", "LANG": "C"}, 0, "en"),  # not zh: the locale decides
    ({}, 0x0804, "zh"), ({}, 0x0404, "zh"), ({}, 0x0C04, "zh"), ({}, 0x1004, "zh"),  # Windows
    ({}, 0x0409, "en"),
    ({"LANG": "en_US.UTF-8"}, 0x0804, "en"),  # a variable that is set says it first
])
def test_language(monkeypatch, env, windows, expected):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: windows)
    assert i18n.language() == expected


def test_no_windows_language_elsewhere(monkeypatch):
    monkeypatch.setattr(i18n.sys, "platform", "linux")
    assert i18n._windows_ui_language() == 0
