"""A body file's tables with the paragraphs that belong to them: the paragraph right before a
table that reads as its caption (表1 …, 表格 1 …, Table 1 …: the label and number Word's Insert
Caption writes; 表题在上) and the paragraph right after it that begins 注： (its note), each keeping
where it was written (proofreading marks it there). A spec says these with a table's caption: and
note:, so its own bodies are left as written. (A Word paragraph in the Caption style is a table's
caption whatever its words: wordtables.captioned, before this.)"""
from __future__ import annotations

import re

from ..model import NOTE_MARKS, Block, Paragraph, Table

CAPTION = re.compile(r"(?:附表|表格|表|table)\s*[0-9０-９一二三四五六七八九十]+(?![0-9０-９])", re.I)
MAX_CAPTION_CHARS = 60  # a caption is a line; a longer paragraph beginning 表1 is text about it


def with_table_parts(blocks: list[Block]) -> list[Block]:
    """`blocks` with each table's caption and note paragraphs moved into the table."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, Table) and not block.caption and _caption(last):
            caption = out.pop()
            block.caption, block.caption_loc = caption.text, caption.loc
        elif (isinstance(last, Table) and not last.note and isinstance(block, Paragraph)
              and not block.subheading and block.text.startswith(NOTE_MARKS)):
            last.note, last.note_loc = block.text, block.loc
            continue
        out.append(block)
    return out


def _caption(block: Block | None) -> bool:
    return (isinstance(block, Paragraph) and not block.subheading and len(block.text) <= MAX_CAPTION_CHARS
            and CAPTION.match(block.text) is not None)
