"""What a build is asked for besides the spec and where it goes: one value that build(), check(),
`watch` and a batch's workers share, and that the command line makes once from its flags."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """How a spec is built, beyond the spec itself (the command line's options)."""

    strict: bool = False  # a character no font can draw fails the build (BuildError)
    font_dirs: tuple[Path, ...] = ()  # more folders to look for font families in (--font-dir)
    # the official faces: None (default) where installed, quietly; True where installed, saying
    # which are not (--official-fonts, `style.fonts: official`); False never (--bundled-fonts)
    official: bool | None = None
    formats: tuple[str, ...] | None = None  # pdf, ofd or both; None: from -o's suffix (plan_outputs)
    duplex: bool = False  # as `style.duplex: true`: colophon on an even page, even page count
    marks: bool = False  # PDF: press sheets with bleed, crop marks, TrimBox and BleedBox
    pdfa: bool = False  # PDF: PDF/A-2b for archives
    pdfua: bool = False  # PDF: declares PDF/UA-1; a photo with no words for it (caption, alt) is refused
    root: Path | None = None  # where the files a spec reads must lie; see issue 22

    def __post_init__(self) -> None:
        # Lists are welcome from callers; the value keeps tuples, so it stays immutable.
        object.__setattr__(self, "font_dirs", tuple(Path(d) for d in self.font_dirs))
        if self.formats is not None:
            object.__setattr__(self, "formats", tuple(self.formats))

    def but(self, **changes) -> BuildOptions:
        """These options with some changed (an unknown name is a TypeError)."""
        return replace(self, **changes) if changes else self


def parse_formats(text: str | None) -> tuple[str, ...] | None:
    """--format's value, "pdf,ofd" -> ("pdf", "ofd"); checked when outputs are planned."""
    return tuple(f.strip().lower() for f in text.split(",")) if text else None
