"""Letter-spaced lines closed up: 政 府 新 闻 处 担 任 政 府 的 … -> 政府新闻处担任政府的….

Some saved pages set a space (or an ideographic space, U+3000) after every character: PDF-to-text
converters, old CMS templates, a yearbook set that way. Chinese puts no space between two
Chinese characters, so such a line prints with gaps all along it (the quality scorer, which
ignores whitespace, never sees it).

The decision is the whole line's, never one gap's: a line is letter-spaced when most of the gaps
after its Chinese characters are one separator before another Chinese character or mark
(SHARE); a normal line with one space between two words (张三 主任, 凝心聚力 砥砺前行) has one
such gap among many and stays as it is. In a letter-spaced line a single separator is dropped
between two characters of Chinese text (characters, Chinese marks, digits and the ASCII marks
of prose next to them); a space beside a Latin letter, a digit beside a digit, a run of two
separators or more (the gap between words such a layout keeps: 凝 心 聚 力   砥 砺 前 行), the
space after a line's leading marker (5. 教 育, - 项 目) and the one after a chapter's numbering
(第 七 章 文 件 管 理 -> 第七章 文件管理) stay.

clean.py closes up the lines of prose (a mark of a sentence in them) of MIN_HAN Chinese
characters or more as it reads them, so that every rule after it reads the words; a line
without one (首 页 政 务 公 开 网 上 办 事: a site's menu set out letter by letter) is left for
the cleaner's rules to read by its spacing, and closed up when it stays, with the kept lines
(normalised there). A shorter letter-spaced line (导 言, 结 语) is left to the heading stage,
which reads it as a head's signal (plain_heads.py); the head's text and the title are closed
up when they are written (structure.py).
"""

from __future__ import annotations

import re

from .thresholds import limit

MIN_HAN = limit("clean", "letter_spaced_min_han")
SHARE = limit("clean", "letter_spaced_share")

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Chinese marks and full-width forms: 、。《》「」【】〇, ，！（）：, “”‘’—…, ∶ ·.
CJK_MARKS = "\u3001-\u303f\uff01-\uff65\u2010-\u2027\u2236\u00b7\ufe30-\ufe4f"
# A space, an ideographic space, a no-break space (&nbsp; in a text file), an en or em space.
SEPARATORS = " \u3000\xa0\u2002\u2003"
_CHINESE = re.compile(f"[{HAN}{CJK_MARKS}]")
# What a gap after a Chinese character opens on.
_GAP = re.compile(f"[{HAN}](?=([{HAN}{CJK_MARKS}])|[{SEPARATORS}]([{HAN}{CJK_MARKS},.;:!?()]))")
# One separator (not two or more) between two characters of Chinese text, one side at least a
# Chinese character or mark; the other may be a digit or an ASCII mark of prose.
_JOINABLE = f"{HAN}{CJK_MARKS}0-9,.;:!?()\"'"
_SPACE = re.compile(
    f"(?<=[{_JOINABLE}])(?<![{SEPARATORS}])[{SEPARATORS}](?![{SEPARATORS}])(?=[{_JOINABLE}])"
)
_HAN_CHAR = re.compile(f"[{HAN}]")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def letter_spaced(line: str, min_han: int = MIN_HAN) -> bool:
    """Whether most gaps after the line's Chinese characters are a single separator, on a
    line of min_han Chinese characters or more (not a table row)."""
    if len(_HAN_CHAR.findall(line)) < min_han or _TABLE_ROW.match(line):
        return False
    unspaced = spaced = 0
    for gap in _GAP.finditer(line):
        if gap.group(1):
            unspaced += 1
        else:
            spaced += 1
    return spaced > 0 and spaced >= SHARE * (spaced + unspaced)


def _closed(line: str) -> str:
    def join(match: re.Match) -> str:
        left, right = line[match.start() - 1], line[match.end()]
        if not (_CHINESE.match(left) or _CHINESE.match(right)):
            return match.group(0)  # 2 0: two digits, (1) 2: marks and digits
        if not _CHINESE.search(line, 0, match.start()):
            return match.group(0)  # 5. 教育, (1) 教育: the space after the line's marker
        return ""

    return _SPACE.sub(join, line)


# A chapter's or a part's numbering at the line's start (第 七 章, 第七章), before a space: the
# numbering is closed up, the space between it and the name stays (第七章 文件管理).
_NUMBERING = re.compile(
    f"^第(?:[{SEPARATORS}]?[一二三四五六七八九十百千零〇两0-9]){{1,6}}[{SEPARATORS}]?"
    f"[章节節条條篇部编編讲講课課回卷册冊](?=[{SEPARATORS}])"
)


# A mark of a sentence: a letter-spaced line holding one is prose (a menu, a row of a site's
# links set out letter by letter, holds none).
_SENTENCE_MARK = re.compile(r"[，。、；：！？,;:!?]")


def closed_up(line: str, min_han: int = MIN_HAN, *, prose: bool = False) -> str:
    """The line with its letter spacing dropped when it is letter-spaced (and, with prose,
    holds a mark of a sentence), else as it is."""
    if not letter_spaced(line, min_han) or (prose and not _SENTENCE_MARK.search(line)):
        return line
    numbering = _NUMBERING.match(line)
    if numbering:
        at = numbering.end()
        return f"{_closed(line[:at])}{line[at]}{_closed(line[at + 1 :].lstrip(SEPARATORS))}"
    return _closed(line)
