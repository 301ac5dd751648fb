"""A post's byline told by its shape, whatever its words: a date with a time or a counter.

Themes print a line over the text that no rule names (2024-12-31 17:18  工作感悟  评论  字数统计：1839字,
4012 人参与2022年05月27日09:58分类 : 新媒体运营, 810 字2分钟, Homura · 1 小时46分钟前): a date
and a time, a reading count, a word count, a reading time. It is short, says no sentence, and
holds little besides its date and counters. A date alone (2024年5月6日, a notice's) is no byline
by shape: it needs a time or a counter beside it.
"""

from __future__ import annotations

import re

from .dates import EN_DATE_PATTERN
from .markup import BARE_LINK
from .thresholds import limit

BYLINE_MAX_CHARS = limit("clean", "byline_max_chars")
BYLINE_OWN_CHARS = limit("clean", "byline_own_chars")

# A date in figures, or in words as dates.py reads an English theme's (Dec 31, 2024).
# A date in figures right before a clock time is one even glued to a figure before it (a
# theme's counter or user number run on: admin102025-03-14 18:05:53, 12021.10.26 13:01:18).
_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?=\s*\d{1,2}:\d{2})"
    rf"|(?i:{EN_DATE_PATTERN})"
)
_FIGURES_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_AGO = re.compile(
    r"\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|(?i:\d+\s*(?:minutes?|hours?|days?)\s+ago)"
)
# A counter: a number and what it counts, or a counter's label and its number.
_COUNT = re.compile(
    r"\d[\d,.]*\s*[万千kKwW]?\+?\s*(?:人参与|人阅读|次阅读|人看过|次浏览|次播放|条评论|个赞|阅读|浏览|评论|点赞|收藏|"
    r"赞|次|字|分钟|(?i:views?|reads?|words?|comments?|likes?|min(?:ute)?s?(?:\s+read)?))"
    r"|(?:阅读|浏览|点击|评论|字数|人气|热度|阅读量|浏览量|阅读数|点赞|收藏|字数统计|阅读时长|(?i:views?|reads?))"
    r"\s*[:：]?\s*\d"
)
# The source's address beside its name (中共湖北省委统一战线工作部 http://www.hbtyzx.gov.cn/ 2016-06-27
# 09:56:51): no words of the line's own.
_SENTENCE = re.compile(r"[。！？；，!?;]|,(?!\s?\d)")
_OWN = re.compile(r"[\u3400-\u9fffA-Za-z]")
# The time of the text's event (会议时间 2024年5月6日 14:00), not the post's.
_EVENT = re.compile(r"(?:会议|活动|报名|截止|考试|开始|结束|比赛|开放|营业|办理|受理)(?:时间|日期)")


def byline_shape(line: str, under_text: bool = False) -> bool:
    """Whether the line is a byline by its shape: short, no sentence's punctuation, a date with
    a time or a counter (or two counters, or a time ago), and few words of its own besides.
    under_text: the line stands under the text's last paragraph, where a date and a time in
    words (2023年6月9日(周五)上午10:00) may be the text's own event: only a date in figures
    (2025-06-30 18:10) counts with a time there."""
    if len(line) > BYLINE_MAX_CHARS or _SENTENCE.search(line) or _EVENT.search(line):
        return False
    dates = len((_FIGURES_DATE if under_text else _DATE).findall(line))
    times = len(_TIME.findall(line))
    counts, ago = len(_COUNT.findall(line)), len(_AGO.findall(line))
    if not ((dates and (times or counts or ago)) or counts >= 2 or (ago and (counts or times))):
        return False
    rest = _COUNT.sub("", _AGO.sub("", _TIME.sub("", _DATE.sub("", BARE_LINK.sub("", line)))))
    return len(_OWN.findall(rest)) <= BYLINE_OWN_CHARS


# What divides a byline's fields besides spaces (a bar, a dot).
_FIELD_SPLIT = re.compile(r"[\s|｜·•/]+")


def byline_words(line: str) -> list[str]:
    """The fields of a byline by its shape that are neither its date and time nor a counter
    (2023-05-12 09:30 张晓明 -> ['张晓明'])."""
    rest = _COUNT.sub(" ", _AGO.sub(" ", _TIME.sub(" ", _DATE.sub(" ", BARE_LINK.sub(" ", line)))))
    words = (_BOX_MARKS.sub("", word) for word in _FIELD_SPLIT.split(rest))
    return [word for word in words if word and not _EMPTY_COUNTER.fullmatch(word)]


# A counter's box left empty (【阅读 】: its figure filled in by a script) and its marks.
_BOX_MARKS = re.compile(r"[【】\[\]()（）]")
_EMPTY_COUNTER = re.compile(r"阅读|浏览|点击|评论|人气|次|(?i:views?)")
