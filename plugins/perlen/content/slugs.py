"""German slugs: `Monarchie im Perlenbüro` → `monarchie-im-perlenbuero`.

Stock Pelican transliterates with Unidecode first (`ü` → `u`), which German
readers read as a misspelling; we spell umlauts out before Pelican's slugify.
A slug comes from the plain text a writer typed: hearts (`<3`) and emoji are
dropped, and nothing else is lost; Pelican's slugify would strip anything
between `<` and `>` as if it were an HTML tag (`Wir <3 "Kunden" & </script>
Tags` → `wir-tags`).
"""

import html
import re
from functools import lru_cache

import emoji
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from perlen.text.headings import GERMAN_SPELLING
from perlen.text.hearts import HEART

_SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
# Every emoji the `emoji` package knows is © or ®, or holds a character from
# U+203C (‼) on (a keycap's U+20E3, too): where none is, its search (half
# the time of a slug) is left out.
_MAYBE_EMOJI = re.compile("[©®\u203c-\U0010ffff]")


@lru_cache(maxsize=16384)
def german_slug(text: str) -> str:
    """Return the URL slug of a German title, category, tag or name.

    Memoized: every post names its category, tags and author again, and
    Pelican's slugify (Unidecode and four regexes) is slow.
    """
    # HEART looks at the character before a heart; the space gives it one.
    plain = HEART.sub(" ", f" {text}")
    if _MAYBE_EMOJI.search(plain):
        plain = emoji.replace_emoji(plain, " ")
    # Escaped, so that slugify's tag stripping finds no tags, only text.
    return slugify(
        html.escape(plain.translate(GERMAN_SPELLING)), regex_subs=_SUBSTITUTIONS
    )
