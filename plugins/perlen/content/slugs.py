"""German slugs: `Monarchie im Perlenbüro` → `monarchie-im-perlenbuero`.

Stock Pelican transliterates with Unidecode first (`ü` → `u`), which German
readers read as a misspelling; we spell umlauts out before Pelican's slugify.
"""

from functools import lru_cache

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from perlen.text.headings import GERMAN_SPELLING

_SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]


@lru_cache(maxsize=16384)
def german_slug(text: str) -> str:
    """Return the URL slug of a German title, category, tag or name.

    Memoized: every post names its category, tags and author again, and
    Pelican's slugify (Unidecode and four regexes) is slow.
    """
    return slugify(text.translate(GERMAN_SPELLING), regex_subs=_SUBSTITUTIONS)
