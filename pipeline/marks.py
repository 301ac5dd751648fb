"""The marks structure writes into the Markdown intermediate and the renderers read, in one place.

A block structure recognises is written as pandoc Markdown with a class (and, for DOCX, the
paragraph style pandoc gives it: `custom-style`); renderers find it by that class in the parsed
intermediate (intermediate.py), never by its text. The DOCX reference document
(render/docx_reference.py) defines the paragraph styles named here.
"""

from __future__ import annotations

import re

# A numbered heading sentence printed at the start of its paragraph: `## （一）…。 {#run-in-1 .run-in}`.
# (render/run_in.lua finds it by this class too.)
RUN_IN = "run-in"
# Blocks in a fenced Div `::: {.class custom-style="…"}`: the class, and its DOCX paragraph style.
WITHHELD = "withheld"  # the editorial note standing where the site withheld text
BYLINE = "byline"  # centred lines under the title: speaker and date, a document number
SIGNATURE = "signature"  # a notice's closing organisation and date, right-aligned
ADDRESSEE = "addressee"  # a notice's addressee (主送机关) or a speech's salutation, flush left
ATTACHMENTS = "attachments"  # a notice's attachment notes (附件：1. …), GB/T 9704 §7.3.4
DOCX_STYLES = {
    WITHHELD: "Withheld Note",
    BYLINE: "Byline",
    SIGNATURE: "Signature",
    ADDRESSEE: "Addressee",
    ATTACHMENTS: "Attachment",
}

# The editorial mark the cleaner leaves where the site withheld text; structure puts it in a
# WITHHELD block.
WITHHELD_MARK = "〔编者注：此处原文约 {count} 字被来源网站隐藏，未能收录。〕"
WITHHELD_MARK_UNKNOWN = "〔编者注：此处有原文被来源网站隐藏，未能收录。〕"
# ... as a text in traditional script reads it (structure writes it so for such a text).
WITHHELD_MARK_HANT = "〔編者注：此處原文約 {count} 字被來源網站隱藏，未能收錄。〕"
WITHHELD_MARK_UNKNOWN_HANT = "〔編者注：此處有原文被來源網站隱藏，未能收錄。〕"
WITHHELD_MARK_RE = re.compile(
    r"^〔[编編]者注：此[处處](?:原文[约約] (?P<count>[\d,]+) 字|有原文)"
    r"被[来來]源[网網]站[隐隱]藏，未能收[录錄]。〕$"
)
NOTE_OPENINGS = ("〔编者注", "〔編者注")


def withheld_note(mark: str, traditional: bool) -> str:
    """The withheld-text mark in the document's script."""
    found = WITHHELD_MARK_RE.match(mark)
    if not traditional or found is None:
        return mark
    count = found["count"]
    return WITHHELD_MARK_HANT.format(count=count) if count else WITHHELD_MARK_UNKNOWN_HANT


def block(kind: str, body: str) -> str:
    """A marked block of the intermediate (body: Markdown paragraphs)."""
    return f'::: {{.{kind} custom-style="{DOCX_STYLES[kind]}"}}\n{body}\n:::'


def run_in_heading(level: int, text: str, number: int) -> str:
    """A run-in heading line (text: Markdown); its paragraph follows as the next block. The id
    is stable (the outline links to it) and unique in the document."""
    return f"{'#' * level} {text} {{#{RUN_IN}-{number} .{RUN_IN}}}"
