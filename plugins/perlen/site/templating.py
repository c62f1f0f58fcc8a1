"""German dates, plain text and languages for templates: Jinja filters and
locale dates.

Templates format dates with `{{ article.date|datum }}` or any CLDR pattern
(`{{ article.date|datum("MMMM y") }}`); `locale_date` is German too, so
Pelican's own templates print German without a `de_DE` system locale.
`|plaintext` keeps the no-break spaces the text pipeline set, `|teaser`
gives a post card its plain-text teaser, `|own_text` is the text of a post
without captions and footnotes (for a description), `|bcp47` and `|og_locale`
name a post's language for JSON-LD and OpenGraph.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Any

from babel.core import Locale, UnknownLocaleError, get_global

from perlen.content.dates import format_date
from perlen.settings import DEFAULTS, setting
from perlen.site.contents import contents_of
from perlen.site.csp import content_security_policy
from perlen.site.labels import LABELS, foreign_date, label, primary
from perlen.site.page_links import PageLinks
from perlen.text.fragments import own_text, plain_text, teaser


def plaintext(value: str) -> str:
    """Text of an HTML fragment (title, summary) without tags or entities,
    its no-break spaces kept.

    For `<title>`, meta descriptions, feeds and JSON-LD; escape it for the
    context it goes into.
    """
    return plain_text(value)


def card_teaser(content, limit: int) -> str:
    """A post card's plain-text teaser: the writer's `Zusammenfassung`, else
    the start of the post's text (never its headings, images or links)."""
    written = content.metadata.get("summary")
    return teaser(written if written else content.content, limit)


def _once_per_post(make: Callable[[Any], str]) -> Callable[[Any], str]:
    """`make(content)` computed once per post and generator: a post's card
    appears on the home page, its category's, tags' and authors' pages, and
    each time its teaser would be parsed from the post's HTML again (about
    6.5 times per post; 3 % of a cold build's CPU time). The post is kept
    with its teaser, so its `id` stays its own while the generator lives."""
    made: dict[int, tuple[Any, str]] = {}

    def once(content) -> str:
        known = made.get(id(content))
        if known is None or known[0] is not content:
            known = made[id(content)] = (content, make(content))
        return known[1]

    return once


@cache
def _likely(lang: str) -> tuple[str, str | None]:
    """Language and likely territory of a language code: "de" → ("de", "DE")."""
    code = str(lang).replace("-", "_")
    try:
        locale = Locale.parse(get_global("likely_subtags").get(code, code))
    except (UnknownLocaleError, ValueError):
        return code, None
    return locale.language, locale.territory


def bcp47(lang: str) -> str:
    """A language tag with its likely region, as JSON-LD's `inLanguage`
    wants it: "de" → "de-DE", "en" → "en-US"."""
    language, territory = _likely(lang)
    return f"{language}-{territory}" if territory else language


def og_locale(lang: str) -> str:
    """OpenGraph's locale: "de" → "de_DE", "en" → "en_US"."""
    return bcp47(lang).replace("-", "_")


def add_filters(generator) -> None:
    """`generator_init` handler: the `datum`, `plaintext`, `teaser`,
    `own_text`, `bcp47` and `og_locale` filters, `label` (`labels`), the
    Content-Security-Policy for the pages' meta element as `csp_meta`,
    the agency's description and contact as `agentur`, and the links to the
    site's pages as `page_links` (`page_links`)."""
    settings = generator.settings
    locale = setting(settings, "PERLEN_LOCALE")
    default = setting(settings, "PERLEN_DATE_PATTERN")
    teaser_length = setting(settings, "PERLEN_TEASER_LENGTH")

    def datum(value, pattern: str = default, lang: str | None = None) -> str:
        """The date in the site's language, or in `lang` (a post's language)
        where the post's page speaks it (`labels`)."""
        language = primary(lang)
        if language in LABELS and language != primary(locale):
            return foreign_date(value, language, full=pattern == default)
        return format_date(value, pattern, locale=locale)

    generator.env.filters["datum"] = datum
    generator.env.filters["plaintext"] = plaintext
    generator.env.filters["teaser"] = _once_per_post(
        partial(card_teaser, limit=teaser_length)
    )
    generator.env.filters["own_text"] = own_text
    generator.env.filters["bcp47"] = bcp47
    generator.env.filters["og_locale"] = og_locale
    generator.env.globals["label"] = label
    generator.env.globals["csp_meta"] = content_security_policy(settings, meta=True)
    generator.env.globals["agentur"] = agency(settings, set())
    generator.env.globals["page_links"] = PageLinks(
        generator.env, settings.get("MENU_PAGES") or ()
    )


def agency(settings, urls: set[str]) -> dict[str, str]:
    """PERLEN_AGENTUR with its defaults for keys a site leaves out, and
    `contact_href`: an address as it is, a page of the site under SITEURL –
    or "" while the site has no such page (the theme then leaves the contact
    links out rather than link to nowhere)."""
    values = {**DEFAULTS["PERLEN_AGENTUR"], **settings.get("PERLEN_AGENTUR", {})}
    url = values["contact_url"]
    if ":" in url.split("/")[0]:  # mailto:, https:, tel:
        values["contact_href"] = url
    elif url.lstrip("/") in urls:
        values["contact_href"] = f"{settings.get('SITEURL', '')}/{url.lstrip('/')}"
    else:
        values["contact_href"] = ""
    return values


def add_agency(generators) -> None:
    """`all_generators_finalized` handler: `agentur` once the site's pages
    are known, so that the contact link points to a page that exists."""
    contents = contents_of(generators)
    urls = {content.url for content in contents if getattr(content, "url", None)}
    for generator in generators:
        if hasattr(generator, "env"):
            generator.env.globals["agentur"] = agency(generator.settings, urls)


def localize_dates(content) -> None:
    """`content_object_init` handler: German `locale_date`/`locale_modified`."""
    settings = content.settings
    locale = setting(settings, "PERLEN_LOCALE")
    pattern = setting(settings, "PERLEN_DATE_PATTERN")
    if hasattr(content, "date"):
        content.locale_date = format_date(content.date, pattern, locale=locale)
    if hasattr(content, "modified"):
        content.locale_modified = format_date(content.modified, pattern, locale=locale)
