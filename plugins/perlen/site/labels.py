"""The words around a post, in the post's language.

A post with `Sprache: Englisch` is set in English; its own page speaks
English too where it talks about the post: its date, reading time, byline,
table of contents and share links (`{{ label("Lesezeit", article.lang) }}`,
`{{ article.date|datum(lang=article.lang) }}`). The site's navigation and
everything outside the `<article>` stay in the site's language.

The German label is the key, so a template reads as the German page it
makes; a language or label without a translation shows the German one.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel.dates import format_date

from perlen.content.dates import BERLIN

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "Min. Lesezeit": "min read",
        "von": "by",
        "aktualisiert am": "updated",
        "Bild:": "Image:",
        "Inhalt": "Contents",
        "Schlagwörter": "Tags",
        "Beitrag teilen": "Share this post",
        "per E-Mail": "by email",
        "auf LinkedIn": "on LinkedIn",
        "auf Bluesky": "on Bluesky",
        "per WhatsApp": "via WhatsApp",
    },
}


def primary(lang: str | None) -> str:
    """The language of a locale or language tag: "en_GB" → "en"."""
    return (lang or "").replace("-", "_").split("_")[0].lower()


def label(german: str, lang: str | None) -> str:
    """`german` in the language `lang` (a post's `lang`), else German."""
    return LABELS.get(primary(lang), {}).get(german, german)


@cache
def foreign_date(value: date | datetime, lang: str, full: bool) -> str:
    """A date in a language other than the site's, in its CLDR form:
    "Wednesday, March 12, 2025" (`full`) or "March 12, 2025"."""
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=BERLIN)).astimezone(
            BERLIN
        )
        value = value.date()
    return format_date(value, "full" if full else "long", locale=lang)
