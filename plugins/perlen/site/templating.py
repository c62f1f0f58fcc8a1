"""German dates and plain text for templates: Jinja filters and locale dates.

Templates format dates with `{{ article.date|datum }}` or any CLDR pattern
(`{{ article.date|datum("MMMM y") }}`); `locale_date` is German too, so
Pelican's own templates print German without a `de_DE` system locale.
"""

from __future__ import annotations

from markupsafe import Markup

from perlen.content.dates import format_date
from perlen.settings import setting
from perlen.site.csp import content_security_policy


def plaintext(value: str) -> str:
    """Text of an HTML fragment (title, summary) without tags or entities.

    For `<title>`, meta descriptions, feeds and JSON-LD; escape it for the
    context it goes into.
    """
    return Markup(str(value)).striptags()


def add_filters(generator) -> None:
    """`generator_init` handler: the `datum` and `plaintext` filters, and the
    Content-Security-Policy for the pages' meta element as `csp_meta`."""
    settings = generator.settings
    locale = setting(settings, "PERLEN_LOCALE")
    default = setting(settings, "PERLEN_DATE_PATTERN")

    def datum(value, pattern: str = default) -> str:
        return format_date(value, pattern, locale=locale)

    generator.env.filters["datum"] = datum
    generator.env.filters["plaintext"] = plaintext
    generator.env.globals["csp_meta"] = content_security_policy(settings, meta=True)


def localize_dates(content) -> None:
    """`content_object_init` handler: German `locale_date`/`locale_modified`."""
    settings = content.settings
    locale = setting(settings, "PERLEN_LOCALE")
    pattern = setting(settings, "PERLEN_DATE_PATTERN")
    if hasattr(content, "date"):
        content.locale_date = format_date(content.date, pattern, locale=locale)
    if hasattr(content, "modified"):
        content.locale_modified = format_date(content.modified, pattern, locale=locale)
