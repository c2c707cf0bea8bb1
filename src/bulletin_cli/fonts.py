"""Which font file draws each role: the bundled faces, or the ones a spec names."""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import InputError, Problem
from .model import ROLES, Spec

# The bundled free faces (fonts/README.md says where each comes from and under which licence).
BUNDLED = {
    "title": "title.ttf",  # Noto Serif CJK SC Black: 小标宋 stand-in
    "body": "body.ttf",  # FandolFang: 仿宋
    "heading": "heading.ttf",  # Noto Sans CJK SC Bold: 黑体
    "kai": "kai.ttf",  # AR PL KaitiM GB: 楷体
    "number": "number.ttf",  # Noto Serif CJK SC cut to digits and dashes: 宋体 page numbers
    "fallback": "fallback.ttf",  # Noto Serif CJK SC, wide coverage
}


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # face index inside a .ttc
    source: str = "bundled"  # bundled | spec


def fonts_dir() -> Path:
    """Bundled fonts: inside the installed package, or the repository's fonts/ when run from source."""
    packaged = Path(str(resources.files("bulletin_cli"))) / "fonts"
    if (packaged / "body.ttf").exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "fonts"


def resolve(spec: Spec) -> dict[str, FontFile]:
    """Role -> font file, with the spec's `style.fonts` overrides resolved against its folder."""
    base = fonts_dir()
    chosen = {role: FontFile(base / name) for role, name in BUNDLED.items()}
    problems = []
    spec_dir = Path(spec.source).parent
    for role, value in spec.style.fonts.items():
        if role not in ROLES:
            continue
        path = Path(value)
        if not path.is_absolute():
            path = spec_dir / path
        if not path.is_file():
            problems.append(Problem(spec.source, 0, 0, f"style.fonts.{role}",
                                    f"font file not found: {value}",
                                    "give a .ttf/.ttc path relative to the spec file"))
            continue
        chosen[role] = FontFile(path, 0, "spec")
    if problems:
        raise InputError(problems)
    for role, f in chosen.items():
        if not os.access(f.path, os.R_OK):
            raise InputError(f"bundled font for {role} is missing: {f.path} (reinstall bulletin)")
    return chosen
