"""The issue spec as typed data: what `spec.load_spec` produces and `layout` consumes."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

ROLES = ("title", "body", "heading", "kai", "number", "fallback")


def twin(role: str) -> str:
    """The role that draws, in the bundled face of `role`'s style, what the official face
    drawing `role` lacks (仿宋_GB2312 covers GB2312 only: not 堃, 珺, 昇). fonts.resolve gives
    it a face only when an official face draws the role."""
    return f"{role}.bundled"


@dataclass(frozen=True)
class Loc:
    """Where a value was written: file path as given, 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass
class Paragraph:
    """A paragraph of an article's body (or the editor's note)."""

    text: str  # one paragraph, no newlines (lines of the YAML block are joined)
    loc: Loc  # line of the paragraph's first character in the spec file
    bold: tuple[tuple[int, int], ...] = ()  # [start, end) spans of text set in the heading face
    subheading: bool = False  # `## 小标题`: unnumbered, heading face, kept with what follows
    kai: bool = False  # set in 楷体, as an editor's note is: a quotation (a .md file's `> `)


@dataclass(frozen=True, eq=False)
class Picture:
    """An image file read and made ready for print: upright, DeviceCMYK or DeviceGray.
    `data` is a JPEG file (encoding "jpeg") or the bare samples, row by row (encoding "raw")."""

    source: str  # the file (or "word.docx:media/image1.png") it came from, for messages
    data: bytes
    encoding: str  # "jpeg" | "raw"
    mode: str  # "CMYK" | "L"
    width: int  # pixels, after EXIF orientation
    height: int

    def __repr__(self) -> str:
        # What the PDF's ID digests (writers.metadata.content_digest): the pixels, not the path
        # they came from, so a spec builds the same bytes wherever its folder lies.
        digest = hashlib.sha256(self.data).hexdigest()[:32]
        return f"Picture({digest}, {self.encoding}, {self.mode}, {self.width}x{self.height})"


@dataclass
class Figure:
    """A photo placed in an article's body, with its caption."""

    picture: Picture  # one Picture object per file: a photo used twice is embedded once
    caption: str | None
    width: float  # fraction of the text block's width, 0 < width <= 1
    loc: Loc
    alt: str | None = None  # what the photo shows, for who cannot see it (else the caption says)


@dataclass
class Table:
    """A table in an article's body: rows of cell texts."""

    rows: list[list[str]]  # every row has the same number of cells
    loc: Loc
    caption: str | None = None
    header: int = 1  # how many rows at its top are its header, repeated on every page it spans
    note: str | None = None  # the line under it (注：…)
    # its header's merged cells: (row, column) of the first grid cell -> (rows, columns) covered
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    caption_loc: Loc | None = None  # where its caption was written, when not at the table
    note_loc: Loc | None = None


# What a bullet item prints before its text, wherever it comes from: a Word bullet drawn from a
# symbol font (Symbol, Wingdings: U+F0B7...) and a Markdown `- ` item alike.
BULLET = "●"
NOTE_MARKS = ("注：", "注:")  # how a table's note begins; a note written without one gets 注：

Block = Paragraph | Figure | Table


@dataclass
class Article:
    """One article: its title, byline and body."""

    title: str  # may contain "\n": an explicit line break the author asked for
    paragraphs: list[Paragraph]  # the text paragraphs (proofreading, counting)
    loc: Loc
    byline: str | None = None
    blocks: list[Block] = field(default_factory=list)  # the body in order; default: the paragraphs

    def __post_init__(self) -> None:
        if not self.blocks:
            self.blocks = list(self.paragraphs)


@dataclass
class Masthead:
    """The head of the first page: the bulletin's title, issue, publisher and date."""

    title: str
    issue: int
    publisher: str
    date: dt.date
    total_issue: int | None = None
    marking: str | None = None


@dataclass
class Distribution:
    """The colophon (版记): who the issue is reported, copied and sent to, and how many copies."""

    report_to: str | None = None  # 报：
    copy_to: str | None = None  # 送：
    send_to: str | None = None  # 发：
    copies: int | None = None  # 共印 N 份


# Marks Style fields that are not spec keys of their own but come with `style.fonts`.
FROM_FONTS = {"from": "style.fonts"}
PLACES = {"from": "the places of values in the spec file"}  # likewise: not a key
ROOTED = {"from": "the root rule: --root, BULLETIN_ROOT or where the spec lies"}  # not a key either


@dataclass
class Style:
    """How the issue is set: faces by role, page numbers, the headline list, duplex printing,
    the rules of tables."""

    # role -> font file path (resolved against the spec's folder, "x.ttc#2" for a face) or family name
    fonts: dict[str, str] = field(default_factory=dict)
    page_numbers: str = "outer"  # outer (GB/T 9704: odd right, even left) | center | none
    headline_label: str | None = None  # e.g. 本期要目; None prints the list bare, as the seed does
    headline_pages: bool = False  # the headline list as a table of contents, with page numbers
    duplex: bool = False  # printed on both sides: colophon on an even page, even page count
    tables: str = "grid"  # grid: every cell ruled | three-line: 三线表 (rules above, under the header, below)
    # role -> where its value was written, so font problems found later point at the spec line
    font_locs: dict[str, Loc] = field(default_factory=dict, compare=False, metadata=FROM_FONTS)
    official: bool = field(default=False, metadata=FROM_FONTS)  # `style.fonts: official`


@dataclass
class Spec:
    """A whole issue as read from its spec file: what layout turns into pages."""

    masthead: Masthead
    articles: list[Article]
    source: str  # the spec file's path, as given
    headlines: list[str] | None = None  # None: the article titles
    editor_note: Paragraph | None = None
    distribution: Distribution | None = None
    style: Style = field(default_factory=Style)
    notes: list[str] = field(default_factory=list)  # what body files held that could not be carried over
    # field path ("masthead.title", "headlines[2]", "distribution") -> where its value was
    # written, so problems found while laying out point at the spec line too
    locs: dict[str, Loc] = field(default_factory=dict, compare=False, metadata=PLACES)
    extends: tuple[str, ...] = ()  # the series files merged under it (`extends:`), nearest first
    # every file the build reads, as the spec named them: the spec, series files, body files,
    # pictures, font files named by path (watch rebuilds when one changes)
    inputs: tuple[str, ...] = field(default=(), compare=False, metadata=PLACES)
    # the folder every file it names lies under (spec/paths.py); None: a Spec built in code
    root: str | None = field(default=None, metadata=ROOTED)

    @property
    def headline_list(self) -> list[str]:
        if self.headlines is not None:
            return self.headlines
        return [plain_title(a.title) for a in self.articles]


# A space between two Chinese characters in a title is the author's hint for a line break.
BREAK_HINT = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])|\n")


def plain_title(title: str) -> str:
    """A title as one line of text: explicit breaks and break hints removed."""
    return BREAK_HINT.sub("", title)
