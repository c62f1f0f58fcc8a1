"""Reading time of a post ("4 Min. Lesezeit") from its word count.

Readers of German prose manage about 200 words a minute (German words are
long); the rate is the setting `PERLEN_WORDS_PER_MINUTE`.
"""

from __future__ import annotations

import html
import math
import re

from perlen.pelican_glue import raw_html
from perlen.settings import setting

# The metadata key of the word count the reader stores.
WORD_COUNT = "word_count"

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+(?:[-’']\w+)*")


def count_words(fragment: str) -> int:
    """Words in an HTML fragment; tags and entities do not count.

    Tags become spaces, so words in adjacent paragraphs stay apart.
    """
    return len(_WORD.findall(html.unescape(_TAG.sub(" ", fragment))))


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes to read `words`, rounded up, at least one."""
    return max(1, math.ceil(words / words_per_minute))


def add_reading_time(content) -> None:
    """`content_object_init` handler: set `content.reading_time` in minutes.

    `GermanMarkdownReader` counts the words once, into the metadata
    (`WORD_COUNT`), which Pelican's content cache keeps, so a rebuild does
    not strip the HTML of every post again; other readers' content is
    counted here.
    """
    rate = setting(content.settings, "PERLEN_WORDS_PER_MINUTE")
    words = content.metadata.get(WORD_COUNT)
    if words is None:
        words = count_words(raw_html(content))
    content.reading_time = reading_minutes(words, rate)
